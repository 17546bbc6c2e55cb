/** What every benchmark module of `npm run bench` (bench/run.ts) shares: rows, the context, number formatting. */
import type { Page } from '@playwright/test';

/** One printed line: what was measured, the figure, and the goal if there is one. */
export interface Row {
  label: string;
  value: string;
  goal?: string;
  /** true/false when there is a goal: met or not. */
  met?: boolean;
}

export interface BenchContext {
  /** The hidden page /dev/bench/, with window.tinkerBench installed. */
  page: Page;
  /** The site's address (with its base, ending in /), to open other pages in the same browser. */
  url: string;
  examples: number;
  /** The build being served (its data/ folder holds the datasets too). */
  dist: string;
}

export interface Benchmark {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<Row[]>;
}

/** A number for the table: thousands separated, a fixed number of decimals. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
