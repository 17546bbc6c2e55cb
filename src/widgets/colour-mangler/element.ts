/**
 * <tk-colour-mangler>: the "deep fryer". Sliders set the colour operations of src/lib/image/colour.ts;
 * the after image is redrawn (at most once per animation frame) as they move.
 *
 * For tests and assistive technology:
 *  - `data-state`: loading (fetching an image) | done (drawn) | error (no image could be loaded);
 *  - the `role="status"` line names the image, the operations applied and the mean value before → after;
 *  - the canvases are data-part="before" and data-part="after".
 */
import { DEFAULT_MANGLE, mangle, type MangleSettings } from '../../lib/image/colour.ts';
import type { Img } from '../../lib/image/types.ts';
import { drawImg } from '../shared/image/canvas.ts';
import { isSampleImageName, wireImageSource } from '../shared/image/source.ts';
import { part } from '../shared/html.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { StatusLine } from '../shared/status.ts';
import { DEEP_FRY, SLIDERS, formatSetting, meanValue, mangleStatus, settingsFromSliders, sliderValue, type SliderKey } from './config.ts';
import { manglerMarkup } from './markup.ts';

/** Redraws happen at once; the status line (read by screen readers) settles after this pause. */
const STATUS_DELAY_MS = 300;

interface Source {
  img: Img;
  label: string;
  mean: number;
}

export class ColourManglerElement extends HTMLElement {
  private bound = false;
  private sliders = new Map<SliderKey, HTMLInputElement>();
  private values = new Map<SliderKey, HTMLElement>();
  private beforeCanvas!: HTMLCanvasElement;
  private afterCanvas!: HTMLCanvasElement;
  private status!: StatusLine;
  private source: Source | null = null;
  private frame = 0;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  /** The next render announces its status at once (new image, Reset, Deep fry). */
  private announceNext = false;

  connectedCallback(): void {
    if (this.bound) return;
    this.bound = true;
    if (!this.querySelector('[data-part="root"]')) {
      const image = this.getAttribute('data-image');
      this.innerHTML = manglerMarkup(nextWidgetId('mangler-js'), isSampleImageName(image) ? image : 'coffee');
    }
    for (const s of SLIDERS) {
      const slider = part<HTMLInputElement>(this, `slider-${s.key}`);
      this.sliders.set(s.key, slider);
      this.values.set(s.key, part(this, `value-${s.key}`));
      slider.addEventListener('input', () => this.changed());
    }
    this.beforeCanvas = part<HTMLCanvasElement>(this, 'before');
    this.afterCanvas = part<HTMLCanvasElement>(this, 'after');
    this.status = new StatusLine(part(this, 'status'));
    part(this, 'reset').addEventListener('click', () => this.apply(DEFAULT_MANGLE));
    part(this, 'deep-fry').addEventListener('click', () => this.apply(DEEP_FRY));

    this.dataset.state = 'loading';
    wireImageSource(this, (img, label) => this.setImage(img, label), {
      maxSide: 800,
      onLoading: (label) => {
        if (!this.source) this.dataset.state = 'loading';
        this.status.announce(`Loading ${label}…`);
      },
      onError: (error) => {
        if (!this.source) this.dataset.state = 'error';
        this.status.announce(this.source ? `${error.message} Still showing ${this.source.label}.` : error.message);
      },
    });
  }

  disconnectedCallback(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    clearTimeout(this.statusTimer);
  }

  /** The settings the sliders show now. */
  get settings(): MangleSettings {
    return settingsFromSliders((key) => this.sliders.get(key)?.valueAsNumber ?? Number.NaN);
  }

  /** Move every slider to `settings` and redraw (Reset, Deep fry). */
  apply(settings: MangleSettings): void {
    for (const [key, slider] of this.sliders) slider.value = String(sliderValue(key, settings));
    this.changed(true);
  }

  private setImage(img: Img, label: string): void {
    this.source = { img, label, mean: meanValue(img) };
    drawImg(this.beforeCanvas, img);
    this.beforeCanvas.setAttribute('aria-label', `Original image: ${label}, ${img.width} × ${img.height} pixels`);
    this.changed(true);
  }

  /** A slider moved: update the numbers now, the picture on the next frame. */
  private changed(announceNow = false): void {
    const settings = this.settings;
    for (const [key, output] of this.values) {
      const text = formatSetting(key, settings);
      output.textContent = text;
      this.sliders.get(key)?.setAttribute('aria-valuetext', text);
    }
    if (announceNow) this.announceNext = true;
    if (!this.source) return;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    this.frame = 0;
    const announceNow = this.announceNext;
    this.announceNext = false;
    const source = this.source;
    if (!source) return;
    const settings = this.settings;
    const result = mangle(source.img, settings);
    drawImg(this.afterCanvas, result);
    this.afterCanvas.setAttribute('aria-label', `Mangled image: ${source.label} after the operations below`);
    this.dataset.state = 'done';
    const text = mangleStatus(source.label, result.width, result.height, settings, source.mean, meanValue(result));
    clearTimeout(this.statusTimer);
    if (announceNow) this.status.announce(text);
    else this.statusTimer = setTimeout(() => this.status.announce(text), STATUS_DELAY_MS);
  }
}

if (!customElements.get('tk-colour-mangler')) customElements.define('tk-colour-mangler', ColourManglerElement);
