/**
 * Strokes drawn on a canvas with the mouse, a finger or a pen (Pointer Events; the canvas's CSS sets
 * touch-action: none), in the canvas's own units (`side` across): a press draws a dot, each move the
 * segments since the last place (coalesced events included), and a release or cancel ends the stroke.
 * The drawing pads (the model inspector's, the denoiser's scribble) share it; their keyboard pens are theirs.
 */
export interface StrokePoint {
  x: number;
  y: number;
}

export interface StrokeHandlers {
  /** Draw from one place to the next (the same place for the dot of a press). */
  segment(from: StrokePoint, to: StrokePoint): void;
  /** After a press or a move has drawn its segments. */
  drew?(): void;
  /** The stroke ended (released or cancelled). */
  ended?(): void;
}

/** Starts listening; returns the function that stops. */
export function trackStrokes(canvas: HTMLCanvasElement, side: number, handlers: StrokeHandlers): () => void {
  let pointer: number | null = null;
  let last: StrokePoint | null = null;
  const at = (e: PointerEvent): StrokePoint => {
    const box = canvas.getBoundingClientRect();
    return { x: ((e.clientX - box.left) / Math.max(1, box.width)) * side, y: ((e.clientY - box.top) / Math.max(1, box.height)) * side };
  };
  const down = (e: PointerEvent): void => {
    if (e.button !== 0 || pointer !== null) return;
    e.preventDefault();
    pointer = e.pointerId;
    canvas.setPointerCapture?.(e.pointerId);
    last = at(e);
    handlers.segment(last, last);
    handlers.drew?.();
  };
  const move = (e: PointerEvent): void => {
    if (e.pointerId !== pointer || !last) return;
    const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    for (const ev of events.length > 0 ? events : [e]) {
      const p = at(ev);
      handlers.segment(last, p);
      last = p;
    }
    handlers.drew?.();
  };
  const up = (e: PointerEvent): void => {
    if (e.pointerId !== pointer) return;
    pointer = null;
    last = null;
    handlers.ended?.();
  };
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
  };
}
