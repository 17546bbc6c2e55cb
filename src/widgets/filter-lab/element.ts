/**
 * <tk-filter-lab>: filters an image with a preset or the reader's own kernel, live.
 *
 * The filtering runs in a worker (src/workers/image-filter/client.ts) so dragging the sigma
 * slider or typing weights never blocks the page; only the newest request is kept while one runs.
 * "Filtering…" appears only when a result takes longer than BUSY_DELAY_MS.
 *
 * For tests and assistive technology:
 *  - `data-state`: loading (fetching an image) | running (filtering) | done | error;
 *  - the `role="status"` line states the filter and the timing, e.g.
 *    "Sobel x, 3×3, border clamp, on grey: 451 × 300 pixels in 12 ms. Values −612 to 580, shown signed (0 is mid grey).";
 *  - `dataset.mode`: where filters run, "worker" or "main";
 *  - canvases data-part="original" and data-part="filtered"; kernel inputs carry data-cell="index".
 */
import type { BorderMode, DisplayMode, Img } from '../../lib/image/types.ts';
import { createFilterRunner, type FilterRunner } from '../../workers/image-filter/client.ts';
import type { FilterJob } from '../../workers/image-filter/protocol.ts';
import { drawImg } from '../shared/image/canvas.ts';
import { isSampleImageName, wireImageSource } from '../shared/image/source.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { StatusLine } from '../shared/status.ts';
import {
  FILTER_PRESETS,
  INITIAL_STATE,
  filterName,
  filterStatus,
  formatCell,
  isPresetName,
  jobFor,
  kernelSum,
  parseCell,
  sumMeaning,
  withCell,
  withPreset,
  withSize,
  type KernelSize,
  type LabState,
} from './config.ts';
import { filterLabMarkup, kernelGridMarkup } from './markup.ts';

/** Show "Filtering…" only when a result is slower than this. */
const BUSY_DELAY_MS = 150;
/** The status line (read by screen readers) settles after this pause while things keep changing. */
const STATUS_DELAY_MS = 300;
/** Images are scaled down to at most this side, to keep filtering interactive. */
const MAX_SIDE = 512;

interface View {
  presets: HTMLButtonElement[];
  description: HTMLElement;
  grid: HTMLElement;
  sum: HTMLElement;
  cellError: HTMLElement;
  magnitudeNote: HTMLElement;
  sigmaField: HTMLElement;
  sigma: HTMLInputElement;
  sigmaValue: HTMLElement;
  size: HTMLSelectElement;
  border: HTMLSelectElement;
  display: HTMLSelectElement;
  grey: HTMLInputElement;
  original: HTMLCanvasElement;
  filtered: HTMLCanvasElement;
  busy: HTMLElement;
  status: StatusLine;
  error: HTMLElement;
}

export class FilterLabElement extends HTMLElement {
  private view: View | null = null;
  private state: LabState = INITIAL_STATE;
  private runner: FilterRunner | null = null;
  private image: { img: Img; label: string } | null = null;
  /** The name of the filter each requested job stands for (the status names what was drawn). */
  private names = new WeakMap<FilterJob, string>();
  private busyTimer: ReturnType<typeof setTimeout> | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private announceNext = true;

  connectedCallback(): void {
    if (this.view) {
      // Moved in the page: a new worker, and the current image filtered again.
      if (!this.runner) {
        this.runner = this.startRunner();
        if (this.image) this.setImage(this.image.img, this.image.label);
      }
      return;
    }
    if (!this.querySelector('[data-part="root"]')) {
      const image = this.getAttribute('data-image');
      this.innerHTML = filterLabMarkup(nextWidgetId('filter-lab-js'), isSampleImageName(image) ? image : 'chelsea');
    }
    const view = this.bindView();
    this.view = view;
    this.dataset.state = 'loading';
    this.runner = this.startRunner();
    wireImageSource(this, (img, label) => this.setImage(img, label), {
      maxSide: MAX_SIDE,
      onLoading: (label) => {
        if (!this.image) this.dataset.state = 'loading';
        view.status.announce(`Loading ${label}…`);
      },
      onError: (error) => {
        if (!this.image) this.dataset.state = 'error';
        view.status.announce(this.image ? `${error.message} Still showing ${this.image.label}.` : error.message);
      },
    });
  }

  disconnectedCallback(): void {
    // Free the worker; a later reconnect starts a new one and filters again.
    this.runner?.dispose();
    this.runner = null;
    clearTimeout(this.busyTimer);
    clearTimeout(this.statusTimer);
  }

  /** What the editor holds now. */
  get settings(): Readonly<LabState> {
    return this.state;
  }

  private bindView(): View {
    const view: View = {
      presets: Array.from(this.querySelectorAll<HTMLButtonElement>('button[data-preset]')),
      description: part(this, 'description'),
      grid: part(this, 'grid'),
      sum: part(this, 'sum-value'),
      cellError: part(this, 'cell-error'),
      magnitudeNote: part(this, 'magnitude-note'),
      sigmaField: part(this, 'sigma-field'),
      sigma: part<HTMLInputElement>(this, 'sigma'),
      sigmaValue: part(this, 'sigma-value'),
      size: part<HTMLSelectElement>(this, 'size'),
      border: part<HTMLSelectElement>(this, 'border'),
      display: part<HTMLSelectElement>(this, 'display'),
      grey: part<HTMLInputElement>(this, 'grey'),
      original: part<HTMLCanvasElement>(this, 'original'),
      filtered: part<HTMLCanvasElement>(this, 'filtered'),
      busy: part(this, 'busy'),
      status: new StatusLine(part(this, 'status')),
      error: part(this, 'error'),
    };
    if (view.presets.length === 0) throw new Error('Filter lab markup has no preset buttons: render it with FilterLab.astro.');

    for (const button of view.presets) {
      button.addEventListener('click', () => {
        const name = button.dataset.preset;
        if (isPresetName(name)) this.update(withPreset(this.state, name), { grid: true, announce: true });
      });
    }
    view.sigma.addEventListener('input', () => {
      const sigma = view.sigma.valueAsNumber;
      if (!Number.isFinite(sigma)) return;
      // Dragging σ keeps the reader's size, display and grey choices for the Gaussian.
      const gaussian = withPreset({ ...this.state, sigma }, 'gaussian', this.state.size);
      const keep = this.state.preset === 'gaussian' ? { display: this.state.display, grey: this.state.grey } : {};
      this.update({ ...gaussian, ...keep }, { grid: true, keepView: true });
    });
    view.size.addEventListener('change', () => {
      const size = Number(view.size.value) as KernelSize;
      this.update(withSize(this.state, size), { grid: true, announce: true });
    });
    view.border.addEventListener('change', () => this.update({ ...this.state, border: view.border.value as BorderMode }, { announce: true }));
    view.display.addEventListener('change', () => this.update({ ...this.state, display: view.display.value as DisplayMode }, { announce: true }));
    view.grey.addEventListener('change', () => this.update({ ...this.state, grey: view.grey.checked }, { announce: true }));

    // Kernel cells: typing updates the result live; ArrowUp/ArrowDown step by 1 (0.1 with Shift).
    view.grid.addEventListener('input', (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement) this.cellTyped(input);
    });
    view.grid.addEventListener('keydown', (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement) || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
      const current = parseCell(input.value) ?? 0;
      const step = (event.shiftKey ? 0.1 : 1) * (event.key === 'ArrowUp' ? 1 : -1);
      input.value = formatCell(current + step);
      event.preventDefault();
      this.cellTyped(input);
    });
    // Leaving a cell shows the number in use again (e.g. "1/9" becomes 0.1111).
    view.grid.addEventListener('focusout', (event) => {
      const input = event.target;
      if (!(input instanceof HTMLInputElement)) return;
      const index = Number(input.dataset.cell);
      input.value = formatCell(this.state.values[index] ?? 0);
      input.removeAttribute('aria-invalid');
      this.showCellErrors();
    });
    return view;
  }

  private cellTyped(input: HTMLInputElement): void {
    const index = Number(input.dataset.cell);
    const value = parseCell(input.value);
    if (value === null) {
      input.setAttribute('aria-invalid', 'true');
      this.showCellErrors();
      return;
    }
    input.removeAttribute('aria-invalid');
    this.update(withCell(this.state, index, value), {});
    this.showCellErrors();
  }

  /** Name the cells whose text is not a number (they keep their last number until fixed). */
  private showCellErrors(): void {
    const view = this.view;
    if (!view) return;
    const bad = Array.from(view.grid.querySelectorAll<HTMLInputElement>('input[aria-invalid="true"]')).map((i) => i.getAttribute('aria-label') ?? '');
    view.cellError.hidden = bad.length === 0;
    view.cellError.textContent = bad.length === 0 ? '' : `Not a number: ${bad.join('; ')}. The last number typed there is used until you fix it.`;
  }

  /** Apply a new state to the controls and ask for a new result. */
  private update(next: LabState, how: { grid?: boolean; announce?: boolean; keepView?: boolean }): void {
    const view = this.view;
    if (!view) return;
    this.state = next;
    if (how.announce) this.announceNext = true;

    for (const button of view.presets) button.setAttribute('aria-pressed', String(button.dataset.preset === next.preset));
    view.description.textContent = next.preset === 'custom' ? 'Your own kernel.' : FILTER_PRESETS[next.preset].description;
    view.sigmaField.hidden = next.preset !== 'gaussian';
    view.sigmaValue.textContent = next.sigma.toFixed(1);
    view.sigma.setAttribute('aria-valuetext', `σ = ${next.sigma.toFixed(1)}`);
    if (!how.keepView && view.sigma.valueAsNumber !== next.sigma) view.sigma.value = String(next.sigma);
    view.size.value = String(next.size);
    view.border.value = next.border;
    view.display.value = next.display;
    view.grey.checked = next.grey;
    view.magnitudeNote.hidden = next.kind !== 'magnitude';
    view.sum.textContent = sumMeaning(kernelSum(next.values));

    if (how.grid) this.fillGrid();
    this.requestFilter();
  }

  /** Write the kernel into the grid (rebuilt when its size changed). */
  private fillGrid(): void {
    const view = this.view;
    if (!view) return;
    const { size, values } = this.state;
    const cells = view.grid.querySelectorAll<HTMLInputElement>('input[data-cell]');
    if (cells.length !== size * size) {
      view.grid.style.setProperty('--size', String(size));
      view.grid.innerHTML = kernelGridMarkup(this.state);
      this.showCellErrors();
      return;
    }
    cells.forEach((input, i) => {
      const text = formatCell(values[i] ?? 0);
      if (input.value !== text) input.value = text;
      input.removeAttribute('aria-invalid');
    });
    this.showCellErrors();
  }

  private setImage(img: Img, label: string): void {
    const view = this.view;
    if (!view || !this.runner) return;
    this.image = { img, label };
    drawImg(view.original, img);
    view.original.setAttribute('aria-label', `Original image: ${label}, ${img.width} × ${img.height} pixels`);
    this.runner.setImage(img);
    this.announceNext = true;
    this.requestFilter();
  }

  private requestFilter(): void {
    const view = this.view;
    if (!view || !this.runner || !this.image) return;
    const job = jobFor(this.state);
    this.names.set(job, filterName(this.state));
    this.dataset.state = 'running';
    this.runner.request(job);
    // Say "Filtering…" only if the result is slow to come.
    if (this.busyTimer === undefined && view.busy.hidden) {
      this.busyTimer = setTimeout(() => {
        this.busyTimer = undefined;
        if (this.runner?.busy) view.busy.hidden = false;
      }, BUSY_DELAY_MS);
    }
  }

  private startRunner(): FilterRunner {
    const runner = createFilterRunner(
      (result) => {
        const view = this.view;
        if (!view) return;
        const ctx = view.filtered.getContext('2d');
        if (view.filtered.width !== result.width) view.filtered.width = result.width;
        if (view.filtered.height !== result.height) view.filtered.height = result.height;
        ctx?.putImageData(new ImageData(new Uint8ClampedArray(result.rgba.buffer as ArrayBuffer), result.width, result.height), 0, 0);
        this.dataset.mode = result.mode;
        const name = this.names.get(result.job) ?? filterName(this.state);
        view.filtered.setAttribute('aria-label', `Filtered image: ${name}`);
        clearError(view.error);
        const final = !this.runner?.busy;
        if (final) {
          clearTimeout(this.busyTimer);
          this.busyTimer = undefined;
          view.busy.hidden = true;
        }
        // While results keep coming (a drag), the status line settles after a pause; the last one is said at once.
        const text = filterStatus(name, result.job, result);
        clearTimeout(this.statusTimer);
        if (final) this.dataset.state = 'done';
        if (this.announceNext || final) {
          this.announceNext = false;
          view.status.announce(text);
        } else {
          this.statusTimer = setTimeout(() => view.status.announce(text), STATUS_DELAY_MS);
        }
      },
      (message) => {
        const view = this.view;
        if (!view) return;
        this.dataset.state = 'error';
        view.busy.hidden = true;
        showError(view.error, {
          title: 'The filter could not be applied',
          message,
          hint: 'Check the kernel numbers, or choose a preset to start again.',
        });
        view.status.announce(`The filter failed: ${message}`);
      },
    );
    this.dataset.mode = runner.mode;
    return runner;
  }
}

if (!customElements.get('tk-filter-lab')) customElements.define('tk-filter-lab', FilterLabElement);
