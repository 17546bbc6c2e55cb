/**
 * The drawing of the latent view: the points (viz/points-3d: WebGL2 or the canvas-2D fallback), and
 * over them a 2-D overlay with the data's box, the 3-D cursor and the chosen points. Mouse, touch,
 * wheel and keys turn the orbit camera (lib/latent-view/camera.ts); a click picks a point. Frames are
 * drawn on demand, at most one per animation frame. While the camera moves nothing is picked: the pick
 * buffer is prepared once it has stayed still for SETTLE_MS (lib/latent-view/pick-buffer.ts), so a click
 * then is a lookup.
 */
import {
  DEFAULT_CAMERA,
  fitBounds,
  projectAll,
  rotate,
  viewProjection,
  zoom,
  type Bounds,
  type OrbitCamera,
  type Vec3,
} from '../../lib/latent-view/camera.ts';
import { createSettle, type Settle } from '../../lib/latent-view/pick-buffer.ts';
import { CLASS_COLOURS } from '../../viz/class-colours.ts';
import { createPoints3d, type PointsRenderer } from '../../viz/points-3d/index.ts';

export interface SceneMarks {
  cursor: Vec3;
  selected: Vec3 | null;
  a: Vec3 | null;
  b: Vec3 | null;
}

export interface SceneEvents {
  /** A click or tap landed on point `index`. */
  onPick(index: number): void;
  /** The camera moved (for data-angle). */
  onCamera(camera: OrbitCamera): void;
  /** The WebGL context was lost: the caller makes a new scene on the fallback. */
  onContextLost(): void;
}

const ROTATE_PER_PIXEL = 0.008;
/** A press that moves less than this (CSS pixels) is a click, not a drag. */
const CLICK_SLOP = 4;

/** Colours of the overlay, read from the design tokens (so both themes work). */
function overlayColours(el: Element): { line: string; text: string; accent: string } {
  const style = getComputedStyle(el);
  return {
    line: style.getPropertyValue('--grid').trim() || '#d0d7de',
    text: style.getPropertyValue('--fg').trim() || '#1a1d21',
    accent: style.getPropertyValue('--focus').trim() || '#c2410c',
  };
}

export class LatentScene {
  camera: OrbitCamera = { ...DEFAULT_CAMERA };
  bounds: Bounds;
  readonly renderer: PointsRenderer;
  readonly fallbackReason: string | null;
  marks: SceneMarks;
  private frame: number | null = null;
  private matrix: Float32Array = new Float32Array(16);
  private width = 1;
  private height = 1;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private pressStart: { x: number; y: number } | null = null;
  private readonly resizeObserver: ResizeObserver;
  /** Prepares the pick buffer once the view has stopped changing. */
  private readonly settle: Settle;
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly view: HTMLElement,
    private pointsCanvas: HTMLCanvasElement,
    private readonly overlay: HTMLCanvasElement,
    points: Float32Array,
    classes: Uint8Array,
    private readonly events: SceneEvents,
    webglProblem: string | null = null,
  ) {
    this.bounds = fitBounds(points, classes.length);
    this.marks = { cursor: [...this.bounds.centre], selected: null, a: null, b: null };
    const created = createPoints3d(pointsCanvas, { points, n: classes.length, classes, palette: CLASS_COLOURS }, webglProblem);
    this.renderer = created.renderer;
    this.settle = createSettle(() => this.renderer.preparePick());
    this.fallbackReason = created.fallbackReason;
    this.pointsCanvas = created.canvas;
    const lost = (e: Event) => {
      e.preventDefault();
      this.events.onContextLost();
    };
    this.pointsCanvas.addEventListener('webglcontextlost', lost);
    this.cleanups.push(() => this.pointsCanvas.removeEventListener('webglcontextlost', lost));
    this.listen();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(view);
    this.resize();
  }

  /** New positions for the same images (another embedding); the camera keeps its angle. */
  setPoints(points: Float32Array, n: number): void {
    this.bounds = fitBounds(points, n);
    this.renderer.setPoints(points);
    this.requestDraw();
  }

  /** The theme changed: the overlay's colours follow it (the points' palette serves both themes). */
  refreshColours(): void {
    this.requestDraw();
  }

  setCamera(camera: OrbitCamera): void {
    this.camera = camera;
    this.events.onCamera(camera);
    this.requestDraw();
  }

  rotateBy(dYaw: number, dPitch: number): void {
    this.setCamera(rotate(this.camera, dYaw, dPitch));
  }

  zoomBy(factor: number): void {
    this.setCamera(zoom(this.camera, factor));
  }

  resetCamera(): void {
    this.setCamera({ ...DEFAULT_CAMERA });
  }

  requestDraw(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = null;
      this.drawNow();
    });
  }

  /** Draws the points and the overlay now. */
  drawNow(): void {
    this.matrix = viewProjection(this.camera, this.width / this.height, this.bounds);
    this.renderer.draw(this.matrix);
    if (!this.renderer.pickReady) this.settle.moved();
    this.drawOverlay();
  }

  /** The point under (x, y), CSS pixels from the view's top left; null if none. */
  pick(x: number, y: number): number | null {
    return this.renderer.pick(x, y);
  }

  /** Where a data position is drawn, CSS pixels (for tests and the bench). */
  screenPosition(position: Vec3): { x: number; y: number } {
    const p = projectAll(this.matrix, new Float32Array(position), 1, this.width, this.height);
    return { x: p[0]!, y: p[1]! };
  }

  destroy(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.settle.cancel();
    this.resizeObserver.disconnect();
    for (const cleanup of this.cleanups) cleanup();
    this.renderer.destroy();
  }

  private resize(): void {
    const rect = this.view.getBoundingClientRect();
    this.width = Math.max(1, rect.width);
    this.height = Math.max(1, rect.height);
    const ratio = Math.min(2, devicePixelRatio || 1);
    this.renderer.resize(this.width, this.height, ratio);
    this.overlay.width = Math.round(this.width * ratio);
    this.overlay.height = Math.round(this.height * ratio);
    this.drawNow();
  }

  private drawOverlay(): void {
    const ctx = this.overlay.getContext('2d');
    if (!ctx) return;
    const ratio = this.overlay.width / this.width;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, this.width, this.height);
    const colours = overlayColours(this.view);
    const { min, max } = this.bounds;
    // The data's box, faint, for orientation.
    const corners = new Float32Array(24);
    for (let c = 0; c < 8; c++) corners.set([c & 1 ? max[0] : min[0], c & 2 ? max[1] : min[1], c & 4 ? max[2] : min[2]], c * 3);
    const p = projectAll(this.matrix, corners, 8, this.width, this.height);
    ctx.strokeStyle = colours.line;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let c = 0; c < 8; c++) {
      for (const bit of [1, 2, 4]) {
        if (c & bit) continue;
        ctx.moveTo(p[c * 3]!, p[c * 3 + 1]!);
        ctx.lineTo(p[(c | bit) * 3]!, p[(c | bit) * 3 + 1]!);
      }
    }
    ctx.stroke();
    ctx.fillStyle = colours.text;
    ctx.font = '12px system-ui, sans-serif';
    for (const [bit, name] of [
      [1, 'x'],
      [2, 'y'],
      [4, 'z'],
    ] as const)
      ctx.fillText(name, p[bit * 3]! + 4, p[bit * 3 + 1]! - 4);

    // The cursor: three short segments along x, y and z, and a ring.
    const { cursor, selected, a, b } = this.marks;
    const arm = (this.bounds.radius || 1) / 8;
    const ends = new Float32Array(18);
    for (let axis = 0; axis < 3; axis++) {
      const lo: Vec3 = [...cursor];
      const hi: Vec3 = [...cursor];
      lo[axis] = cursor[axis]! - arm;
      hi[axis] = cursor[axis]! + arm;
      ends.set([...lo, ...hi], axis * 6);
    }
    const q = projectAll(this.matrix, ends, 6, this.width, this.height);
    ctx.strokeStyle = colours.accent;
    ctx.lineWidth = 2;
    ctx.beginPath();
    for (let s = 0; s < 3; s++) {
      ctx.moveTo(q[s * 6]!, q[s * 6 + 1]!);
      ctx.lineTo(q[s * 6 + 3]!, q[s * 6 + 4]!);
    }
    ctx.stroke();
    const ring = (position: Vec3 | null, radius: number, label: string) => {
      if (!position) return;
      const at = this.screenPosition(position);
      ctx.beginPath();
      ctx.arc(at.x, at.y, radius, 0, 2 * Math.PI);
      ctx.stroke();
      if (label) ctx.fillText(label, at.x + radius + 2, at.y - radius);
    };
    ring(cursor, 5, '');
    ctx.strokeStyle = colours.text;
    ring(selected, 7, '');
    ring(a, 7, 'A');
    ring(b, 7, 'B');
  }

  private listen(): void {
    const on = <K extends keyof HTMLElementEventMap>(type: K, handler: (e: HTMLElementEventMap[K]) => void, options?: AddEventListenerOptions) => {
      this.view.addEventListener(type, handler as EventListener, options);
      this.cleanups.push(() => this.view.removeEventListener(type, handler as EventListener));
    };
    on('pointerdown', (e) => {
      this.view.setPointerCapture?.(e.pointerId);
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      this.pressStart = this.pointers.size === 1 ? { x: e.clientX, y: e.clientY } : null;
    });
    on('pointermove', (e) => {
      const last = this.pointers.get(e.pointerId);
      if (!last) return;
      if (this.pointers.size === 2) {
        // Pinch: the change in distance between the two fingers zooms.
        const [other] = [...this.pointers].filter(([id]) => id !== e.pointerId).map(([, v]) => v);
        const before = Math.hypot(last.x - other!.x, last.y - other!.y);
        const after = Math.hypot(e.clientX - other!.x, e.clientY - other!.y);
        if (before > 0 && after > 0) this.zoomBy(before / after);
      } else {
        this.rotateBy(-(e.clientX - last.x) * ROTATE_PER_PIXEL, (e.clientY - last.y) * ROTATE_PER_PIXEL);
      }
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    });
    const end = (e: PointerEvent) => {
      const start = this.pressStart;
      this.pointers.delete(e.pointerId);
      if (this.pointers.size > 0) return;
      this.pressStart = null;
      if (e.type !== 'pointerup' || !start || Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_SLOP) return;
      const rect = this.view.getBoundingClientRect();
      const index = this.pick(e.clientX - rect.left, e.clientY - rect.top);
      if (index !== null) this.events.onPick(index);
    };
    on('pointerup', end);
    on('pointercancel', end);
    on(
      'wheel',
      (e) => {
        // The wheel zooms once the view has focus (a click or Tab) or with Ctrl / ⌘, so scrolling the lesson past it is not caught.
        if (document.activeElement !== this.view && !e.ctrlKey && !e.metaKey) return;
        e.preventDefault();
        this.zoomBy(Math.exp(e.deltaY * 0.001));
      },
      { passive: false },
    );
  }
}
