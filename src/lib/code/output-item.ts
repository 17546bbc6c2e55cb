/**
 * The output items of a code run, as in src/workers/code-protocol.ts (`OutputItem`). `src/lib`
 * may not import from src/workers, so the shape is repeated here; src/workers/code.worker.ts
 * checks at compile time that both stay identical.
 */
export type OutputItem =
  | { kind: 'text'; stream: 'print' | 'log' | 'info' | 'warn' | 'error'; text: string }
  | {
      kind: 'plot';
      plot: 'line' | 'scatter';
      key: string;
      title?: string;
      xLabel?: string;
      yLabel?: string;
      series: Array<{ name: string; points: Array<[number, number]> }>;
    }
  | {
      kind: 'images';
      title?: string;
      images: Array<{ width: number; height: number; rgba: Uint8ClampedArray; label?: string }>;
      columns?: number;
    }
  | { kind: 'table'; title?: string; columns: string[]; rows: Array<Array<string | number | boolean | null>> }
  | { kind: 'progress'; fraction: number; label: string }
  | { kind: 'truncated'; hiddenLines: number };

export type TextStream = Extract<OutputItem, { kind: 'text' }>['stream'];
