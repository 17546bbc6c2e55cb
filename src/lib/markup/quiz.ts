/**
 * The markup of a quiz, shared by src/components/Quiz.astro and the /author preview. The element
 * src/widgets/quiz/element.ts wires it in the browser (it finds its parts by data-part); styles
 * are src/widgets/quiz/quiz.css and src/widgets/shared/widget.css.
 */
import { escapeHtml } from '../format/html.ts';
import type { renderQuizTexts } from '../quiz/inline.ts';
import type { ValidQuiz } from '../quiz/validate.ts';

/** The question, options and feedback as HTML (what renderQuizTexts returns). */
export type QuizTexts = ReturnType<typeof renderQuizTexts>;

export interface QuizMarkupOptions {
  /**
   * Preview mode (the /author preview): adds `data-preview` to <tk-quiz>, so the element judges
   * answers but never restores or saves them.
   */
  preview?: boolean;
}

/** The hint under the question: what kind of answer the quiz wants. */
export function quizHint(quiz: ValidQuiz): string {
  const { spec } = quiz;
  if (spec.kind === 'numeric') {
    const unit = spec.percent ? ' (in percent)' : spec.unit ? ` (in ${spec.unit})` : '';
    return `Type a number${unit}, then check your answer.`;
  }
  return spec.multiple ? 'Choose all the answers that apply, then check.' : 'Choose one answer, then check.';
}

/**
 * The whole <tk-quiz> element. `texts` is trusted HTML (renderQuizTexts escapes the source);
 * `explanationHtml` is trusted HTML shown once the reader answers right (null: no explanation).
 */
export function quizHtml(quiz: ValidQuiz, texts: QuizTexts, explanationHtml: string | null, options: QuizMarkupOptions = {}): string {
  const { spec } = quiz;
  const base = `quiz-${spec.id}`;
  const attrBase = escapeHtml(base);
  let answerHtml: string;
  if (spec.kind === 'choice') {
    const type = spec.multiple ? 'checkbox' : 'radio';
    const items = texts.options.map(
      (html, i) =>
        `<label class="tk-quiz__option"><input type="${type}" name="${attrBase}" value="${i}" data-part="choice">` +
        `<span class="tk-quiz__text">${html}</span><span class="tk-quiz__mark" data-part="mark" data-option="${i}"></span></label>`,
    );
    answerHtml = `<div class="tk-quiz__options">${items.join('')}</div>`;
  } else {
    const unit = spec.unit;
    const inputLabel = `${quiz.label}${unit ? ` (${spec.percent ? 'in percent' : `in ${unit}`})` : ''}`;
    answerHtml =
      `<label class="tk-quiz__field"><span class="tk-quiz__field-label">${escapeHtml(inputLabel)}</span>` +
      `<span class="tk-quiz__input-row"><input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" name="${attrBase}" data-part="number">` +
      (unit ? `<span class="tk-quiz__unit" aria-hidden="true">${escapeHtml(unit)}</span>` : '') +
      `</span></label>`;
  }
  // The author's feedback for wrong answers: inert until the element copies one into the status line.
  const feedback = (texts.feedback ?? []).map((html, i) => `<template data-part="feedback" data-feedback="${i}">${html}</template>`).join('');
  // Safe inside <script type="application/json">: no "</script>" can close it early.
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  const explanation =
    explanationHtml === null
      ? ''
      : `<div class="tk-quiz__explanation" data-part="explanation" tabindex="-1" hidden><p class="tk-quiz__explanation-title">Explanation</p>${explanationHtml}</div>`;
  return (
    `<tk-quiz class="tk-widget tk-quiz" id="${attrBase}" data-quiz-id="${escapeHtml(spec.id)}" data-kind="${spec.kind}" data-state="idle" data-answer="unanswered"${options.preview ? ' data-preview' : ''}>` +
    `<form class="tk-quiz__form" data-part="form" novalidate>` +
    `<fieldset class="tk-quiz__fieldset" data-part="fieldset" aria-describedby="${attrBase}-hint">` +
    `<legend class="tk-quiz__question"><span class="tk-quiz__kicker">Quiz<span class="visually-hidden">:</span></span><span>${texts.question}</span></legend>` +
    `<p class="tk-quiz__hint" id="${attrBase}-hint">${escapeHtml(quizHint(quiz))}</p>` +
    answerHtml +
    `</fieldset>` +
    `<div class="tk-actions"><button type="submit" class="tk-button tk-button--primary" data-part="check">Check answer</button>` +
    `<button type="button" class="tk-button" data-part="retry" hidden>Try again</button>` +
    `<button type="button" class="tk-button" data-part="reveal" hidden>Show the answer</button></div>` +
    `<p class="tk-quiz__feedback" role="status" aria-live="polite" data-part="status" tabindex="-1"></p>` +
    `<p class="tk-note" data-part="note" hidden></p></form>` +
    explanation +
    feedback +
    `<script type="application/json" data-part="spec">${json}</script></tk-quiz>`
  );
}
