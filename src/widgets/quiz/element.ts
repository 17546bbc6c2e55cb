/**
 * <tk-quiz>: a quiz in a lesson. Quiz.astro renders all of its markup at build time (question,
 * options, buttons, the hidden explanation) and the quiz's spec as JSON; this element only wires
 * the buttons, judges answers with src/lib/quiz and saves them with savedProgress().
 *
 * Flow:
 *  - "Check answer" judges the answer (nothing chosen or text that is not a number is refused with
 *    a message and does not count), saves it, locks the inputs and says Right / Not quite.
 *  - Right: the explanation appears and takes focus.
 *  - Not quite: the status line adds the author's feedback for this mistake when the quiz has some
 *    (rendered at build time into <template data-part="feedback">, see src/lib/markup/quiz.ts);
 *    "Try again" unlocks the inputs (the answer stays, to be edited); "Show the answer"
 *    marks the right options (or states the accepted range) and reveals the explanation.
 *  - On load, a saved answer is put back and judged again against the current quiz.
 *
 * Preview mode: with the `data-preview` attribute (the /author preview, see src/lib/markup/quiz.ts)
 * the quiz judges answers as usual but never touches savedProgress(): nothing is restored, saved or
 * followed, so answering a draft's quiz cannot change the reader's progress.
 *
 * For tests and assistive technology: `data-answer` is unanswered | correct | wrong | revealed, and
 * `data-state` follows the widget contract (src/widgets/README.md): idle until answered, then done;
 * the role="status" line states the verdict in words; marks beside options are text, not colour.
 */
import { checkAnswer, formatNumber, nothingChosenMessage, revealMessage } from '../../lib/quiz/check.ts';
import { parseNumberInput } from '../../lib/quiz/parse.ts';
import type { QuizAnswer, QuizResult, QuizSpec } from '../../lib/quiz/types.ts';
import { part } from '../shared/html.ts';
import { savedProgress } from '../shared/saved-progress.ts';
import { errorText } from '../../lib/format/error-text.ts';

export type QuizState = 'unanswered' | 'correct' | 'wrong' | 'revealed';

class TkQuiz extends HTMLElement {
  private spec: QuizSpec | null = null;
  private state: QuizState = 'unanswered';
  /** The answer on display, as JSON, to tell other tabs' changes from our own. */
  private shownAnswer: string | null = null;
  private saving = false;
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    if (this.spec) {
      this.follow(); // moved in the page: already wired
      return;
    }
    try {
      this.spec = JSON.parse(part(this, 'spec').textContent ?? '') as QuizSpec;
    } catch (error) {
      this.say(`This quiz could not start: ${errorText(error)}. Reload the page.`);
      return;
    }
    part<HTMLFormElement>(this, 'form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.check();
    });
    part(this, 'retry').addEventListener('click', () => this.tryAgain());
    part(this, 'reveal').addEventListener('click', () => this.reveal());
    this.restore();
    this.follow();
  }

  /** Preview mode (data-preview): judge answers, never restore, save or follow saved progress. */
  private get preview(): boolean {
    return this.hasAttribute('data-preview');
  }

  /** Follow changes made elsewhere (another tab answering, importing or resetting progress). */
  private follow(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.preview) return;
    this.unsubscribe = savedProgress().subscribe((data) => {
      if (!this.spec || this.saving) return;
      const saved = data.quizzes[this.spec.id];
      if (saved) {
        if (JSON.stringify(saved.answer) !== this.shownAnswer) this.restore();
      } else if (this.state !== 'unanswered') {
        this.clear();
      }
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Back to a fresh, unanswered quiz (progress was reset elsewhere). */
  private clear(): void {
    this.shownAnswer = null;
    for (const input of this.choices()) input.checked = false;
    if (this.spec?.kind === 'numeric') this.numberInput().value = '';
    this.setState('unanswered');
    this.say('');
    this.mark(false);
  }

  private get fieldset(): HTMLFieldSetElement {
    return part<HTMLFieldSetElement>(this, 'fieldset');
  }

  private choices(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[data-part="choice"]')];
  }

  private numberInput(): HTMLInputElement {
    return part<HTMLInputElement>(this, 'number');
  }

  /** The reader's current answer, or null (after saying why) when there is none to check. */
  private readAnswer(spec: QuizSpec): QuizAnswer | null {
    if (spec.kind === 'choice') {
      const selected = this.choices().flatMap((input, i) => (input.checked ? [i] : []));
      if (selected.length === 0) {
        this.say(nothingChosenMessage(spec));
        this.choices()[0]?.focus();
        return null;
      }
      return { kind: 'choice', selected };
    }
    const input = this.numberInput();
    const parsed = parseNumberInput(input.value, { percent: spec.percent, unit: spec.percent ? '' : spec.unit });
    if (!parsed.ok) {
      input.setAttribute('aria-invalid', 'true');
      this.say(parsed.message);
      input.focus();
      return null;
    }
    input.removeAttribute('aria-invalid');
    return { kind: 'numeric', value: parsed.value };
  }

  private check(): void {
    const spec = this.spec;
    if (!spec || this.state !== 'unanswered') return;
    const answer = this.readAnswer(spec);
    if (!answer) return;
    const result = checkAnswer(spec, answer);
    this.save(answer, result.correct);
    this.show(answer, result);
    // The Check button is now hidden: keep keyboard focus inside the quiz.
    if (result.correct) this.focusExplanation();
    else part(this, 'retry').focus();
  }

  /** Puts `answer` in the inputs and shows the verdict: the state after a check (or a restore). */
  private show(answer: QuizAnswer, result: QuizResult): void {
    const spec = this.spec;
    if (!spec) return;
    if (answer.kind === 'choice') {
      const selected = new Set(answer.selected);
      this.choices().forEach((input, i) => (input.checked = selected.has(i)));
    } else {
      this.numberInput().value = formatNumber(answer.value);
    }
    this.shownAnswer = JSON.stringify(answer);
    this.setState(result.correct ? 'correct' : 'wrong');
    this.say(result.message, result.feedback);
    this.mark(result.correct);
  }

  private tryAgain(): void {
    this.setState('unanswered');
    this.say('');
    this.mark(false);
    if (this.spec?.kind === 'numeric') {
      const input = this.numberInput();
      input.focus();
      input.select();
    } else {
      const choices = this.choices();
      (choices.find((c) => c.checked) ?? choices[0])?.focus();
    }
  }

  private reveal(): void {
    if (!this.spec) return;
    this.setState('revealed');
    this.say(revealMessage(this.spec));
    this.mark(true);
    this.focusExplanation();
  }

  private setState(state: QuizState): void {
    this.state = state;
    this.dataset.answer = state;
    this.dataset.state = state === 'unanswered' ? 'idle' : 'done';
    const answered = state !== 'unanswered';
    this.fieldset.disabled = answered;
    part(this, 'check').hidden = answered;
    part(this, 'retry').hidden = state !== 'wrong';
    part(this, 'reveal').hidden = state !== 'wrong';
    const explanation = this.querySelector<HTMLElement>('[data-part="explanation"]');
    if (explanation) explanation.hidden = state !== 'correct' && state !== 'revealed';
  }

  /**
   * Text marks beside the options. After a right answer or "Show the answer", each right option
   * says so and each wrongly chosen one says it is not right; otherwise (a wrong answer not yet
   * revealed) nothing is marked, so the feedback does not give the answer away.
   */
  private mark(show: boolean): void {
    const spec = this.spec;
    if (spec?.kind !== 'choice') return;
    const right = new Set(spec.answer);
    this.choices().forEach((input, i) => {
      const mark = this.querySelector<HTMLElement>(`[data-part="mark"][data-option="${i}"]`);
      if (!mark) return;
      let text = '';
      if (show && right.has(i)) text = this.state === 'correct' ? 'Right' : 'Right answer';
      else if (show && input.checked) text = 'Not right';
      mark.textContent = text;
      mark.dataset.mark = text === '' ? '' : right.has(i) ? 'right' : 'wrong';
    });
  }

  private focusExplanation(): void {
    const explanation = this.querySelector<HTMLElement>('[data-part="explanation"]');
    (explanation && !explanation.hidden ? explanation : part(this, 'status')).focus();
  }

  /** Puts `text` in the status line, followed by the author's feedback entries `feedback` (indices). */
  private say(text: string, feedback: readonly number[] = []): void {
    const status = this.querySelector<HTMLElement>('[data-part="status"]');
    if (!status) return;
    const parts: Node[] = [];
    for (const index of feedback) {
      const template = this.querySelector<HTMLTemplateElement>(`template[data-part="feedback"][data-feedback="${index}"]`);
      if (!template) continue;
      const span = document.createElement('span');
      span.className = 'tk-quiz__feedback-text';
      span.dataset.part = 'feedback-text';
      span.append(template.content.cloneNode(true));
      parts.push(span);
    }
    if (parts.length === 0) {
      if (status.textContent !== text || status.children.length > 0) status.textContent = text;
      return;
    }
    status.replaceChildren(text, ...parts.flatMap((span) => [' ', span]));
  }

  private note(text: string): void {
    const note = part(this, 'note');
    note.textContent = text;
    note.hidden = text === '';
  }

  /** Saves the answer; a storage failure is shown beside the quiz, never thrown. */
  private save(answer: QuizAnswer, correct: boolean): void {
    if (!this.spec || this.preview) return;
    try {
      const progress = savedProgress();
      this.saving = true;
      try {
        progress.recordQuizAnswer(this.spec.id, answer, correct);
      } finally {
        this.saving = false;
      }
      const problem = progress.problems().find((p) => p.kind === 'quota' || p.kind === 'unavailable');
      this.note(problem ? `Your answer is not saved: ${problem.message}` : '');
    } catch (error) {
      this.note(`Your answer is not saved: ${errorText(error)}`);
    }
  }

  /** Puts back the answer saved on an earlier visit, judged again (the quiz may have changed since). */
  private restore(): void {
    const spec = this.spec;
    if (!spec || this.preview) return;
    let saved;
    try {
      saved = savedProgress().data().quizzes[spec.id];
    } catch {
      return; // nothing to restore; a save will report the problem
    }
    if (!saved) return;
    const answer = saved.answer;
    // Ignore anything that cannot be this quiz's answer (the quiz changed kind, or lost options).
    if (answer.kind === 'choice') {
      const count = this.choices().length;
      if (spec.kind !== 'choice' || !Array.isArray(answer.selected) || answer.selected.some((i) => !Number.isInteger(i) || i < 0 || i >= count))
        return;
    } else if (spec.kind !== 'numeric' || !Number.isFinite(answer.value)) {
      return;
    }
    const result = checkAnswer(spec, answer);
    this.show(answer, result);
    // Answers migrated from an older format, or judged by an older version of the quiz, are
    // stored again with today's verdict so the course map counts them right.
    if (result.correct !== saved.correct) this.save(answer, result.correct);
  }
}

if (!customElements.get('tk-quiz')) customElements.define('tk-quiz', TkQuiz);
