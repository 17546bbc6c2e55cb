/**
 * Scroll sync between the editor and the preview, both ways (the maths is in
 * lib/author/scroll-sync.ts), guarded against feedback: a scroll this module caused is not
 * echoed back. Off on narrow screens and when the reader unticks "sync".
 */
import { lineForPreviewTop, previewTopForLine, type ScrollAnchor } from '../../lib/author/scroll-sync.ts';
import type { RenderedBlock } from '../../lib/author/types.ts';
import type { MarkdownEditor } from './md-editor.ts';
import type { KeyedBlocks } from './preview-dom.ts';
import type { AuthorUi } from './ui.ts';

export interface ScrollSources {
  editor(): MarkdownEditor | null;
  blocks(): KeyedBlocks | null;
  /** The blocks of the last render, in document order. */
  lastBlocks(): readonly RenderedBlock[];
  /** True when the page shows tabs (no sync then). */
  isNarrow(): boolean;
}

export class ScrollLink {
  private anchors: ScrollAnchor[] | null = null;
  /** scrollTop values we set ourselves, so the resulting scroll events are not echoed back. */
  private expectedScroll: { editor: number | null; preview: number | null } = { editor: null, preview: null };
  private syncFrame = 0;

  constructor(
    private readonly ui: AuthorUi,
    private readonly sources: ScrollSources,
  ) {}

  /** Listens to the preview's scrolling and to layout changes; returns the cleanup. */
  wire(): () => void {
    const scroller = this.ui.get('preview-scroller');
    scroller.addEventListener('scroll', () => this.previewScrolled(), { passive: true });
    // Layout changes (images loading, fonts, width) move the anchors.
    const observer = new ResizeObserver(() => this.invalidate());
    observer.observe(this.ui.get('article'));
    return () => observer.disconnect();
  }

  /** The preview changed: measure the anchors again when next needed. */
  invalidate(): void {
    this.anchors = null;
  }

  stop(): void {
    cancelAnimationFrame(this.syncFrame);
  }

  private syncOn(): boolean {
    return this.ui.get<HTMLInputElement>('sync').checked && !this.sources.isNarrow();
  }

  /** Block start lines ↔ their first element's offset in the preview scroller, in document order. */
  private scrollAnchors(): ScrollAnchor[] {
    if (this.anchors) return this.anchors;
    const scroller = this.ui.get('preview-scroller');
    const origin = scroller.getBoundingClientRect().top - scroller.scrollTop;
    const anchors: ScrollAnchor[] = [{ line: 1, top: 0 }];
    const elements = this.sources.blocks()?.firstElements() ?? [];
    this.sources.lastBlocks().forEach((block, i) => {
      const el = elements[i];
      if (!el) return;
      const top = el.getBoundingClientRect().top - origin;
      const prev = anchors[anchors.length - 1];
      if (prev && (block.startLine <= prev.line || top < prev.top)) return;
      anchors.push({ line: block.startLine, top });
    });
    const lines = this.sources.editor()?.view.state.doc.lines ?? 1;
    const end = this.ui.get('article').getBoundingClientRect().bottom - origin;
    const prev = anchors[anchors.length - 1];
    if (prev && lines + 1 > prev.line && end >= prev.top) anchors.push({ line: lines + 1, top: end });
    this.anchors = anchors;
    return anchors;
  }

  editorScrolled(): void {
    const view = this.sources.editor()?.view;
    if (!view) return;
    const expected = this.expectedScroll.editor;
    this.expectedScroll.editor = null;
    if (expected !== null && Math.abs(view.scrollDOM.scrollTop - expected) <= 1) return;
    if (!this.syncOn()) return;
    cancelAnimationFrame(this.syncFrame);
    this.syncFrame = requestAnimationFrame(() => {
      const editor = this.sources.editor();
      if (!editor) return;
      const scroller = this.ui.get('preview-scroller');
      const top = Math.round(previewTopForLine(this.scrollAnchors(), editor.topLine()));
      if (Math.abs(scroller.scrollTop - top) <= 1) return;
      scroller.scrollTop = top;
      this.expectedScroll.preview = scroller.scrollTop;
    });
  }

  private previewScrolled(): void {
    const scroller = this.ui.get('preview-scroller');
    const expected = this.expectedScroll.preview;
    this.expectedScroll.preview = null;
    if (expected !== null && Math.abs(scroller.scrollTop - expected) <= 1) return;
    if (!this.syncOn()) return;
    cancelAnimationFrame(this.syncFrame);
    this.syncFrame = requestAnimationFrame(() => {
      const editor = this.sources.editor();
      if (!editor) return;
      const line = lineForPreviewTop(this.scrollAnchors(), scroller.scrollTop);
      const before = editor.view.scrollDOM.scrollTop;
      const after = editor.scrollToLine(line);
      if (Math.abs(after - before) > 1) this.expectedScroll.editor = after;
    });
  }
}
