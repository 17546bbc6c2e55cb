/**
 * <tk-pixel-inspector>: a picture and the numbers under the cursor.
 *
 * Markup from PixelInspector.astro (`pixelInspectorMarkup`); this module upgrades it. For tests
 * and assistive technology:
 *  - `data-state`: loading while an image loads, done when one is shown, error when none could be;
 *  - the `role="status"` line reads e.g. "Pixel (120, 85): R 142, G 98, B 61" (a grey image:
 *    "Pixel (120, 85): grey 142");
 *  - `data-x`, `data-y`: the cursor; `moveTo(x, y)` moves it (clamped to the image).
 */
import { formatCount } from '../../lib/format/numbers.ts';
import { getPixel } from '../../lib/image/image.ts';
import type { Img } from '../../lib/image/types.ts';
import { part } from '../shared/html.ts';
import { publishInlineSize } from '../shared/inline-size.ts';
import { StatusLine } from '../shared/status.ts';
import { drawImg } from '../shared/image/canvas.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { isSampleImageName, wireImageSource, type ImageInfo } from '../shared/image/source.ts';
import { readableTextColour } from '../shared/image/text-colour.ts';
import { GRID, LEGEND_GREY, LEGEND_RGB, RADIUS, pixelInspectorMarkup } from './markup.ts';

type State = 'loading' | 'done' | 'error';

const CHANNEL_NAMES: Record<number, string[]> = { 1: ['grey'], 3: ['R', 'G', 'B'], 4: ['R', 'G', 'B', 'A'] };

interface View {
  facts: HTMLElement;
  frame: HTMLElement;
  canvas: HTMLCanvasElement;
  marker: HTMLElement;
  cells: HTMLElement[];
  legend: HTMLElement;
  x: HTMLInputElement;
  y: HTMLInputElement;
  xValue: HTMLElement;
  yValue: HTMLElement;
  status: StatusLine;
}

/** "R 142, G 98, B 61", or "grey 142" for a grey image (whole numbers; a scaled or computed image may hold fractions). */
export function describeValues(values: number[]): string {
  const names = CHANNEL_NAMES[values.length] ?? values.map((_, i) => `channel ${i}`);
  return values.map((v, i) => `${names[i]} ${Math.round(v)}`).join(', ');
}

export class PixelInspectorElement extends HTMLElement {
  private view: View | null = null;
  private img: Img | null = null;
  private cx = 0;
  private cy = 0;
  private stopWidths: (() => void) | null = null;

  connectedCallback(): void {
    if (!this.querySelector('[data-part="root"]')) {
      const image = this.getAttribute('data-image');
      this.innerHTML = pixelInspectorMarkup(nextWidgetId('tk-pi-js'), isSampleImageName(image) ? image : 'chelsea');
    }
    // The numbers in the grid's cells follow the grid's width (pixel-inspector.css).
    this.stopWidths ??= publishInlineSize([part(this, 'grid')]);
    if (this.view) return;
    const view = this.bindView();
    this.view = view;
    this.bindInput(view);
    this.setState('loading');
    wireImageSource(this, (img, label, info) => this.show(img, label, info), {
      maxSide: 1024,
      onLoading: (label) => {
        this.setState('loading');
        view.status.announce(`Loading ${label}…`);
      },
      onError: (error) => {
        // The chooser's alert line says what went wrong. The previous image (if any) stays, and so
        // does the status line, which goes on reading its pixel.
        this.setState(this.img ? 'done' : 'error');
        if (this.img) this.render();
        else view.status.announce(error.message);
      },
    });
  }

  disconnectedCallback(): void {
    this.stopWidths?.();
    this.stopWidths = null;
  }

  get state(): State {
    return (this.dataset.state as State | undefined) ?? 'loading';
  }

  /** Put the cursor on pixel (x, y), clamped to the image. */
  moveTo(x: number, y: number): void {
    const img = this.img;
    if (!img) return;
    this.cx = Math.min(img.width - 1, Math.max(0, Math.round(x)));
    this.cy = Math.min(img.height - 1, Math.max(0, Math.round(y)));
    this.render();
  }

  private setState(state: State): void {
    this.dataset.state = state;
  }

  private bindView(): View {
    return {
      facts: part(this, 'facts'),
      frame: part(this, 'frame'),
      canvas: part<HTMLCanvasElement>(this, 'canvas'),
      marker: part(this, 'marker'),
      cells: Array.from(part(this, 'grid').children) as HTMLElement[],
      legend: part(this, 'legend'),
      x: part<HTMLInputElement>(this, 'x'),
      y: part<HTMLInputElement>(this, 'y'),
      xValue: part(this, 'x-value'),
      yValue: part(this, 'y-value'),
      status: new StatusLine(part(this, 'status')),
    };
  }

  private bindInput(view: View): void {
    const fromPointer = (event: PointerEvent) => {
      const img = this.img;
      if (!img) return;
      const rect = view.canvas.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) return;
      this.moveTo(
        Math.floor(((event.clientX - rect.left) / rect.width) * img.width),
        Math.floor(((event.clientY - rect.top) / rect.height) * img.height),
      );
    };
    // A mouse reads as it hovers; a touch or pen picks where it lands (the page still scrolls).
    view.frame.addEventListener('pointermove', (event) => {
      if (event.pointerType === 'mouse') fromPointer(event);
    });
    view.frame.addEventListener('pointerdown', fromPointer);

    view.frame.addEventListener('keydown', (event) => {
      const step = event.shiftKey ? 10 : 1;
      const img = this.img;
      if (!img) return;
      let { cx: x, cy: y } = this;
      switch (event.key) {
        case 'ArrowLeft':
          x -= step;
          break;
        case 'ArrowRight':
          x += step;
          break;
        case 'ArrowUp':
          y -= step;
          break;
        case 'ArrowDown':
          y += step;
          break;
        case 'Home':
          x = 0;
          break;
        case 'End':
          x = img.width - 1;
          break;
        default:
          return;
      }
      event.preventDefault();
      this.moveTo(x, y);
    });

    view.x.addEventListener('input', () => this.moveTo(Number(view.x.value), this.cy));
    view.y.addEventListener('input', () => this.moveTo(this.cx, Number(view.y.value)));
  }

  private show(img: Img, label: string, info: ImageInfo): void {
    const view = this.view;
    if (!view) return;
    const first = this.img === null;
    this.img = img;
    drawImg(view.canvas, img);
    view.frame.style.setProperty('--tk-pi-aspect', `${img.width} / ${img.height}`);
    view.x.max = String(img.width - 1);
    view.y.max = String(img.height - 1);

    let min = Infinity;
    let max = -Infinity;
    for (const v of img.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const channelWords = img.channels === 1 ? 'grey' : img.channels === 3 ? 'red, green, blue' : 'red, green, blue, alpha';
    const scaled = info.original.width !== img.width ? ` Scaled down from ${info.original.width} × ${info.original.height} pixels.` : '';
    view.facts.textContent =
      `${label}: shape ${img.height} × ${img.width} × ${img.channels} (height × width × channels: ${channelWords}), ` +
      `${formatCount(img.width * img.height * img.channels)} numbers. Each value is a whole number from 0 to 255; ` +
      `this picture uses ${Math.round(min)} to ${Math.round(max)}.${scaled}`;
    this.dataset.shape = `${img.height}x${img.width}x${img.channels}`;
    view.legend.textContent = img.channels === 1 ? LEGEND_GREY : LEGEND_RGB;

    // A new picture: start in its middle (the first time) or keep the cursor where it fits.
    if (first) this.moveTo(Math.floor(img.width / 2), Math.floor(img.height / 2));
    else this.moveTo(this.cx, this.cy);
    this.setState('done');
  }

  private render(): void {
    const view = this.view;
    const img = this.img;
    if (!view || !img) return;
    const { cx, cy } = this;
    this.dataset.x = String(cx);
    this.dataset.y = String(cy);
    view.x.value = String(cx);
    view.y.value = String(cy);
    view.xValue.textContent = String(cx);
    view.yValue.textContent = String(cy);

    // The marker outlines the magnified neighbourhood on the picture (percentages: it scales with the canvas).
    const m = view.marker.style;
    m.left = `${((cx + 0.5) / img.width) * 100}%`;
    m.top = `${((cy + 0.5) / img.height) * 100}%`;
    m.setProperty('--tk-pi-box-w', `${(GRID / img.width) * 100}%`);
    m.setProperty('--tk-pi-box-h', `${(GRID / img.height) * 100}%`);

    for (let row = 0; row < GRID; row++) {
      for (let col = 0; col < GRID; col++) {
        const cell = view.cells[row * GRID + col];
        if (!cell) continue;
        const x = cx + col - RADIUS;
        const y = cy + row - RADIUS;
        const spans = cell.children;
        if (x < 0 || y < 0 || x >= img.width || y >= img.height) {
          cell.classList.add('tk-pi__cell--outside');
          cell.style.removeProperty('background-color');
          cell.style.removeProperty('color');
          for (const span of spans) span.textContent = '';
          continue;
        }
        cell.classList.remove('tk-pi__cell--outside');
        const values = getPixel(img, x, y).map(Math.round);
        const [r, g, b] = img.channels === 1 ? [values[0]!, values[0]!, values[0]!] : [values[0]!, values[1]!, values[2]!];
        cell.style.backgroundColor = `rgb(${r} ${g} ${b})`;
        cell.style.color = readableTextColour(r, g, b);
        // RGB: red, green, blue from top to bottom; grey: its one value in the middle line.
        const shown = img.channels === 1 ? ['', String(values[0]), ''] : values.slice(0, 3).map(String);
        for (let i = 0; i < spans.length; i++) spans[i]!.textContent = shown[i] ?? '';
      }
    }
    view.status.announce(`Pixel (${cx}, ${cy}): ${describeValues(getPixel(img, cx, cy))}`);
  }
}

if (!customElements.get('tk-pixel-inspector')) customElements.define('tk-pixel-inspector', PixelInspectorElement);
