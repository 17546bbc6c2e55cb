/**
 * A 2-D scatter of many points (10,000 and more) on a canvas, coloured by class: pan and zoom with
 * d3-zoom (drag, pinch, double-click; the wheel once the canvas has focus or with Ctrl / ⌘; when the canvas
 * has focus, + / − zoom, the arrow keys pan and 0 resets),
 * nearest-point hover through a grid (scatter-model.ts), a pick on click, tap or Enter.
 *
 * Keyboard: while the canvas has focus a small crosshair marks its centre, and the point nearest it
 * is the hovered one (onHover), so panning with the arrows walks through the points and Enter picks.
 *
 * The host owns the canvas and its CSS size (e.g. width: 100%; aspect-ratio: 1), gives it an
 * accessible name (aria-label), tabindex="0" (set here if missing), and a text alternative beside
 * it (e.g. class centroids and spread in words): a canvas says nothing to a screen reader.
 * The canvas follows devicePixelRatio and its CSS size. After each draw, `data-points` on the canvas
 * holds how many points were drawn and `data-zoom` the zoom factor (for tests and the host).
 */
import { select, type Selection } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { PointGrid, fitPoints, placePoints } from './scatter-model.ts';

export interface Scatter2dOptions {
  /** n·2 coordinates (x, y per point), any units: they are fitted into the canvas. */
  xy: Float32Array;
  /** n class indices into `palette`. */
  classes: Uint8Array;
  /** Colours by class (CLASS_COLOURS from ./class-colours.ts for ten classes). */
  palette: readonly string[];
  /** The point under the pointer (or nearest the centre while focused by keyboard), or null: on every change. */
  onHover?(index: number | null): void;
  /** A point clicked, tapped or chosen with Enter. */
  onPick?(index: number): void;
  /** Point radius in CSS pixels (default 2.5; grows a little with zoom). */
  radius?: number;
}

export interface Scatter2d {
  /** New coordinates (same n, or a new n with new classes), refitted to the canvas; the zoom is kept. */
  update(xy: Float32Array, classes?: Uint8Array): void;
  /** Ring one point (e.g. the picked one), or none. */
  select(index: number | null): void;
  /** Back to the whole set in view. */
  resetZoom(): void;
  destroy(): void;
}

const HOVER_RADIUS = 10;
const TOUCH_RADIUS = 18;
const KEY_RADIUS = 28;
const PAN_STEP = 40;
const ZOOM_STEP = 1.5;

export function createScatter2d(canvas: HTMLCanvasElement, options: Scatter2dOptions): Scatter2d {
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas (no 2D context), so the scatter plot cannot be shown.');
  const ctx = context;
  const radius = options.radius ?? 2.5;
  let xy = options.xy;
  let classes = options.classes;
  let width = 0;
  let height = 0;
  let base: Float32Array = new Float32Array(0);
  let grid = new PointGrid(base);
  let transform: ZoomTransform = zoomIdentity;
  let hovered: number | null = null;
  let selected: number | null = null;
  let keyboard = false;
  let frame = 0;
  let destroyed = false;
  if (!canvas.hasAttribute('tabindex')) canvas.tabIndex = 0;
  const fallback = { width: canvas.width || 300, height: canvas.height || 300 };

  const layout = (): void => {
    const w = canvas.clientWidth || fallback.width;
    const h = canvas.clientHeight || fallback.height;
    const dpr = globalThis.devicePixelRatio || 1;
    width = w;
    height = h;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    base = placePoints(xy, fitPoints(xy, { width, height }, radius + 6));
    grid = new PointGrid(base);
    behaviour.extent([
      [0, 0],
      [width, height],
    ]);
    behaviour.translateExtent([
      [-width * 0.5, -height * 0.5],
      [width * 1.5, height * 1.5],
    ]);
  };

  const draw = (): void => {
    frame = 0;
    if (destroyed) return;
    ctx.clearRect(0, 0, width, height);
    const { k, x: tx, y: ty } = transform;
    const r = radius * Math.min(3, Math.sqrt(k));
    const n = Math.min(classes.length, base.length >> 1);
    let drawn = 0;
    ctx.globalAlpha = 0.75;
    for (let c = 0; c < options.palette.length; c++) {
      ctx.fillStyle = options.palette[c]!;
      ctx.beginPath();
      for (let i = 0; i < n; i++) {
        if (classes[i] !== c) continue;
        const px = tx + k * base[2 * i]!;
        const py = ty + k * base[2 * i + 1]!;
        if (Number.isNaN(px) || Number.isNaN(py)) continue;
        drawn++;
        if (px < -r || py < -r || px > width + r || py > height + r) continue;
        ctx.moveTo(px + r, py);
        ctx.arc(px, py, r, 0, 2 * Math.PI);
      }
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    const ink = getComputedStyle(canvas).color || '#000';
    const ring = (i: number | null, size: number): void => {
      if (i === null || i >= n) return;
      const px = tx + k * base[2 * i]!;
      const py = ty + k * base[2 * i + 1]!;
      if (Number.isNaN(px)) return;
      ctx.fillStyle = options.palette[classes[i]!] ?? ink;
      ctx.beginPath();
      ctx.arc(px, py, r + 1.5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.strokeStyle = ink;
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(px, py, r + size, 0, 2 * Math.PI);
      ctx.stroke();
    };
    ring(selected, 6);
    ring(hovered, 4);
    if (keyboard) {
      ctx.strokeStyle = ink;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(width / 2 - 8, height / 2);
      ctx.lineTo(width / 2 + 8, height / 2);
      ctx.moveTo(width / 2, height / 2 - 8);
      ctx.lineTo(width / 2, height / 2 + 8);
      ctx.stroke();
    }
    canvas.dataset.points = String(drawn);
    canvas.dataset.zoom = transform.k.toFixed(2);
  };

  const schedule = (): void => {
    if (!frame && !destroyed) frame = requestAnimationFrame(draw);
  };

  const setHover = (index: number | null): void => {
    if (index === hovered) return;
    hovered = index;
    schedule();
    options.onHover?.(index);
  };

  /** The point nearest a spot in canvas CSS pixels, within `reach` screen pixels. */
  const nearestAt = (sx: number, sy: number, reach: number): number | null => {
    const [bx, by] = transform.invert([sx, sy]);
    return grid.nearest(bx, by, reach / transform.k);
  };
  const nearestCentre = (): number | null => nearestAt(width / 2, height / 2, KEY_RADIUS);

  const behaviour: ZoomBehavior<HTMLCanvasElement, unknown> = zoom<HTMLCanvasElement, unknown>()
    .scaleExtent([1, 40])
    .clickDistance(4)
    // The wheel zooms only once the plot has focus (a click or Tab) or with Ctrl / ⌘ (a trackpad pinch): scrolling the page past it still scrolls.
    .filter((event: Event) => {
      if (event.type === 'wheel') return document.activeElement === canvas || (event as WheelEvent).ctrlKey || (event as WheelEvent).metaKey;
      return !(event as MouseEvent).ctrlKey && !(event as MouseEvent).button;
    })
    .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
      transform = event.transform;
      if (keyboard) setHover(nearestCentre());
      schedule();
    });
  const selection: Selection<HTMLCanvasElement, unknown, null, undefined> = select(canvas);
  selection.call(behaviour);

  const spot = (event: MouseEvent): [number, number] => {
    const box = canvas.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  const onPointerMove = (event: PointerEvent): void => {
    if (event.pointerType === 'touch') return;
    keyboard = false;
    const [sx, sy] = spot(event);
    setHover(nearestAt(sx, sy, HOVER_RADIUS));
  };
  const onPointerLeave = (): void => {
    if (!keyboard) setHover(null);
  };
  const onClick = (event: MouseEvent): void => {
    const [sx, sy] = spot(event);
    const touch = (event as PointerEvent).pointerType === 'touch';
    const index = nearestAt(sx, sy, touch ? TOUCH_RADIUS : HOVER_RADIUS);
    if (index === null) return;
    setHover(index);
    options.onPick?.(index);
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const pan = (dx: number, dy: number): void => behaviour.translateBy(selection, dx / transform.k, dy / transform.k);
    switch (event.key) {
      case '+':
      case '=':
        behaviour.scaleBy(selection, ZOOM_STEP);
        break;
      case '-':
      case '_':
        behaviour.scaleBy(selection, 1 / ZOOM_STEP);
        break;
      case 'ArrowLeft':
        pan(PAN_STEP, 0);
        break;
      case 'ArrowRight':
        pan(-PAN_STEP, 0);
        break;
      case 'ArrowUp':
        pan(0, PAN_STEP);
        break;
      case 'ArrowDown':
        pan(0, -PAN_STEP);
        break;
      case '0':
      case 'Home':
        behaviour.transform(selection, zoomIdentity);
        break;
      case 'Enter':
      case ' ': {
        const index = keyboard ? hovered : (hovered ?? nearestCentre());
        if (index !== null) options.onPick?.(index);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    keyboard = true;
    setHover(nearestCentre());
    schedule();
  };
  const onFocus = (): void => {
    keyboard = canvas.matches(':focus-visible');
    if (keyboard) setHover(nearestCentre());
    schedule();
  };
  const onBlur = (): void => {
    if (keyboard) setHover(null);
    keyboard = false;
    schedule();
  };
  canvas.addEventListener('pointermove', onPointerMove);
  canvas.addEventListener('pointerleave', onPointerLeave);
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('keydown', onKeyDown);
  canvas.addEventListener('focus', onFocus);
  canvas.addEventListener('blur', onBlur);

  const resizeObserver =
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver(() => {
          if (canvas.clientWidth === width && canvas.clientHeight === height) return;
          layout();
          schedule();
        });
  resizeObserver?.observe(canvas);
  layout();
  draw();

  return {
    update(next, nextClasses) {
      xy = next;
      if (nextClasses) classes = nextClasses;
      layout();
      if (hovered !== null && hovered >= xy.length / 2) setHover(null);
      schedule();
    },
    select(index) {
      selected = index;
      schedule();
    },
    resetZoom() {
      behaviour.transform(selection, zoomIdentity);
    },
    destroy() {
      destroyed = true;
      if (frame) cancelAnimationFrame(frame);
      resizeObserver?.disconnect();
      selection.on('.zoom', null);
      canvas.removeEventListener('pointermove', onPointerMove);
      canvas.removeEventListener('pointerleave', onPointerLeave);
      canvas.removeEventListener('click', onClick);
      canvas.removeEventListener('keydown', onKeyDown);
      canvas.removeEventListener('focus', onFocus);
      canvas.removeEventListener('blur', onBlur);
    },
  };
}
