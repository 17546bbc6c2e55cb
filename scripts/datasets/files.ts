/**
 * The file work of `npm run datasets` (scripts/datasets.ts): the plan types, the progress line,
 * the `.verified.json` stamp, copying from a mirror or downloading (stall timeout, resumable
 * error messages), and verifying a file (gunzip, SHA-256, IDX kind and count).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { IdxError, parseIdx } from '../../src/lib/data/idx.ts';
import { formatBytes } from '../../src/lib/format/numbers.ts';

const gunzip = promisify(gunzipCb);
const gzip = promisify(gzipCb);

export const STAMP_NAME = '.verified.json';
/** A download that receives nothing for this long is abandoned. */
const STALL_TIMEOUT_MS = 60_000;

export interface PlanFile {
  name: string;
  kind: 'images' | 'labels';
  count: number;
  sha256: string;
}

export interface PlanDataset {
  id: string;
  baseUrl: string;
  files: PlanFile[];
}

export interface StampEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
}
export type Stamp = Record<string, StampEntry>;

/** A failure with a message that names the file and says what to do. */
export class PrepError extends Error {}

// ---------------------------------------------------------------- output

/**
 * Byte progress of one file on stderr: an updating line on a terminal, otherwise
 * a line each time another 10% is reached.
 */
export class Progress {
  private readonly label: string;
  private readonly enabled: boolean;
  private readonly tty: boolean;
  private total: number | null = null;
  private lastDecile = 0;
  private lastDraw = 0;

  constructor(label: string, enabled: boolean) {
    this.label = label;
    this.enabled = enabled;
    this.tty = process.stderr.isTTY === true;
  }

  start(total: number | null): void {
    this.total = total;
    // With a known size, the first line is printed at 10%; with an unknown size, at 5 MB.
    this.lastDecile = 0;
  }

  update(loaded: number): void {
    if (!this.enabled) return;
    const total = this.total;
    const pct = total ? Math.min(100, Math.floor((loaded / total) * 100)) : null;
    const text = `${this.label}  ${formatBytes(loaded)}` + (total ? ` of ${formatBytes(total)}  ${pct}%` : '');
    if (this.tty) {
      const now = Date.now();
      if (now - this.lastDraw < 100 && loaded !== total) return;
      this.lastDraw = now;
      process.stderr.write(`\r\x1b[2K${text}`);
    } else if (pct !== null) {
      const decile = Math.floor(pct / 10);
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        process.stderr.write(text + '\n');
      }
    } else {
      // Unknown size: a line every 5 MB.
      const step = Math.floor(loaded / 5_000_000);
      if (step > this.lastDecile) {
        this.lastDecile = step;
        process.stderr.write(text + '\n');
      }
    }
  }

  end(): void {
    if (this.enabled && this.tty && this.lastDraw > 0) process.stderr.write('\r\x1b[2K');
  }
}

export function countingStream(onBytes: (loaded: number) => void): Transform {
  let loaded = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      loaded += chunk.length;
      onBytes(loaded);
      callback(null, chunk);
    },
  });
}

// ---------------------------------------------------------------- stamp

export async function readStamp(dir: string): Promise<Stamp> {
  try {
    const json = JSON.parse(await readFile(path.join(dir, STAMP_NAME), 'utf8')) as { version?: number; files?: Stamp };
    return json.version === 1 && json.files ? json.files : {};
  } catch {
    return {};
  }
}

export async function writeStamp(dir: string, stamp: Stamp): Promise<void> {
  const file = path.join(dir, STAMP_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ version: 1, files: stamp }, null, 2) + '\n');
  await rename(tmp, file);
}

export function stampMatches(entry: StampEntry | undefined, size: number, mtimeMs: number, sha256: string): boolean {
  return entry !== undefined && entry.size === size && entry.mtimeMs === mtimeMs && entry.sha256 === sha256;
}

// ---------------------------------------------------------------- fetch and verify

/** Temporary files being written, removed if the process is interrupted. */
export const activeTemps = new Set<string>();

export function causeText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  let detail = cause?.message ?? '';
  if (cause?.code && !detail.includes(cause.code)) detail = `${cause.code} ${detail}`.trim();
  if (err.message === 'fetch failed' && detail) return detail;
  return detail && !err.message.includes(detail) ? `${err.message} (${detail})` : err.message;
}

export async function copyFromMirror(source: string, tmp: string, progress: Progress): Promise<number> {
  const size = (await stat(source)).size;
  progress.start(size);
  await pipeline(
    createReadStream(source),
    countingStream((n) => progress.update(n)),
    createWriteStream(tmp),
  );
  return size;
}

/** Origins that could not be reached in this run: later files from them are not tried again. */
export const unreachable = new Set<string>();

export async function download(url: string, tmp: string, progress: Progress): Promise<number> {
  const noNetworkHint = 'Set DATASETS_DIR to a folder holding the files (see README) or check your connection.';
  const origin = new URL(url).origin;
  if (unreachable.has(origin)) throw new PrepError(`Skipped ${url}: ${origin} could not be reached (see above).`);
  const controller = new AbortController();
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => controller.abort(new Error(`no data received for ${STALL_TIMEOUT_MS / 1000} s`)), STALL_TIMEOUT_MS);
  };
  armStallTimer();
  try {
    let response: Response;
    try {
      // Ask for the bytes as stored: the files are gzip already.
      response = await fetch(url, { signal: controller.signal, headers: { 'Accept-Encoding': 'identity' } });
    } catch (err) {
      unreachable.add(new URL(url).origin);
      throw new PrepError(`Could not download ${url}: ${causeText(controller.signal.reason ?? err)}. ${noNetworkHint}`);
    }
    if (!response.ok || !response.body) {
      throw new PrepError(`Could not download ${url}: the server answered HTTP ${response.status} ${response.statusText}. ${noNetworkHint}`);
    }
    const encoding = response.headers.get('content-encoding');
    const length = response.headers.get('content-length');
    const total = (!encoding || encoding === 'identity') && length && /^\d+$/.test(length) ? Number(length) : null;
    progress.start(total);
    let received = 0;
    try {
      await pipeline(
        Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>),
        countingStream((n) => {
          received = n;
          armStallTimer();
          progress.update(n);
        }),
        createWriteStream(tmp),
      );
    } catch (err) {
      throw new PrepError(
        `The download of ${url} broke off after ${formatBytes(received)}: ${causeText(controller.signal.reason ?? err)}. ` +
          'Run `npm run datasets` again, or set DATASETS_DIR to a folder holding the files (see README).',
      );
    }
    if (total !== null && received !== total) {
      throw new PrepError(`The download of ${url} is incomplete: got ${received} of ${total} bytes. Run \`npm run datasets\` again.`);
    }
    // A server that sent the file with Content-Encoding: gzip had it decoded by fetch: store it gzipped again.
    const head = await readFile(tmp).then((b) => b.subarray(0, 2));
    if (received > 0 && !(head[0] === 0x1f && head[1] === 0x8b)) {
      const content = await readFile(tmp);
      await writeFile(tmp, await gzip(content));
    }
    return received;
  } finally {
    clearTimeout(stallTimer);
  }
}

/** Gunzips, checks the SHA-256 of the content, parses it and checks kind and count. Throws PrepError. */
export async function verifyFile(filePath: string, file: PlanFile, label: string): Promise<void> {
  const compressed = await readFile(filePath);
  let content: Buffer;
  try {
    content = await gunzip(compressed);
  } catch (err) {
    throw new PrepError(`${label} is corrupt or truncated: it does not decompress (${causeText(err)}).`);
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== file.sha256) {
    throw new PrepError(`${label} has the wrong checksum: the SHA-256 of its uncompressed content is ${sha256}, expected ${file.sha256}.`);
  }
  let idx;
  try {
    idx = parseIdx(content, label);
  } catch (err) {
    if (err instanceof IdxError) throw new PrepError(err.message);
    throw err;
  }
  if (idx.kind !== file.kind || idx.count !== file.count) {
    throw new PrepError(`${label} holds ${idx.count} ${idx.kind}, expected ${file.count} ${file.kind}.`);
  }
}
