/**
 * When the Snake player plays by itself: it trains once the first time it comes into view, and
 * replays games while it is in view, unless the reader prefers reduced motion or has taken over.
 */

/** Share of the widget that must be on screen to count as seen. */
const THRESHOLD = 0.25;

export interface AutoPlayHooks {
  /** The first time the widget is in view (train the agent). */
  firstSeen: () => void;
  /** Every change of being in view. */
  visible: (inView: boolean) => void;
}

export class AutoPlay {
  /** Whether the agent should play by itself: no reduced motion, and the reader has not taken over. */
  wanted: boolean;
  inView = false;
  private seen = false;
  private readonly observer: IntersectionObserver | null;

  constructor(target: Element, hooks: AutoPlayHooks) {
    this.wanted = !(typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches);
    const seen = (inView: boolean) => {
      this.inView = inView;
      if (inView && !this.seen) {
        this.seen = true;
        hooks.firstSeen();
      }
      hooks.visible(inView);
    };
    if (typeof IntersectionObserver === 'function') {
      this.observer = new IntersectionObserver(
        (entries) => {
          const last = entries.at(-1);
          if (last) seen(last.isIntersecting && last.intersectionRatio >= THRESHOLD);
        },
        { threshold: [0, THRESHOLD] },
      );
      this.observer.observe(target);
    } else {
      this.observer = null;
      setTimeout(() => seen(true), 0);
    }
  }

  /** The reader took over: nothing plays by itself any more. */
  cancel(): void {
    this.wanted = false;
  }

  disconnect(): void {
    this.observer?.disconnect();
  }
}
