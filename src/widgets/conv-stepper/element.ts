/**
 * <tk-conv-stepper>: a 3×3 kernel stepping over a tiny grey image, with the worked sum at each pixel.
 *
 * The static markup comes from ConvolutionStepper.astro (or from `stepperMarkup` when the element
 * is created without it); this module wires it. All arithmetic is src/lib/image; the markup
 * functions re-render the grids and the worked sum on every change (the image is 8×8).
 *
 * For tests and assistive technology:
 *  - `data-state`: idle (waiting), running (playing), done (the kernel reached the last pixel);
 *  - `data-x`, `data-y`: the current pixel; `data-output`: its exact output value;
 *  - the `role="status"` line: "Output at (0, 3) = 37: 9 products summed; 3 cells read outside the image (border: reflect)."
 */
import { part } from '../shared/html.ts';
import { publishInlineSize } from '../shared/inline-size.ts';
import { StatusLine } from '../shared/status.ts';
import { KERNEL_PRESETS } from '../../lib/image/kernels.ts';
import type { Img } from '../../lib/image/types.ts';
import { demoImage } from './demo.ts';
import { computeView, inputGridMarkup, outputGridMarkup, statusFor, stepperMarkup, workedMarkup } from './markup.ts';
import { borderDescription, indexOf, positionAfterKey, positionOf, stepperSettings, type Position, type StepperSettings } from './model.ts';

/** Time between steps while playing. */
const PLAY_INTERVAL_MS = 450;

interface View {
  kernel: HTMLSelectElement;
  border: HTMLSelectElement;
  kernelNote: HTMLElement;
  borderNote: HTMLElement;
  inputWrap: HTMLElement;
  output: HTMLElement;
  worked: HTMLElement;
  back: HTMLButtonElement;
  step: HTMLButtonElement;
  play: HTMLButtonElement;
  reset: HTMLButtonElement;
  status: StatusLine;
}

export class ConvStepperElement extends HTMLElement {
  private view: View | null = null;
  private readonly img: Img = demoImage();
  private settings: StepperSettings = stepperSettings(null, null);
  private pos: Position = { x: 0, y: 0 };
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopWidths: (() => void) | null = null;

  connectedCallback(): void {
    if (this.view) return this.followWidths();
    this.settings = stepperSettings(this.dataset.kernel, this.dataset.border);
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = stepperMarkup(this.img, this.settings);
    const view: View = {
      kernel: part<HTMLSelectElement>(this, 'kernel'),
      border: part<HTMLSelectElement>(this, 'border'),
      kernelNote: part(this, 'kernel-note'),
      borderNote: part(this, 'border-note'),
      inputWrap: part(this, 'input-wrap'),
      output: part(this, 'output'),
      worked: part(this, 'worked'),
      back: part<HTMLButtonElement>(this, 'back'),
      step: part<HTMLButtonElement>(this, 'step'),
      play: part<HTMLButtonElement>(this, 'play'),
      reset: part<HTMLButtonElement>(this, 'reset'),
      status: new StatusLine(part(this, 'status')),
    };
    this.view = view;
    // The selects may hold restored form values after a reload: they win over the attributes.
    this.settings = stepperSettings(view.kernel.value, view.border.value);

    view.kernel.addEventListener('change', () => this.changeSettings());
    view.border.addEventListener('change', () => this.changeSettings());
    view.step.addEventListener('click', () => this.moveTo(indexOf(this.pos, this.img.width) + 1));
    view.back.addEventListener('click', () => this.moveTo(indexOf(this.pos, this.img.width) - 1));
    view.reset.addEventListener('click', () => {
      this.pause();
      this.moveTo(0);
    });
    view.play.addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    view.inputWrap.addEventListener('click', (event) => {
      const cell = (event.target as Element).closest<HTMLElement>('[role="gridcell"]');
      if (!cell) return;
      this.pause();
      this.moveTo(Number(cell.dataset.y) * this.img.width + Number(cell.dataset.x), true);
    });
    view.inputWrap.addEventListener('keydown', (event) => {
      const next = positionAfterKey(this.pos, event.key, this.img.width, this.img.height, event.ctrlKey || event.metaKey);
      if (!next) return;
      event.preventDefault();
      this.pause();
      this.moveTo(indexOf(next, this.img.width), true);
    });
    this.render(false);
    this.followWidths();
  }

  disconnectedCallback(): void {
    this.pause();
    this.stopWidths?.();
    this.stopWidths = null;
  }

  /** The panels' cells and the formula follow their boxes' widths (conv-stepper.css). */
  private followWidths(): void {
    this.stopWidths ??= publishInlineSize(this.querySelectorAll<HTMLElement>('.tk-conv__panel, .tk-conv__formula'));
  }

  private changeSettings(): void {
    const view = this.view;
    if (!view) return;
    this.settings = stepperSettings(view.kernel.value, view.border.value);
    view.kernelNote.textContent = KERNEL_PRESETS[this.settings.kernel].description;
    view.borderNote.textContent = borderDescription(this.settings.border);
    this.render(false);
  }

  /** Put the kernel on the pixel with raster index `index` (ignored outside the image). */
  private moveTo(index: number, focusGrid = false): void {
    const last = this.img.width * this.img.height - 1;
    if (index < 0 || index > last) return;
    this.pos = positionOf(index, this.img.width);
    this.render(focusGrid);
  }

  private play(): void {
    const view = this.view;
    if (!view) return;
    const last = this.img.width * this.img.height - 1;
    // Playing from the end starts again from the first pixel.
    if (indexOf(this.pos, this.img.width) >= last) this.moveTo(0);
    this.timer = setInterval(() => {
      const next = indexOf(this.pos, this.img.width) + 1;
      if (next > last) {
        this.pause();
        return;
      }
      this.moveTo(next);
    }, PLAY_INTERVAL_MS);
    this.render(false);
  }

  private pause(): void {
    if (this.timer === null) return;
    clearInterval(this.timer);
    this.timer = null;
    this.render(false);
  }

  private render(focusGrid: boolean): void {
    const view = this.view;
    if (!view) return;
    const hadFocus = focusGrid || view.inputWrap.contains(document.activeElement);
    const model = computeView(this.img, this.settings, this.pos);
    const index = indexOf(this.pos, this.img.width);
    const last = this.img.width * this.img.height - 1;

    view.inputWrap.innerHTML = inputGridMarkup(this.img, this.settings.border, this.pos);
    view.output.innerHTML = outputGridMarkup(model);
    view.worked.innerHTML = workedMarkup(model);
    if (hadFocus) view.inputWrap.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')?.focus();

    const playing = this.timer !== null;
    view.back.disabled = index === 0;
    view.step.disabled = index === last;
    view.play.textContent = playing ? 'Pause' : 'Play';

    this.dataset.x = String(this.pos.x);
    this.dataset.y = String(this.pos.y);
    this.dataset.output = String(model.step.sum);
    this.dataset.state = playing ? 'running' : index === last ? 'done' : 'idle';
    // While playing, the live region is thinned out (one announcement a second at most).
    const text = statusFor(model);
    if (playing) view.status.update(text);
    else view.status.announce(text);
  }
}

if (!customElements.get('tk-conv-stepper')) customElements.define('tk-conv-stepper', ConvStepperElement);
