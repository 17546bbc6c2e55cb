/**
 * What a code cell's run shows: printed text, plots, image grids, tables, a progress bar,
 * the error of a failed run and the grade of an exercise.
 *
 * Cheap under a flood of output: `append` only queues; the DOM is written once per animation
 * frame in one fragment (`flush()` writes at once). Only the last `maxTextLines` text lines are
 * kept (older ones are removed, with a notice). Plots with the same `key` update in place. The
 * log scrolls itself to new output only when the reader was already at its bottom.
 *
 * Screen readers: the log is NOT a live region. A training loop printing every batch would
 * otherwise be read out line by line and drown everything else. The cell's own `role="status"`
 * line announces summaries (use `describe()`: "12 lines of output and 1 plot"), the error and the
 * grade. The log is a labelled region that can be focused (it scrolls) and read at leisure;
 * plots have text alternatives, images and tables are real elements.
 *
 * Styles: output.css, imported by code-cell.css (`.tk-output`, `.tk-out-*`, `.tk-plot*`, `.tk-grade*`).
 */
import type { GradeResult, OutputItem } from '../../workers/code/protocol.ts';
import { XyPlot } from '../../viz/xy-plot.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { hiddenLinesNotice, outputSummary, percentText, streamPrefix, truncatedNotice, type OutputCounts } from './output-format.ts';
import { el, ICON_ERROR, ICON_FAIL, ICON_PASS, imageGrid, markdownInto, plotSpec, tableView, type PlotItem, type TextItem } from './output-items.ts';

export interface OutputViewOptions {
  /** Accessible name of the output log. Default "Output". */
  label?: string;
  /** Text lines kept in the page (older ones are removed). Default 1,000. */
  maxTextLines?: number;
  /** Table rows shown (the rest are counted in a note). Default 500. */
  maxTableRows?: number;
}

export class OutputView {
  /** The view's root element (inside the host). */
  readonly element: HTMLElement;
  private readonly log: HTMLElement;
  private readonly hiddenNotice: HTMLElement;
  private readonly progressBox: HTMLElement;
  private readonly progressBar: HTMLProgressElement;
  private readonly progressLabel: HTMLLabelElement;
  private readonly errorBox: HTMLElement;
  private readonly gradeBox: HTMLElement;
  private readonly maxTextLines: number;
  private readonly maxTableRows: number;

  private queue: OutputItem[] = [];
  private frame = 0;
  /** Text line elements in the page, oldest first (from `textHead` on). */
  private textLines: HTMLElement[] = [];
  private textHead = 0;
  private hiddenLines = 0;
  private readonly plots = new Map<string, XyPlot>();
  private truncatedEl: HTMLElement | null = null;
  private counts: OutputCounts = { lines: 0, plots: 0, images: 0, tables: 0 };
  private destroyed = false;

  constructor(host: HTMLElement, options: OutputViewOptions = {}) {
    this.maxTextLines = Math.max(1, options.maxTextLines ?? 1000);
    this.maxTableRows = Math.max(1, options.maxTableRows ?? 500);
    const id = nextWidgetId('tk-output');

    this.element = el('div', 'tk-output');
    this.element.dataset.empty = '';

    this.progressBox = el('div', 'tk-out-progress');
    this.progressBox.hidden = true;
    this.progressLabel = el('label', 'tk-out-progress__label');
    this.progressLabel.htmlFor = `${id}-progress`;
    this.progressBar = el('progress');
    this.progressBar.id = `${id}-progress`;
    this.progressBar.max = 1;
    this.progressBar.value = 0;
    this.progressBox.append(this.progressLabel, this.progressBar);

    this.log = el('div', 'tk-out-log');
    this.log.setAttribute('role', 'region');
    this.log.setAttribute('aria-label', options.label ?? 'Output');
    this.log.tabIndex = 0; // it scrolls: keyboard users must be able to reach it
    this.log.hidden = true;
    this.hiddenNotice = el('p', 'tk-out-notice');
    this.hiddenNotice.hidden = true;
    this.log.append(this.hiddenNotice);

    this.errorBox = el('div', 'tk-out-error');
    this.errorBox.hidden = true;
    this.gradeBox = el('div', 'tk-grade');
    this.gradeBox.hidden = true;

    this.element.append(this.progressBox, this.log, this.errorBox, this.gradeBox);
    host.append(this.element);
  }

  /** Queue items; they are drawn on the next animation frame (in order). */
  append(items: readonly OutputItem[]): void {
    if (this.destroyed || items.length === 0) return;
    for (const item of items) this.queue.push(item);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Draw everything queued now. */
  flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.destroyed || this.queue.length === 0) return;
    const items = this.queue;
    this.queue = [];

    // Text lines that would be removed again in this same flush are never built.
    let textInBatch = 0;
    for (const item of items) if (item.kind === 'text') textInBatch++;
    let skipText = Math.max(0, textInBatch - this.maxTextLines);

    const wasAtBottom = this.log.hidden || this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 8;
    const fragment = document.createDocumentFragment();
    const newPlots: Array<[HTMLElement, PlotItem]> = [];
    for (const item of items) {
      switch (item.kind) {
        case 'text':
          this.counts.lines++;
          if (skipText > 0) {
            skipText--;
            this.hiddenLines++;
          } else {
            const line = this.textLine(item);
            this.textLines.push(line);
            fragment.append(line);
          }
          break;
        case 'plot': {
          const existing = this.plots.get(item.key);
          const pending = newPlots.find(([, p]) => p.key === item.key);
          if (existing) existing.update(plotSpec(item));
          else if (pending) pending[1] = item;
          else {
            const box = el('div', 'tk-out-item tk-out-plot');
            fragment.append(box);
            newPlots.push([box, item]);
          }
          break;
        }
        case 'images':
          this.counts.images += item.images.length;
          fragment.append(imageGrid(item));
          break;
        case 'table':
          this.counts.tables++;
          fragment.append(tableView(item, this.maxTableRows));
          break;
        case 'progress':
          this.showProgress(item.fraction, item.label);
          break;
        case 'truncated':
          if (!this.truncatedEl) {
            this.truncatedEl = el('p', 'tk-out-notice tk-out-notice--truncated');
            fragment.append(this.truncatedEl);
          }
          this.truncatedEl.textContent = truncatedNotice(item.hiddenLines);
          break;
      }
    }

    if (fragment.childNodes.length > 0) {
      this.log.append(fragment);
      this.log.hidden = false;
      delete this.element.dataset.empty;
    }
    // Plots measure their width, so they are created once in the page.
    for (const [box, item] of newPlots) {
      this.plots.set(item.key, new XyPlot(box, plotSpec(item)));
      this.counts.plots++;
    }
    this.pruneText();
    if (wasAtBottom) this.log.scrollTop = this.log.scrollHeight;
  }

  /** Remove everything (a new run starts). */
  clear(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.queue = [];
    for (const plot of this.plots.values()) plot.destroy();
    this.plots.clear();
    this.textLines = [];
    this.textHead = 0;
    this.hiddenLines = 0;
    this.truncatedEl = null;
    this.counts = { lines: 0, plots: 0, images: 0, tables: 0 };
    this.log.replaceChildren(this.hiddenNotice);
    this.hiddenNotice.hidden = true;
    this.log.hidden = true;
    this.progressBox.hidden = true;
    this.progressBar.value = 0;
    this.errorBox.hidden = true;
    this.errorBox.replaceChildren();
    this.gradeBox.hidden = true;
    this.gradeBox.replaceChildren();
    this.element.dataset.empty = '';
  }

  /**
   * Show the run's error below the output. With a line (1-based, in the reader's code) the
   * title names it, and `onGoToLine` adds a button that takes the reader there.
   */
  showError(message: string, line?: number, onGoToLine?: (line: number) => void): void {
    this.flush();
    const hasLine = line !== undefined && Number.isFinite(line) && line > 0;
    const title = el('p', 'tk-out-error__title');
    title.innerHTML = ICON_ERROR;
    title.append(el('strong', undefined, hasLine ? `Error on line ${line}` : 'Error'));
    const text = el('p', 'tk-out-error__message', message);
    this.errorBox.replaceChildren(title, text);
    if (hasLine && onGoToLine) {
      const button = el('button', 'tk-out-button', `Show line ${line} in the editor`);
      button.type = 'button';
      button.addEventListener('click', () => onGoToLine(line));
      this.errorBox.append(button);
    }
    this.errorBox.hidden = false;
    delete this.element.dataset.empty;
  }

  /**
   * Show an exercise's grade: pass/fail (icon and words), the figure, the message, the details.
   * With `verdict: false` only the details show (if any): the page says the verdict elsewhere, once
   * (the code cell says it in its status line).
   */
  showGrade(result: GradeResult, options: { verdict?: boolean } = {}): void {
    this.flush();
    this.gradeBox.className = `tk-grade ${result.pass ? 'tk-grade--pass' : 'tk-grade--fail'}`;
    const parts: HTMLElement[] = [];
    if (options.verdict !== false) {
      const verdict = el('p', 'tk-grade__verdict');
      verdict.innerHTML = result.pass ? ICON_PASS : ICON_FAIL;
      verdict.append(el('strong', undefined, result.pass ? 'Passed' : 'Not passed yet'));
      parts.push(verdict);
      if (result.figureText) parts.push(el('p', 'tk-grade__figure', result.figureText));
      parts.push(markdownInto(el('p', 'tk-grade__message'), result.message));
    }
    if (result.details && result.details.length > 0) {
      const list = el('ul', 'tk-grade__details');
      for (const detail of result.details) list.append(markdownInto(el('li'), detail));
      if (options.verdict === false) parts.push(this.detailsOnly(result.pass, list, result.detailsTitle));
      else parts.push(list);
    }
    if (options.verdict === false) this.gradeBox.classList.add('tk-grade--details');
    this.gradeBox.replaceChildren(...parts);
    this.gradeBox.hidden = parts.length === 0;
    if (parts.length > 0) delete this.element.dataset.empty;
  }

  /** The checks without the verdict: open after a failure (what to fix), folded after a pass. */
  private detailsOnly(pass: boolean, list: HTMLElement, heading?: string): HTMLElement {
    const count = list.childElementCount;
    const title = heading ?? (count === 1 ? 'The check' : `The ${count} checks`);
    if (!pass) {
      const box = el('div');
      box.append(el('p', 'tk-grade__details-title', title), list);
      return box;
    }
    const folded = el('details', 'tk-grade__fold');
    folded.append(el('summary', 'tk-grade__details-title', title), list);
    return folded;
  }

  /** How much output was produced so far (text lines include removed ones). */
  outputCounts(): OutputCounts {
    return { ...this.counts };
  }

  /** The output in words, e.g. "12 lines of output and 1 plot"; "No output" when empty. */
  describe(): string {
    return outputSummary(this.counts);
  }

  destroy(): void {
    this.clear();
    this.destroyed = true;
    this.element.remove();
  }

  // ---------- Item builders ----------

  private textLine(item: TextItem): HTMLElement {
    const line = el('div', `tk-out-text tk-out-text--${item.stream}`);
    const prefix = streamPrefix(item.stream);
    if (prefix) line.append(el('span', 'tk-out-text__prefix', prefix), ' ');
    line.append(item.text);
    return line;
  }

  private pruneText(): void {
    const live = this.textLines.length - this.textHead;
    const excess = live - this.maxTextLines;
    if (excess > 0) {
      for (let i = 0; i < excess; i++) this.textLines[this.textHead + i]!.remove();
      this.textHead += excess;
      this.hiddenLines += excess;
      // Compact now and then so the array does not grow without bound.
      if (this.textHead > this.maxTextLines) {
        this.textLines = this.textLines.slice(this.textHead);
        this.textHead = 0;
      }
    }
    if (this.hiddenLines > 0) {
      this.hiddenNotice.textContent = hiddenLinesNotice(this.hiddenLines, this.maxTextLines);
      this.hiddenNotice.hidden = false;
    }
  }

  private showProgress(fraction: number, label: string): void {
    const value = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    this.progressBar.value = value;
    this.progressLabel.textContent = `${label || 'Progress'} ${percentText(value)}`;
    this.progressBox.hidden = false;
    delete this.element.dataset.empty;
  }
}
