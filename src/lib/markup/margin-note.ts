/**
 * The markup of a margin note, shared by src/components/MarginNote.astro and the /author preview.
 * In a lesson on a wide screen (>= 75rem) the note sits in the right margin beside the paragraph
 * before it; on narrower screens (and in the preview) it is a small note in the text column.
 * Styles: src/styles/lesson.css (.margin-note).
 */

/** A margin note around `bodyHtml` (trusted HTML: the rendered children). An <aside> inside the lesson's <article>, so no landmark. */
export function marginNoteHtml(bodyHtml: string): string {
  return `<aside class="margin-note">${bodyHtml}</aside>`;
}
