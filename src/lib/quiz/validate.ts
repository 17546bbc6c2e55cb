/**
 * Checks the props a lesson gives <Quiz> when the site builds, and turns them into a QuizSpec.
 * Every problem is collected and reported at once, in one error that names the quiz, so a lesson
 * author fixes them all in one go. (Duplicate ids across the course are checked elsewhere.)
 */
import { acceptedRange, formatNumber } from './check.ts';
import type { ChoiceFeedbackRule, NumericFeedbackRule, QuizSpec } from './types.ts';

/** The props of <Quiz>, as Astro passes them (anything may be missing or of the wrong type). */
export interface QuizProps {
  id?: unknown;
  question?: unknown;
  options?: unknown;
  answer?: unknown;
  multiple?: unknown;
  numeric?: unknown;
  tolerance?: unknown;
  relativeTolerance?: unknown;
  percent?: unknown;
  unit?: unknown;
  label?: unknown;
  feedback?: unknown;
}

/** A valid quiz: the spec the browser checks answers with, and the text the page shows. */
export interface ValidQuiz {
  spec: QuizSpec;
  /** The question, with inline maths ($…$) still as source. */
  question: string;
  /** Option texts of a choice quiz (empty for a numeric one), maths still as source. */
  options: string[];
  /** Visible label of the input of a numeric quiz. */
  label: string;
  /** Texts of the feedback entries, in the order of `spec.feedback`, maths still as source. */
  feedback: string[];
}

export const QUIZ_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

export class QuizPropsError extends Error {
  readonly quizId: string;
  readonly problems: string[];

  // Plain fields rather than parameter properties, so Node runs this file as TypeScript directly.
  constructor(quizId: string, problems: string[]) {
    super(
      `<Quiz id="${quizId}">: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`}`,
    );
    this.name = 'QuizPropsError';
    this.quizId = quizId;
    this.problems = problems;
  }
}

const isBool = (v: unknown) => v === undefined || typeof v === 'boolean';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function validateQuizProps(props: QuizProps): ValidQuiz {
  const problems: string[] = [];
  const id = typeof props.id === 'string' ? props.id : '';
  if (typeof props.id !== 'string' || props.id === '') {
    problems.push('give the quiz an id, e.g. id="softmax-sum"; the reader\'s answer is saved under it.');
  } else if (!QUIZ_ID_PATTERN.test(id)) {
    problems.push(`id "${id}": use lower-case letters, digits and dashes, starting with a letter or digit.`);
  }

  const question = typeof props.question === 'string' ? props.question.trim() : '';
  if (!question) problems.push('give the question as text: question="…".');

  for (const name of ['multiple', 'numeric', 'percent'] as const) {
    if (!isBool(props[name])) problems.push(`${name} is a flag: write ${name} (or ${name}={true}), or leave it out.`);
  }
  if (props.label !== undefined && (typeof props.label !== 'string' || !props.label.trim())) {
    problems.push('label must be non-empty text, e.g. label="Accuracy".');
  }

  let spec: QuizSpec | null = null;
  const options: string[] = [];
  const feedbackTexts: string[] = [];

  if (props.numeric === true) {
    if (props.multiple === true) problems.push('a quiz is either numeric or multiple choice, not both.');
    if (props.options !== undefined) problems.push('a numeric quiz has no options: remove options, or remove numeric.');
    if (!isNumber(props.answer))
      problems.push(`a numeric quiz needs a finite number as its answer, e.g. answer={0.1} (got ${describe(props.answer)}).`);
    const tolerance = props.tolerance ?? 0;
    if (!isNumber(tolerance) || tolerance < 0)
      problems.push(`tolerance must be a number ≥ 0, e.g. tolerance={0.005} (got ${describe(props.tolerance)}).`);
    const relative = props.relativeTolerance ?? 0;
    if (!isNumber(relative) || relative < 0 || relative >= 1) {
      problems.push(
        `relativeTolerance is a fraction of the answer from 0 to below 1, e.g. relativeTolerance={0.02} for 2% (got ${describe(props.relativeTolerance)}).`,
      );
    }
    const percent = props.percent === true;
    let unit = '';
    if (props.unit !== undefined) {
      if (typeof props.unit !== 'string' || !props.unit.trim()) problems.push('unit must be non-empty text, e.g. unit="ms".');
      else if (props.unit.trim() === '%') problems.push('for a percentage, write percent instead of unit="%".');
      else if (percent) problems.push('a percent quiz has "%" as its unit: remove unit, or remove percent.');
      else if (/[0-9]/.test(props.unit)) problems.push(`unit "${props.unit}" must not contain digits (they would be read as part of the answer).`);
      else unit = props.unit.trim();
    }
    if (isNumber(props.answer) && isNumber(tolerance) && isNumber(relative)) {
      spec = { kind: 'numeric', id, answer: props.answer, tolerance, relativeTolerance: relative, percent, unit: percent ? '%' : unit };
      const rules = numericFeedbackRules(props.feedback, spec, feedbackTexts, problems);
      if (rules.length > 0) spec.feedback = rules;
    }
  } else {
    for (const name of ['tolerance', 'relativeTolerance', 'percent', 'unit', 'label'] as const) {
      if (props[name] !== undefined) problems.push(`${name} only applies to a numeric quiz: add numeric, or remove ${name}.`);
    }
    if (!Array.isArray(props.options)) {
      problems.push('give the options as a list, e.g. options={["0", "1", "10"]}, or make the quiz numeric.');
    } else {
      if (props.options.length < 2) problems.push(`a choice quiz needs at least 2 options (got ${props.options.length}).`);
      props.options.forEach((option: unknown, i) => {
        if (typeof option !== 'string' || !option.trim()) problems.push(`option ${i} must be non-empty text (got ${describe(option)}).`);
        else options.push(option.trim());
      });
      const seen = new Map<string, number>();
      options.forEach((option, i) => {
        const first = seen.get(option);
        if (first !== undefined) problems.push(`options ${first} and ${i} are the same ("${option}").`);
        else seen.set(option, i);
      });
    }
    const optionCount = Array.isArray(props.options) ? props.options.length : 0;
    const multiple = props.multiple === true;
    const indices = answerIndices(props.answer, multiple, optionCount, problems);
    if (indices && Array.isArray(props.options)) {
      spec = { kind: 'choice', id, multiple, optionCount, answer: indices };
      const rules = choiceFeedbackRules(props.feedback, spec.multiple, optionCount, indices, feedbackTexts, problems);
      if (rules.length > 0) spec.feedback = rules;
    }
  }

  if (problems.length > 0 || !spec) throw new QuizPropsError(id || '(no id)', problems);
  const label = typeof props.label === 'string' ? props.label.trim() : 'Your answer';
  return { spec, question, options, label, feedback: feedbackTexts };
}

const CHOICE_FEEDBACK_EXAMPLE = 'feedback={[{ option: 2, text: "Why option 2 is wrong" }]}';
const NUMERIC_FEEDBACK_EXAMPLE = 'feedback={[{ value: 720000, text: "…" }, { max: 0, text: "…" }]}';

/**
 * The entries of the `feedback` prop as a list of objects with a text, or null (with a problem added).
 * Each entry's text is pushed onto `texts` when valid, so texts[i] belongs to rules[i].
 */
function feedbackEntries(feedback: unknown, example: string, problems: string[]): Record<string, unknown>[] | null {
  if (feedback === undefined) return null;
  if (!Array.isArray(feedback)) {
    problems.push(`feedback is a list of entries, e.g. ${example} (got ${describe(feedback)}).`);
    return null;
  }
  if (feedback.length === 0) {
    problems.push('feedback lists no entry: remove it, or add entries, e.g. ' + example + '.');
    return null;
  }
  const entries: Record<string, unknown>[] = [];
  feedback.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`feedback ${i} must be an object such as { value: 3, text: "…" } (got ${describe(entry)}).`);
      return;
    }
    entries.push(entry as Record<string, unknown>);
  });
  return entries.length === feedback.length ? entries : null;
}

function unknownKeys(entry: Record<string, unknown>, allowed: readonly string[], i: number, problems: string[]): void {
  for (const key of Object.keys(entry)) {
    if (!allowed.includes(key)) problems.push(`feedback ${i}: unknown key "${key}"; an entry takes ${allowed.map((k) => `"${k}"`).join(', ')}.`);
  }
}

function entryText(entry: Record<string, unknown>, i: number, problems: string[]): string | null {
  if (typeof entry.text !== 'string' || !entry.text.trim()) {
    problems.push(
      `feedback ${i} needs text: what to tell a reader who gives this answer, e.g. text: "That counts R, G and B but not alpha." (got ${describe(entry.text)}).`,
    );
    return null;
  }
  return entry.text.trim();
}

function choiceFeedbackRules(
  feedback: unknown,
  multiple: boolean,
  optionCount: number,
  answer: readonly number[],
  texts: string[],
  problems: string[],
): ChoiceFeedbackRule[] {
  const entries = feedbackEntries(feedback, CHOICE_FEEDBACK_EXAMPLE, problems);
  if (!entries) return [];
  const rules: ChoiceFeedbackRule[] = [];
  const seen = new Map<number, number>();
  entries.forEach((entry, i) => {
    unknownKeys(entry, ['option', 'text'], i, problems);
    if ('value' in entry || 'min' in entry || 'max' in entry)
      problems.push(`feedback ${i}: value, min and max are for numeric quizzes; in a choice quiz name the option, e.g. { option: 2, text: "…" }.`);
    const text = entryText(entry, i, problems);
    const option = entry.option;
    if (!Number.isInteger(option) || (option as number) < 0 || (option as number) >= optionCount) {
      problems.push(`feedback ${i}: option must be an option number from 0 to ${optionCount - 1} (got ${describe(option)}).`);
      return;
    }
    const index = option as number;
    if (!multiple && answer.includes(index)) {
      problems.push(
        `feedback ${i}: option ${index} is the right answer, so this feedback would never show; feedback is for wrong answers (say more in the explanation instead).`,
      );
      return;
    }
    const first = seen.get(index);
    if (first !== undefined) {
      problems.push(`feedback ${first} and ${i} are both for option ${index}: merge them into one.`);
      return;
    }
    seen.set(index, i);
    if (text !== null) {
      rules.push({ option: index });
      texts.push(text);
    }
  });
  return rules;
}

function numericFeedbackRules(
  feedback: unknown,
  spec: { answer: number; tolerance: number; relativeTolerance: number; percent: boolean; unit: string; id: string },
  texts: string[],
  problems: string[],
): NumericFeedbackRule[] {
  const entries = feedbackEntries(feedback, NUMERIC_FEEDBACK_EXAMPLE, problems);
  if (!entries) return [];
  const rules: NumericFeedbackRule[] = [];
  const [low, high] = acceptedRange({ kind: 'numeric', ...spec });
  const right = low === high ? `the answer is ${formatNumber(spec.answer)}` : `answers from ${formatNumber(low)} to ${formatNumber(high)} are right`;
  const values = new Map<number, number>();
  entries.forEach((entry, i) => {
    unknownKeys(entry, ['value', 'tolerance', 'min', 'max', 'text'], i, problems);
    if ('option' in entry)
      problems.push(
        `feedback ${i}: option is for choice quizzes; in a numeric quiz give a value or a range, e.g. { value: 720000, text: "…" } or { min: -1, max: 0, text: "…" }.`,
      );
    const text = entryText(entry, i, problems);
    const hasValue = 'value' in entry;
    const hasRange = 'min' in entry || 'max' in entry;
    let rule: NumericFeedbackRule | null = null;
    if (hasValue && hasRange) {
      problems.push(`feedback ${i}: give either a value or a range (min and/or max), not both.`);
    } else if (hasValue) {
      const tolerance = entry.tolerance ?? Math.max(spec.tolerance, isNumber(entry.value) ? spec.relativeTolerance * Math.abs(entry.value) : 0);
      if (!isNumber(entry.value)) problems.push(`feedback ${i}: value must be a finite number, e.g. value: 720000 (got ${describe(entry.value)}).`);
      else if (!isNumber(tolerance) || tolerance < 0)
        problems.push(`feedback ${i}: tolerance must be a number ≥ 0 (got ${describe(entry.tolerance)}).`);
      else if (entry.value + tolerance >= low && entry.value - tolerance <= high) {
        problems.push(`feedback ${i}: value ${formatNumber(entry.value)} counts as a right answer (${right}), so this feedback would never show.`);
      } else if (values.has(entry.value)) {
        problems.push(`feedback ${values.get(entry.value)} and ${i} are both for the value ${formatNumber(entry.value)}: merge them into one.`);
      } else {
        values.set(entry.value, i);
        rule = { value: entry.value, tolerance };
      }
    } else if (hasRange) {
      if ('tolerance' in entry) problems.push(`feedback ${i}: tolerance applies to a value entry; a range already says where it starts and ends.`);
      const min = entry.min ?? null;
      const max = entry.max ?? null;
      if (min !== null && !isNumber(min))
        problems.push(`feedback ${i}: min must be a finite number (got ${describe(entry.min)}); leave it out for no lower end.`);
      else if (max !== null && !isNumber(max))
        problems.push(`feedback ${i}: max must be a finite number (got ${describe(entry.max)}); leave it out for no upper end.`);
      else if (min !== null && max !== null && min >= max) {
        problems.push(
          `feedback ${i}: min ${formatNumber(min)} must be below max ${formatNumber(max)}${min === max ? `; for one value write value: ${formatNumber(min)}` : ''}.`,
        );
      } else if (min !== null && max !== null && min >= low && max <= high) {
        problems.push(
          `feedback ${i}: the range ${formatNumber(min)} to ${formatNumber(max)} holds only right answers (${right}), so this feedback would never show.`,
        );
      } else {
        rule = { min, max };
      }
    } else {
      problems.push(
        `feedback ${i}: say which answers it is for, with value (e.g. value: 720000) or a range (min and/or max, e.g. max: 0 for every negative answer).`,
      );
    }
    if (rule && text !== null) {
      rules.push(rule);
      texts.push(text);
    }
  });
  return rules;
}

/** The right option indices of a choice quiz, sorted; null (with problems added) when invalid. */
function answerIndices(answer: unknown, multiple: boolean, optionCount: number, problems: string[]): number[] | null {
  const range =
    optionCount > 0
      ? `there ${optionCount === 1 ? 'is 1 option' : `are ${optionCount} options`}, numbered 0 to ${optionCount - 1}`
      : 'there are no options';
  const checkIndex = (value: unknown): value is number => {
    if (!Number.isInteger(value)) {
      problems.push(`answer ${describe(value)} is not an option number: options are numbered from 0.`);
      return false;
    }
    if ((value as number) < 0 || (value as number) >= optionCount) {
      problems.push(`answer ${value as number} is out of range: ${range}.`);
      return false;
    }
    return true;
  };
  if (answer === undefined) {
    problems.push(
      multiple ? 'give the right options, e.g. answer={[0, 2]} (numbered from 0).' : 'give the right option, e.g. answer={1} (numbered from 0).',
    );
    return null;
  }
  if (!multiple) {
    if (Array.isArray(answer)) {
      problems.push('answer is a list, but the quiz takes one answer: add multiple, or give one option number, e.g. answer={1}.');
      return null;
    }
    return checkIndex(answer) ? [answer] : null;
  }
  if (!Array.isArray(answer)) {
    problems.push(`a multiple quiz takes a list of right options, e.g. answer={[0, 2]} (got ${describe(answer)}).`);
    return null;
  }
  if (answer.length === 0) {
    problems.push('answer lists no right option: a multiple quiz needs at least one.');
    return null;
  }
  let ok = true;
  for (const value of answer as unknown[]) ok = checkIndex(value) && ok;
  if (!ok) return null;
  const indices = answer as number[];
  if (new Set(indices).size !== indices.length) {
    problems.push(`answer lists an option twice (${JSON.stringify(indices)}).`);
    return null;
  }
  return [...indices].sort((a, b) => a - b);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `the text "${value}"`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? typeof value;
}
