/**
 * One thing the reader's code showed, in order: what the output API (output-api.ts) builds and
 * the code worker sends to the page (src/workers/code/protocol.ts re-exports it).
 */
export type OutputItem =
  | { kind: 'text'; stream: 'print' | 'log' | 'info' | 'warn' | 'error'; text: string }
  | {
      kind: 'plot';
      plot: 'line' | 'scatter';
      /** A later plot with the same key replaces this one in place (a live-updating chart). */
      key: string;
      title?: string;
      xLabel?: string;
      yLabel?: string;
      series: Array<{ name: string; points: Array<[number, number]> }>;
    }
  | {
      kind: 'images';
      title?: string;
      /** Each image as RGBA bytes (width × height × 4), ready for ImageData. */
      images: Array<{ width: number; height: number; rgba: Uint8ClampedArray; label?: string }>;
      columns?: number;
    }
  | { kind: 'table'; title?: string; columns: string[]; rows: Array<Array<string | number | boolean | null>> }
  | { kind: 'progress'; fraction: number; label: string }
  /** Sent instead of further output once the output limit is reached. */
  | { kind: 'truncated'; hiddenLines: number };

export type TextStream = Extract<OutputItem, { kind: 'text' }>['stream'];
