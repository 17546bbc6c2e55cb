/**
 * Watches the page's main thread during a benchmark (Long Tasks API, setTimeout heartbeats and
 * animation frames), and where the page finds the datasets. Used by the /dev/bench/ page's benchmarks.
 */

/** The site's data/ folder (the datasets), as the page sees it. */
export function dataUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}data/`, location.href).href;
}

export interface MainThreadLoad {
  /** Longest Long Tasks API entry (ms); 0 when no task reached 50 ms. */
  longestTaskMs: number;
  longTasks: number;
  /** Longest gap between two setTimeout(0) heartbeats (ms): how long the page could not respond. */
  maxHeartbeatGapMs: number;
  /** Longest gap between two animation frames (ms). */
  maxFrameGapMs: number;
}

/** Watches the main thread until stopped. */
export function monitorMainThread(): { stop(): MainThreadLoad } {
  const durations: number[] = [];
  let observer: PerformanceObserver | null = null;
  try {
    observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) durations.push(e.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    observer = null;
  }
  let running = true;
  let maxGap = 0;
  let last = performance.now();
  const beat = (): void => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last);
    last = t;
    if (running) setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
  let maxFrameGap = 0;
  let lastFrame = performance.now();
  const frame = (t: number): void => {
    maxFrameGap = Math.max(maxFrameGap, t - lastFrame);
    lastFrame = t;
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return {
    stop() {
      running = false;
      if (observer) {
        for (const e of observer.takeRecords()) durations.push(e.duration);
        observer.disconnect();
      }
      return {
        longestTaskMs: durations.length ? Math.max(...durations) : 0,
        longTasks: durations.length,
        maxHeartbeatGapMs: maxGap,
        maxFrameGapMs: maxFrameGap,
      };
    },
  };
}
