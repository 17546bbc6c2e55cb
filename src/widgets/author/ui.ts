/**
 * The /author page's parts by their `data-ui` name (not `data-part`: the preview's quizzes use
 * those), and its status lines: `say` (an error look) and `sayClear` (a normal look).
 */
export class AuthorUi {
  constructor(private readonly root: HTMLElement) {}

  /** A part of the page's markup; a missing one means a stale build. */
  get<T extends HTMLElement = HTMLElement>(name: string): T {
    const el = this.root.querySelector<T>(`[data-ui="${name}"]`);
    if (!el) throw new Error(`The /author page is missing its "${name}" part (data-ui="${name}"): rebuild the site.`);
    return el;
  }

  /** Writes a status line (an error look). */
  say(name: string, text: string): void {
    const el = this.get(name);
    el.textContent = text;
    el.dataset.tone = 'error';
  }

  /** Writes a status line (a normal look). */
  sayClear(name: string, text: string): void {
    const el = this.get(name);
    if (el.textContent !== text) el.textContent = text;
    delete el.dataset.tone;
  }
}
