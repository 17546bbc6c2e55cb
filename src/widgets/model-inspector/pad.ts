/**
 * The drawing pad: a 280×280 canvas (28×28 cells of 10×10) for mouse, touch and pen (Pointer
 * Events; CSS sets touch-action: none), and a keyboard alternative: the arrow keys move a cursor
 * over the 28×28 cells, Space paints the cell, Enter erases it, each announced. Only the ink's
 * alpha counts (ink()), so its colour is free for the theme. A test image can be opened in it.
 */
import type { InkImage } from '../../lib/digits/preprocess.ts';
import { trackStrokes } from '../shared/pointer-strokes.ts';

export const CELLS = 28;
const SIDE = 280;
const CELL = SIDE / CELLS;
const STROKE = 20;

export interface PadEvents {
  /** The drawing changed; `settled` when a stroke or key press is finished (not mid-stroke). */
  change(settled: boolean): void;
  /** Words for a screen reader (cursor moves, cells painted). */
  announce(text: string): void;
}

export class DrawingPad {
  private readonly ctx: CanvasRenderingContext2D;
  private cursor = { x: 14, y: 14 };
  private drawn = false;
  private readonly off: (() => void)[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly cursorMark: HTMLElement,
    private readonly events: PadEvents,
  ) {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser cannot draw on a canvas.');
    this.ctx = ctx;
    const on = <K extends keyof HTMLElementEventMap>(type: K, f: (e: HTMLElementEventMap[K]) => void) => {
      canvas.addEventListener(type, f);
      this.off.push(() => canvas.removeEventListener(type, f));
    };
    this.off.push(
      trackStrokes(canvas, SIDE, {
        segment: (a, b) => this.segment(a, b),
        drew: () => this.events.change(false),
        ended: () => this.events.change(true),
      }),
    );
    on('keydown', (e) => this.key(e));
    on('blur', () => (this.cursorMark.hidden = true));
  }

  get empty(): boolean {
    return !this.drawn;
  }

  /** The ink, 0..1 per canvas pixel. */
  ink(): InkImage {
    const rgba = this.ctx.getImageData(0, 0, SIDE, SIDE).data;
    const data = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < data.length; i++) data[i] = (rgba[i * 4 + 3] as number) / 255;
    return { width: SIDE, height: SIDE, data };
  }

  clear(): void {
    this.ctx.clearRect(0, 0, SIDE, SIDE);
    this.drawn = false;
    this.events.change(true);
  }

  /** Shows a 28×28 image (784 grey levels 0..255) in the pad, each pixel a cell. */
  setImage(pixels: Uint8Array): void {
    const img = this.ctx.createImageData(SIDE, SIDE);
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) img.data[(y * SIDE + x) * 4 + 3] = pixels[Math.floor(y / CELL) * CELLS + Math.floor(x / CELL)] as number;
    }
    this.ctx.putImageData(img, 0, 0);
    this.drawn = pixels.some((v) => v > 0);
    this.events.change(true);
  }

  destroy(): void {
    for (const f of this.off) f();
  }

  private segment(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const ctx = this.ctx;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = STROKE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x + 0.01, b.y);
    ctx.stroke();
    this.drawn = true;
  }

  private key(e: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[e.key];
    const { x, y } = this.cursor;
    if (move) {
      this.cursor = { x: Math.min(CELLS - 1, Math.max(0, x + move[0])), y: Math.min(CELLS - 1, Math.max(0, y + move[1])) };
      this.events.announce(`Row ${this.cursor.y + 1}, column ${this.cursor.x + 1}: ${this.cellInk() > 0.5 ? 'painted' : 'empty'}`);
    } else if (e.key === ' ' || e.key === 'Enter') {
      if (e.key === ' ') {
        this.ctx.fillStyle = '#000';
        this.ctx.fillRect(x * CELL, y * CELL, CELL, CELL);
        this.drawn = true;
      } else {
        this.ctx.clearRect(x * CELL, y * CELL, CELL, CELL);
      }
      this.events.announce(`Row ${y + 1}, column ${x + 1}: ${e.key === ' ' ? 'painted' : 'erased'}`);
      this.events.change(true);
    } else {
      return;
    }
    e.preventDefault();
    this.showCursor();
  }

  private cellInk(): number {
    const { x, y } = this.cursor;
    return (this.ctx.getImageData(x * CELL + CELL / 2, y * CELL + CELL / 2, 1, 1).data[3] as number) / 255;
  }

  private showCursor(): void {
    const s = this.cursorMark.style;
    s.left = `${(this.cursor.x / CELLS) * 100}%`;
    s.top = `${(this.cursor.y / CELLS) * 100}%`;
    this.cursorMark.hidden = false;
  }
}
