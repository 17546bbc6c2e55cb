/**
 * The scribble on the corrupted image: mouse, touch and pen draw strokes (Pointer Events; CSS sets
 * touch-action: none; widgets/shared/pointer-strokes.ts), and the keyboard has the same: the arrow keys move a pen over the 28 × 28
 * pixels (a square marks it), Space draws a dot there, Shift with an arrow draws as the pen moves.
 * Strokes go into a coverage mask (lib/unsupervised/corrupt.ts `paintStroke`); the widget applies it.
 */
import { paintStroke, type Point } from '../../lib/unsupervised/corrupt.ts';
import { trackStrokes } from '../shared/pointer-strokes.ts';

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
    this.off.push(
      trackStrokes(canvas, SIDE, { segment: (from, to) => paintStroke(this.mask, SIDE, from, to, RADIUS), drew: () => this.events.change() }),
    );
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

  private stroke(from: Point, to: Point): void {
    paintStroke(this.mask, SIDE, from, to, RADIUS);
    this.events.change();
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
