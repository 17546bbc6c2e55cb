/**
 * Turns the short texts of a quiz (its question, options and feedback) into HTML at build time.
 * They are plain text with two kinds of markup:
 *   $…$    inline maths, rendered by the `renderMath` function given (KaTeX in Quiz.astro);
 *   `…`    code;
 *   \$     a literal dollar sign.
 * Everything else is escaped. The renderer is passed in so this module stays free of KaTeX.
 */
import { escapeHtml } from '../format/html.ts';
import type { ValidQuiz } from './validate.ts';
import { errorText } from '../format/error-text.ts';

export type RenderMath = (tex: string) => string;

const escape = escapeHtml;

/** HTML of one text. Throws an Error saying what is wrong (an unclosed `$`, display maths, …). */
export function renderInline(text: string, renderMath: RenderMath): string {
  let html = '';
  let plain = '';
  let i = 0;
  const flush = () => {
    html += escape(plain);
    plain = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === '$') {
      plain += '$';
      i += 2;
    } else if (c === '$') {
      if (text[i + 1] === '$') throw new Error('display maths ($$…$$) does not fit in a quiz question, option or feedback: use inline maths, $…$.');
      const end = closingDollar(text, i + 1);
      if (end < 0)
        throw new Error(`"$" at character ${i + 1} starts maths that never ends: close it with another "$", or write \\$ for a dollar sign.`);
      const tex = text.slice(i + 1, end);
      if (!tex.trim()) throw new Error(`empty maths "$$" at character ${i + 1}: write \\$ for a dollar sign.`);
      flush();
      html += renderMath(tex);
      i = end + 1;
    } else if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new Error(`"\`" at character ${i + 1} starts code that never ends: close it with another "\`".`);
      flush();
      html += `<code>${escape(text.slice(i + 1, end))}</code>`;
      i = end + 1;
    } else {
      plain += c;
      i++;
    }
  }
  flush();
  return html;
}

/** Index of the `$` that closes maths opened before `from`, skipping escaped `\$`; -1 if none. */
function closingDollar(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '$') return i;
  }
  return -1;
}

/** The question, options and feedback of a quiz as HTML; an error names the quiz and the text at fault. */
export function renderQuizTexts(quiz: ValidQuiz, renderMath: RenderMath): { question: string; options: string[]; feedback: string[] } {
  const render = (text: string, where: string) => {
    try {
      return renderInline(text, renderMath);
    } catch (error) {
      const reason = errorText(error);
      throw new Error(`<Quiz id="${quiz.spec.id}">, ${where}: ${reason}\n  text: ${text}`, { cause: error });
    }
  };
  return {
    question: render(quiz.question, 'question'),
    options: quiz.options.map((option, i) => render(option, `option ${i}`)),
    feedback: quiz.feedback.map((text, i) => render(text, `feedback ${i}`)),
  };
}
