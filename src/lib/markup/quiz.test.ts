import { describe, expect, it } from 'vitest';
import { renderQuizTexts } from '../quiz/inline.ts';
import { validateQuizProps, type QuizProps } from '../quiz/validate.ts';
import { quizHint, quizHtml } from './quiz.ts';

/** Quiz markup from props, with maths shown as [tex] (no KaTeX here). */
function render(props: QuizProps, explanation: string | null = null, options?: { preview?: boolean }): string {
  const quiz = validateQuizProps(props);
  return quizHtml(
    quiz,
    renderQuizTexts(quiz, (tex) => `[${tex}]`),
    explanation,
    options,
  );
}

const choice = { id: 'softmax-sum', question: 'What do the outputs of $f$ add up to?', options: ['0', '1', '`10`'], answer: 1 };

describe('quizHtml', () => {
  it('renders a single-choice quiz with radio buttons and its spec', () => {
    const html = render(choice);
    expect(html).toMatch(
      /^<tk-quiz class="tk-widget tk-quiz" id="quiz-softmax-sum" data-quiz-id="softmax-sum" data-kind="choice" data-state="idle" data-answer="unanswered">/,
    );
    expect(html).toContain('<fieldset class="tk-quiz__fieldset" data-part="fieldset" aria-describedby="quiz-softmax-sum-hint">');
    expect(html).toContain('<span>What do the outputs of [f] add up to?</span></legend>');
    expect(html).toContain('<p class="tk-quiz__hint" id="quiz-softmax-sum-hint">Choose one answer, then check.</p>');
    expect(html.match(/type="radio" name="quiz-softmax-sum"/g)).toHaveLength(3);
    expect(html).toContain(
      '<label class="tk-quiz__option"><input type="radio" name="quiz-softmax-sum" value="2" data-part="choice"><span class="tk-quiz__text"><code>10</code></span><span class="tk-quiz__mark" data-part="mark" data-option="2"></span></label>',
    );
    expect(html).toContain(
      '<script type="application/json" data-part="spec">{"kind":"choice","id":"softmax-sum","multiple":false,"optionCount":3,"answer":[1]}</script></tk-quiz>',
    );
    expect(html).not.toContain('data-part="explanation"');
  });

  it('puts each feedback text, rendered, in an inert template, and its rule in the spec', () => {
    const html = render({
      ...choice,
      feedback: [
        { option: 2, text: 'Not $10$: <b>' },
        { option: 0, text: 'zero' },
      ],
    });
    expect(html).toContain(
      '<template data-part="feedback" data-feedback="0">Not [10]: &lt;b&gt;</template><template data-part="feedback" data-feedback="1">zero</template><script type="application/json" data-part="spec">',
    );
    expect(html).toContain('"answer":[1],"feedback":[{"option":2},{"option":0}]}</script>');
    expect(render(choice)).not.toContain('<template');
  });

  it('uses checkboxes and the "all that apply" hint for a multiple quiz', () => {
    const html = render({ ...choice, multiple: true, answer: [0, 2] });
    expect(html.match(/type="checkbox"/g)).toHaveLength(3);
    expect(html).not.toContain('type="radio"');
    expect(html).toContain('Choose all the answers that apply, then check.');
  });

  it('renders a numeric quiz with its label, unit and hint', () => {
    const html = render({ id: 'lr', question: 'Learning rate?', numeric: true, answer: 0.1, unit: 'ms', label: 'Rate' });
    expect(html).toContain('data-kind="numeric"');
    expect(html).toContain('<span class="tk-quiz__field-label">Rate (in ms)</span>');
    expect(html).toContain(
      '<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" name="quiz-lr" data-part="number"><span class="tk-quiz__unit" aria-hidden="true">ms</span>',
    );
    expect(html).toContain('Type a number (in ms), then check your answer.');
    expect(html).not.toContain('data-part="choice"');
  });

  it('says "in percent" for a percent quiz, and nothing for a bare number', () => {
    const percent = render({ id: 'acc', question: 'Accuracy?', numeric: true, answer: 97, percent: true });
    expect(percent).toContain('<span class="tk-quiz__field-label">Your answer (in percent)</span>');
    expect(percent).toContain('<span class="tk-quiz__unit" aria-hidden="true">%</span>');
    expect(percent).toContain('Type a number (in percent), then check your answer.');
    const bare = render({ id: 'n', question: 'How many?', numeric: true, answer: 3 });
    expect(bare).toContain('<span class="tk-quiz__field-label">Your answer</span>');
    expect(bare).not.toContain('tk-quiz__unit');
    expect(quizHint(validateQuizProps({ id: 'n', question: 'How many?', numeric: true, answer: 3 }))).toBe('Type a number, then check your answer.');
  });

  it('adds the hidden explanation when there is one', () => {
    expect(render(choice, '<p>Because.</p>')).toContain(
      '<div class="tk-quiz__explanation" data-part="explanation" tabindex="-1" hidden><p class="tk-quiz__explanation-title">Explanation</p><p>Because.</p></div><script',
    );
  });

  it('marks a preview quiz with data-preview, and only then', () => {
    expect(render(choice, null, { preview: true })).toMatch(/^<tk-quiz [^>]*data-answer="unanswered" data-preview>/);
    expect(render(choice, null, { preview: false })).not.toContain('data-preview');
    expect(render(choice)).not.toContain('data-preview');
  });

  it('escapes the question and options, and cannot close the spec script early', () => {
    const html = render({ id: 'x', question: '<script>alert(1)</script>', options: ['"a"', '</script><b>'], answer: 0 });
    expect(html).toContain('<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(html).toContain('<span class="tk-quiz__text">&lt;/script&gt;&lt;b&gt;</span>');
    expect(html.match(/<\/script>/g)).toHaveLength(1);

    const label = render({ id: 'y', question: 'Q?', numeric: true, answer: 1, label: '<b>"L"</b>', unit: '<i>' });
    expect(label).toContain('&lt;b&gt;&quot;L&quot;&lt;/b&gt; (in &lt;i&gt;)');
    expect(label).toContain('<span class="tk-quiz__unit" aria-hidden="true">&lt;i&gt;</span>');
    expect(label).toContain('"unit":"\\u003ci>"');
  });
});
