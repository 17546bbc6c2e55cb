/**
 * The scribble on the corrupted image: mouse, touch and pen draw strokes (Pointer Events; CSS sets
 * touch-action: none), and the keyboard has the same: the arrow keys move a pen over the 28 × 28
 * pixels (a square marks it), Space draws a dot there, Shift with an arrow draws as the pen moves.
 * Strokes go into a coverage mask (lib/unsupervised/corrupt.ts `paintStroke`); the widget applies it.
 */
import { paintStroke, type Point } from '../../lib/unsupervised/corrupt.ts';

export const SIDE = 28;
/** Brush radius in pixels: a stroke about two pixels wide, like a pen on a 28 × 28 image. */
const RADIUS = 1;

export interface ScribbleEvents {
  /** The mask changed (redraw). */
  change(): void;
  /** Words for a screen reader (where the pen is, what it drew). */
  say(text: string): void;
}

const MOVES: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

export class ScribblePad {
  /** Coverage of the reader's ink, 0..1 per pixel. */
  readonly mask = new Float32Array(SIDE * SIDE);
  private last: Point | null = null;
  private pointer: number | null = null;
  private readonly cursor = { x: 14, y: 14 };
  private readonly off: (() => void)[] = [];

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly cursorMark: HTMLElement,
    private readonly events: ScribbleEvents,
  ) {
    const on = <K extends keyof HTMLElementEventMap>(type: K, f: (e: HTMLElementEventMap[K]) => void) => {
      canvas.addEventListener(type, f);
      this.off.push(() => canvas.removeEventListener(type, f));
    };
    on('pointerdown', (e) => this.down(e));
    on('pointermove', (e) => this.move(e));
    on('pointerup', (e) => this.up(e));
    on('pointercancel', (e) => this.up(e));
    on('keydown', (e) => this.key(e));
    on('focus', () => this.showCursor(true));
    on('blur', () => this.showCursor(false));
  }

  /** Whether anything is drawn. */
  get drawn(): boolean {
    return this.mask.some((v) => v > 0);
  }

  clear(): void {
    this.mask.fill(0);
  }

  destroy(): void {
    for (const f of this.off.splice(0)) f();
  }

  /** The pointer's place in image pixels. */
  private at(e: PointerEvent): Point {
    const box = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / Math.max(1, box.width)) * SIDE, y: ((e.clientY - box.top) / Math.max(1, box.height)) * SIDE };
  }

  private stroke(from: Point, to: Point): void {
    paintStroke(this.mask, SIDE, from, to, RADIUS);
    this.events.change();
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0 || this.pointer !== null) return;
    e.preventDefault();
    this.pointer = e.pointerId;
    this.canvas.setPointerCapture?.(e.pointerId);
    this.last = this.at(e);
    this.stroke(this.last, this.last);
  }

  private move(e: PointerEvent): void {
    if (e.pointerId !== this.pointer || !this.last) return;
    const p = this.at(e);
    this.stroke(this.last, p);
    this.last = p;
  }

  private up(e: PointerEvent): void {
    if (e.pointerId !== this.pointer) return;
    this.pointer = null;
    this.last = null;
  }

  private key(e: KeyboardEvent): void {
    const move = MOVES[e.key];
    const centre = (): Point => ({ x: this.cursor.x + 0.5, y: this.cursor.y + 0.5 });
    if (move) {
      e.preventDefault();
      const from = centre();
      this.cursor.x = Math.min(SIDE - 1, Math.max(0, this.cursor.x + move[0]));
      this.cursor.y = Math.min(SIDE - 1, Math.max(0, this.cursor.y + move[1]));
      this.showCursor(true);
      if (e.shiftKey) this.stroke(from, centre());
      this.events.say(`Pen at row ${this.cursor.y + 1}, column ${this.cursor.x + 1}${e.shiftKey ? ', drawing' : ''}`);
    } else if (e.key === ' ') {
      e.preventDefault();
      this.stroke(centre(), centre());
      this.events.say(`Dot drawn at row ${this.cursor.y + 1}, column ${this.cursor.x + 1}`);
    }
  }

  private showCursor(visible: boolean): void {
    this.cursorMark.hidden = !visible;
    this.cursorMark.style.left = `${(this.cursor.x / SIDE) * 100}%`;
    this.cursorMark.style.top = `${(this.cursor.y / SIDE) * 100}%`;
  }
}
