/**
 * <tk-image-difference>: the alpha-channel pitfall of image subtraction, and its fix.
 *
 * A is a sample photo loaded as RGBA (alpha 255 everywhere); B = applyEdits(A) (src/lib/image/edits.ts).
 * At first the widget shows subtract(A, B) on all four channels: alpha 255 − 255 = 0, so the
 * difference is fully transparent and looks blank. The Fix button (aria-pressed) shows
 * absDifference(A, B) with alpha kept at 255, and outlines the regions that differ.
 *
 * For tests and assistive technology:
 *  - `data-state`: loading, done or error; `data-fixed`: "true" | "false";
 *  - `data-regions`, `data-changed` (fraction of pixels changed, e.g. "0.0412");
 *  - the `role="status"` line says what is shown, e.g. "… 3 regions differ; 4.1% of pixels changed".
 */
import { formatPercent, plural } from '../../lib/format/numbers.ts';
import { absDifference, subtract } from '../../lib/image/arithmetic.ts';
import { applyEdits, compareImages, type Comparison, type Edit } from '../../lib/image/edits.ts';
import { getPixel } from '../../lib/image/image.ts';
import type { Img } from '../../lib/image/types.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { StatusLine } from '../shared/status.ts';
import { drawImg } from '../shared/image/canvas.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { loadSampleImage } from '../shared/image/load.ts';
import { isSampleImageName } from '../shared/image/source.ts';
import { imageDifferenceMarkup, type ProbeName } from './markup.ts';
import { errorText } from '../../lib/format/error-text.ts';

type State = 'loading' | 'done' | 'error';
type Name = 'a' | 'b' | 'diff';
const NAMES: readonly Name[] = ['a', 'b', 'diff'];

interface Data {
  a: Img;
  b: Img;
  edits: Edit[];
  comparison: Comparison;
  /** subtract(A, B): every channel, alpha too (the pitfall). */
  raw: Img;
  /** |A − B| with alpha 255 (the fix). */
  fixed: Img;
}

interface View {
  canvases: Record<Name, HTMLCanvasElement>;
  frames: Record<Name, HTMLElement>;
  markers: Record<Name, HTMLElement>;
  diffCaption: HTMLElement;
  fix: HTMLButtonElement;
  probe: HTMLSelectElement;
  caption: HTMLElement;
  rows: Record<Name, HTMLTableRowElement>;
  explain: HTMLElement;
  status: StatusLine;
  error: HTMLElement;
}

/** A value for the table: whole numbers, with a true minus sign. */
function num(v: number): string {
  const r = Math.round(v);
  return r < 0 ? `−${-r}` : String(r);
}

export class ImageDifferenceElement extends HTMLElement {
  private view: View | null = null;
  private data: Data | null = null;
  private fixedOn = false;
  private px = 0;
  private py = 0;

  connectedCallback(): void {
    if (this.view) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = imageDifferenceMarkup(nextWidgetId('tk-diff-js'));
    const view = this.bindView();
    this.view = view;
    view.fix.addEventListener('click', () => this.setFixed(!this.fixedOn));
    view.probe.addEventListener('change', () => this.pickProbe(view.probe.value));
    for (const name of NAMES) {
      view.frames[name].addEventListener('click', (event) => this.pickAt(view.canvases[name], event));
    }
    void this.load();
  }

  get state(): State {
    return (this.dataset.state as State | undefined) ?? 'loading';
  }

  /** Show the pitfall (false) or the fix (true). */
  setFixed(on: boolean): void {
    this.fixedOn = on;
    this.render();
  }

  private bindView(): View {
    const by = <T extends HTMLElement>(suffix: string) =>
      Object.fromEntries(NAMES.map((n) => [n, part<T>(this, `${n}${suffix}`)])) as Record<Name, T>;
    return {
      canvases: by<HTMLCanvasElement>(''),
      frames: by('-frame'),
      markers: by('-marker'),
      diffCaption: part(this, 'diff-caption'),
      fix: part<HTMLButtonElement>(this, 'fix'),
      probe: part<HTMLSelectElement>(this, 'probe'),
      caption: part(this, 'caption'),
      rows: Object.fromEntries(NAMES.map((n) => [n, part<HTMLTableRowElement>(this, `row-${n}`)])) as Record<Name, HTMLTableRowElement>,
      explain: part(this, 'explain'),
      status: new StatusLine(part(this, 'status')),
      error: part(this, 'error'),
    };
  }

  private async load(): Promise<void> {
    const view = this.view;
    if (!view) return;
    this.dataset.state = 'loading';
    const attr = this.getAttribute('data-image');
    const name = isSampleImageName(attr) ? attr : 'chelsea';
    try {
      // keepAlpha: the photo as RGBA, alpha 255 everywhere, as a canvas or PIL would give it.
      const a = await loadSampleImage(name, { maxSide: 640, keepAlpha: true });
      const { img: b, edits } = applyEdits(a);
      this.data = {
        a,
        b,
        edits,
        comparison: compareImages(a, b),
        raw: subtract(a, b),
        fixed: absDifference(a, b, { keepAlpha: true }),
      };
    } catch (error) {
      this.dataset.state = 'error';
      const message = errorText(error);
      showError(view.error, { title: 'The photo could not be loaded', message, hint: 'Reload the page to try again.' });
      view.status.announce('The photo could not be loaded.');
      return;
    }
    clearError(view.error);
    const data = this.data;
    drawImg(view.canvases.a, data.a);
    drawImg(view.canvases.b, data.b);
    for (const n of NAMES) view.frames[n].style.setProperty('--tk-diff-aspect', `${data.a.width} / ${data.a.height}`);
    this.dataset.regions = String(data.comparison.regions.length);
    this.dataset.changed = data.comparison.fraction.toFixed(4);
    view.fix.disabled = false;
    this.pickProbe(view.probe.value);
    this.dataset.state = 'done';
  }

  private pickProbe(value: string): void {
    const data = this.data;
    if (!data) return;
    const probe = value as ProbeName;
    if (probe === 'same') {
      // Bottom-left corner area, far from every edit.
      this.px = Math.round(data.a.width * 0.05);
      this.py = Math.round(data.a.height * 0.9);
    } else {
      const edit = data.edits.find((e) => e.kind === probe) ?? data.edits[0];
      if (!edit) return;
      this.px = edit.probe.x;
      this.py = edit.probe.y;
    }
    this.render();
  }

  private pickAt(canvas: HTMLCanvasElement, event: MouseEvent): void {
    const data = this.data;
    const view = this.view;
    if (!data || !view) return;
    const rect = canvas.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) return;
    const x = Math.floor(((event.clientX - rect.left) / rect.width) * data.a.width);
    const y = Math.floor(((event.clientY - rect.top) / rect.height) * data.a.height);
    this.px = Math.min(data.a.width - 1, Math.max(0, x));
    this.py = Math.min(data.a.height - 1, Math.max(0, y));
    // The select now names a pixel the reader clicked.
    let option = view.probe.querySelector<HTMLOptionElement>('option[value="clicked"]');
    if (!option) {
      option = document.createElement('option');
      option.value = 'clicked';
      view.probe.append(option);
    }
    option.textContent = `The pixel you clicked (${this.px}, ${this.py})`;
    view.probe.value = 'clicked';
    this.render();
  }

  private render(): void {
    const view = this.view;
    const data = this.data;
    if (!view || !data) return;
    const fixed = this.fixedOn;
    const diff = fixed ? data.fixed : data.raw;
    drawImg(view.canvases.diff, diff);
    view.fix.setAttribute('aria-pressed', String(fixed));
    this.dataset.fixed = String(fixed);
    view.diffCaption.textContent = fixed ? '|A − B| with alpha kept at 255' : 'A − B on all four channels: it looks blank';
    view.frames.diff.classList.toggle('tk-diff__frame--fixed', fixed);
    this.drawRegions(fixed ? data.comparison : null);

    // The numbers at the chosen pixel.
    const { px: x, py: y } = this;
    view.caption.textContent = `Numbers at pixel (${x}, ${y})`;
    const rows: [Name, number[]][] = [
      ['a', getPixel(data.a, x, y)],
      ['b', getPixel(data.b, x, y)],
      ['diff', getPixel(diff, x, y)],
    ];
    for (const [name, values] of rows) {
      const cells = view.rows[name].querySelectorAll('td');
      cells.forEach((cell, i) => {
        const v = values[i] ?? 0;
        cell.textContent = num(v);
        cell.classList.toggle('tk-diff__alpha-zero', name === 'diff' && i === 3 && v === 0);
      });
    }
    const header = view.rows.diff.querySelector('th');
    if (header) header.textContent = fixed ? '|A − B|' : 'A − B';
    for (const name of NAMES) {
      const m = view.markers[name];
      m.hidden = false;
      m.style.left = `${((x + 0.5) / data.a.width) * 100}%`;
      m.style.top = `${((y + 0.5) / data.a.height) * 100}%`;
    }

    const alphaA = Math.round(getPixel(data.a, x, y)[3] ?? 255);
    const alphaB = Math.round(getPixel(data.b, x, y)[3] ?? 255);
    view.explain.textContent = fixed
      ? 'Alpha is kept at 255 (opaque), and each colour value is |A − B|: where the photos agree it is 0 (black), where they differ it lights up. The outlines mark the regions that changed.'
      : `Alpha: ${alphaA} − ${alphaB} = ${alphaA - alphaB}, so this pixel of A − B is fully transparent. The same happens at every pixel, so the difference looks blank however much the colours differ (and negative colour values cannot be shown either).`;

    const { regions, fraction } = data.comparison;
    const found = `${plural(regions.length, 'region')} ${regions.length === 1 ? 'differs' : 'differ'}; ${formatPercent(fraction)} of pixels changed`;
    view.status.announce(
      fixed
        ? `Showing |A − B| with alpha 255: ${found}.`
        : 'Showing A − B on all four channels: alpha is 255 − 255 = 0 everywhere, so the difference is fully transparent (blank).',
    );
  }

  /** Outlines around the changed regions on the difference picture (none while the pitfall shows). */
  private drawRegions(comparison: Comparison | null): void {
    const view = this.view;
    const data = this.data;
    if (!view || !data) return;
    for (const old of view.frames.diff.querySelectorAll('.tk-diff__region')) old.remove();
    if (!comparison) return;
    const { width: w, height: h } = data.a;
    for (const r of comparison.regions) {
      const box = document.createElement('div');
      box.className = 'tk-diff__region';
      box.setAttribute('aria-hidden', 'true');
      box.style.left = `${(r.x / w) * 100}%`;
      box.style.top = `${(r.y / h) * 100}%`;
      box.style.width = `${(r.width / w) * 100}%`;
      box.style.height = `${(r.height / h) * 100}%`;
      view.frames.diff.append(box);
    }
  }
}

if (!customElements.get('tk-image-difference')) customElements.define('tk-image-difference', ImageDifferenceElement);
