/**
 * `npm run datasets`: prepares MNIST and Fashion-MNIST for the site under
 * `public/data/<dataset>/<file>.gz` (gzip, as the canonical sources ship them).
 *
 * Source: the mirror folder `$DATASETS_DIR/<dataset>/<file>.gz` when DATASETS_DIR is set;
 * when it is unset, a mirror beside the checkout at `../shared/datasets` if there is one;
 * otherwise (or with DATASETS_DIR set to an empty string) the canonical download URLs of
 * src/lib/data/manifest.ts.
 * Every file is verified before it is put in place: gunzipped, SHA-256 of the uncompressed
 * content checked against the manifest, and parsed by the project's IDX parser (kind and
 * count). Files are written to a temporary file in the same folder and renamed, so a
 * failure never leaves a partial file. A small stamp `<dataset>/.verified.json` records
 * size, mtime and checksum of each verified file, so a second run only looks at the files.
 *
 * Usage: node scripts/datasets.ts [--if-missing] [--only mnist|fashion-mnist] [--out DIR] [--quiet] [--recheck]
 *   --if-missing  quick check used by predev/prebuild: when every file is present and
 *                 verified, print one line and stop; otherwise prepare what is missing.
 *   --only ID     prepare one dataset (mnist or fashion-mnist).
 *   --out DIR     output folder (default: public/data of this project).
 *   --quiet       print only errors.
 *   --recheck     verify files in place again even when their stamp says they are unchanged.
 *
 * Environment:
 *   DATASETS_DIR               mirror folder holding <dataset>/<file>.gz (e.g. ../shared/datasets);
 *                              empty (DATASETS_DIR=) to download even when ../shared/datasets exists.
 *   TINKER_MNIST_URL           override the MNIST download folder URL.
 *   TINKER_FASHION_MNIST_URL   override the Fashion-MNIST download folder URL.
 *   TINKER_DATASETS_MANIFEST   TEST HOOK ONLY: path to a JSON file replacing the dataset list and
 *                              checksums, {"datasets":[{"id","baseUrl"?,"files":[{"name","kind","count","sha256"}]}]},
 *                              so the script's tests can use tiny generated files.
 *
 * Exit status: 0 when every file is in place and verified, 1 when any file failed, 2 on bad usage.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gunzip as gunzipCb, gzip as gzipCb } from 'node:zlib';
import { IdxError, parseIdx } from '../src/lib/data/idx.ts';
import { DATASETS, DATASET_IDS } from '../src/lib/data/manifest.ts';
import { formatBytes } from '../src/lib/format/numbers.ts';

const gunzip = promisify(gunzipCb);
const gzip = promisify(gzipCb);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A mirror beside the checkout (`../shared/datasets`, as in this project's CI) is used when DATASETS_DIR is unset. */
const SIBLING_MIRROR = path.resolve(ROOT, '..', 'shared', 'datasets');
const STAMP_NAME = '.verified.json';
/** A download that receives nothing for this long is abandoned. */
const STALL_TIMEOUT_MS = 60_000;

interface PlanFile {
  name: string;
  kind: 'images' | 'labels';
  count: number;
  sha256: string;
}

interface PlanDataset {
  id: string;
  baseUrl: string;
  files: PlanFile[];
}

interface Options {
  ifMissing: boolean;
  only: string | null;
  out: string;
  quiet: boolean;
  recheck: boolean;
}

interface StampEntry {
  size: number;
  mtimeMs: number;
  sha256: string;
}
type Stamp = Record<string, StampEntry>;

/** A failure with a message that names the file and says what to do. */
class PrepError extends Error {}

class UsageError extends Error {}

// ---------------------------------------------------------------- arguments, manifest

function parseArgs(argv: string[]): Options {
  const options: Options = { ifMissing: false, only: null, out: path.join(ROOT, 'public', 'data'), quiet: false, recheck: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      return v;
    };
    if (arg === '--if-missing') options.ifMissing = true;
    else if (arg === '--quiet') options.quiet = true;
    else if (arg === '--recheck') options.recheck = true;
    else if (arg === '--only') options.only = value();
    else if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length);
    else if (arg === '--out') options.out = path.resolve(value());
    else if (arg.startsWith('--out=')) options.out = path.resolve(arg.slice('--out='.length));
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'Usage: node scripts/datasets.ts [--if-missing] [--only mnist|fashion-mnist] [--out DIR] [--quiet] [--recheck]\n' +
          'Copies from $DATASETS_DIR when set, otherwise downloads; verifies every file (see the top of this script).\n',
      );
      process.exit(0);
    } else throw new UsageError(`Unknown option ${arg}. Run with --help for usage.`);
  }
  return options;
}

function envUrl(id: string): string | undefined {
  const value = process.env[`TINKER_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`];
  return value ? value : undefined;
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : url + '/';
}

async function loadPlan(): Promise<PlanDataset[]> {
  const manifestPath = process.env.TINKER_DATASETS_MANIFEST;
  let datasets: PlanDataset[];
  if (manifestPath) {
    // Test hook: a small replacement manifest.
    try {
      const json = JSON.parse(await readFile(manifestPath, 'utf8')) as { datasets: PlanDataset[] };
      datasets = json.datasets.map((d) => ({ id: d.id, baseUrl: d.baseUrl ?? '', files: d.files }));
    } catch (err) {
      throw new UsageError(`TINKER_DATASETS_MANIFEST=${manifestPath} could not be read: ${(err as Error).message}`);
    }
  } else {
    datasets = DATASET_IDS.map((id) => {
      const info = DATASETS[id];
      return {
        id,
        baseUrl: info.baseUrl,
        files: info.files.map((f) => ({ name: f.name, kind: f.kind, count: f.count, sha256: f.sha256 })),
      };
    });
  }
  return datasets.map((d) => ({ ...d, baseUrl: withSlash(envUrl(d.id) ?? d.baseUrl) }));
}

// ---------------------------------------------------------------- output

/**
 * Byte progress of one file on stderr: an updating line on a terminal, otherwise
 * a line each time another 10% is reached.
 */
class Progress {
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
    const text =
      `${this.label}  ${formatBytes(loaded)}` + (total ? ` of ${formatBytes(total)}  ${pct}%` : '');
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

function countingStream(onBytes: (loaded: number) => void): Transform {
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

async function readStamp(dir: string): Promise<Stamp> {
  try {
    const json = JSON.parse(await readFile(path.join(dir, STAMP_NAME), 'utf8')) as { version?: number; files?: Stamp };
    return json.version === 1 && json.files ? json.files : {};
  } catch {
    return {};
  }
}

async function writeStamp(dir: string, stamp: Stamp): Promise<void> {
  const file = path.join(dir, STAMP_NAME);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify({ version: 1, files: stamp }, null, 2) + '\n');
  await rename(tmp, file);
}

function stampMatches(entry: StampEntry | undefined, size: number, mtimeMs: number, sha256: string): boolean {
  return entry !== undefined && entry.size === size && entry.mtimeMs === mtimeMs && entry.sha256 === sha256;
}

// ---------------------------------------------------------------- fetch and verify

/** Temporary files being written, removed if the process is interrupted. */
const activeTemps = new Set<string>();

function causeText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  let detail = cause?.message ?? '';
  if (cause?.code && !detail.includes(cause.code)) detail = `${cause.code} ${detail}`.trim();
  if (err.message === 'fetch failed' && detail) return detail;
  return detail && !err.message.includes(detail) ? `${err.message} (${detail})` : err.message;
}

async function copyFromMirror(source: string, tmp: string, progress: Progress): Promise<number> {
  const size = (await stat(source)).size;
  progress.start(size);
  await pipeline(createReadStream(source), countingStream((n) => progress.update(n)), createWriteStream(tmp));
  return size;
}

/** Origins that could not be reached in this run: later files from them are not tried again. */
const unreachable = new Set<string>();

async function download(url: string, tmp: string, progress: Progress): Promise<number> {
  const noNetworkHint = 'Set DATASETS_DIR to a folder holding the files (see README) or check your connection.';
  const origin = new URL(url).origin;
  if (unreachable.has(origin)) throw new PrepError(`Skipped ${url}: ${origin} could not be reached (see above).`);
  const controller = new AbortController();
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(
      () => controller.abort(new Error(`no data received for ${STALL_TIMEOUT_MS / 1000} s`)),
      STALL_TIMEOUT_MS,
    );
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
      throw new PrepError(
        `Could not download ${url}: the server answered HTTP ${response.status} ${response.statusText}. ${noNetworkHint}`,
      );
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
      throw new PrepError(
        `The download of ${url} is incomplete: got ${received} of ${total} bytes. Run \`npm run datasets\` again.`,
      );
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
async function verifyFile(filePath: string, file: PlanFile, label: string): Promise<void> {
  const compressed = await readFile(filePath);
  let content: Buffer;
  try {
    content = await gunzip(compressed);
  } catch (err) {
    throw new PrepError(`${label} is corrupt or truncated: it does not decompress (${causeText(err)}).`);
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  if (sha256 !== file.sha256) {
    throw new PrepError(
      `${label} has the wrong checksum: the SHA-256 of its uncompressed content is ${sha256}, expected ${file.sha256}.`,
    );
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

type Outcome = 'unchanged' | 'verified' | 'copied' | 'downloaded';

interface Context {
  options: Options;
  mirror: string | null;
}

async function prepareFile(dataset: PlanDataset, file: PlanFile, dir: string, stamp: Stamp, ctx: Context): Promise<Outcome> {
  const fileName = `${file.name}.gz`;
  const label = `${dataset.id}/${fileName}`;
  const dest = path.join(dir, fileName);
  const url = dataset.baseUrl + fileName;
  const say = (text: string) => {
    if (!ctx.options.quiet) process.stdout.write(`${label}  ${text}\n`);
  };

  // 1. Already in place?
  const existing = await stat(dest).catch(() => null);
  if (existing) {
    if (!ctx.options.recheck && stampMatches(stamp[fileName], existing.size, existing.mtimeMs, file.sha256)) {
      say('ok (already verified)');
      return 'unchanged';
    }
    try {
      await verifyFile(dest, file, label);
      stamp[fileName] = { size: existing.size, mtimeMs: existing.mtimeMs, sha256: file.sha256 };
      say('ok (verified the file in place)');
      return 'verified';
    } catch (err) {
      if (!(err instanceof PrepError)) throw err;
      process.stderr.write(`${err.message} Removing it and fetching it again.\n`);
      delete stamp[fileName];
      await rm(dest, { force: true });
    }
  }

  // 2. Fetch into a temporary file, verify, then move into place.
  const tmp = path.join(dir, `.${fileName}.${process.pid}.tmp`);
  activeTemps.add(tmp);
  const progress = new Progress(label, !ctx.options.quiet);
  try {
    let bytes: number;
    let fix: string;
    let source: string;
    if (ctx.mirror) {
      source = path.join(ctx.mirror, dataset.id, fileName);
      const found = await stat(source).catch(() => null);
      if (!found?.isFile()) {
        throw new PrepError(
          `${label}: ${source} is missing. DATASETS_DIR=${ctx.mirror} should hold <dataset>/<file>.gz (see README); ` +
            `fix the mirror, or unset DATASETS_DIR to download from ${url}.`,
        );
      }
      fix = `The copy in the mirror (${source}) is damaged: restore it, or unset DATASETS_DIR to download from ${url}.`;
      bytes = await copyFromMirror(source, tmp, progress);
    } else {
      source = url;
      fix =
        'Run `npm run datasets` again to download it again; if it fails the same way, set DATASETS_DIR to a folder ' +
        'holding verified copies (see README).';
      bytes = await download(url, tmp, progress);
    }
    progress.end();
    try {
      await verifyFile(tmp, file, label);
    } catch (err) {
      if (err instanceof PrepError) throw new PrepError(`${err.message} ${fix}`);
      throw err;
    }
    await rename(tmp, dest);
    const placed = await stat(dest);
    stamp[fileName] = { size: placed.size, mtimeMs: placed.mtimeMs, sha256: file.sha256 };
    say(`${ctx.mirror ? 'copied from' : 'downloaded from'} ${source}, verified (${formatBytes(bytes)})`);
    return ctx.mirror ? 'copied' : 'downloaded';
  } finally {
    progress.end();
    activeTemps.delete(tmp);
    await rm(tmp, { force: true });
  }
}

/** True when every file is present with a stamp matching its size and mtime (no hashing). */
async function allPresent(plan: PlanDataset[], out: string): Promise<boolean> {
  for (const dataset of plan) {
    const dir = path.join(out, dataset.id);
    const stamp = await readStamp(dir);
    for (const file of dataset.files) {
      const fileName = `${file.name}.gz`;
      const st = await stat(path.join(dir, fileName)).catch(() => null);
      if (!st || !stampMatches(stamp[fileName], st.size, st.mtimeMs, file.sha256)) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- main

function cleanupAndExit(signal: NodeJS.Signals): void {
  for (const tmp of activeTemps) {
    process.stderr.write(`\nInterrupted (${signal}): removing ${tmp}\n`);
    rmSync(tmp, { force: true });
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

async function main(): Promise<number> {
  const started = performance.now();
  let options: Options;
  let plan: PlanDataset[];
  try {
    options = parseArgs(process.argv.slice(2));
    plan = await loadPlan();
    if (options.only !== null) {
      const ids = plan.map((d) => d.id);
      if (!ids.includes(options.only)) {
        throw new UsageError(`--only ${options.only}: unknown dataset; choose one of ${ids.join(', ')}.`);
      }
      plan = plan.filter((d) => d.id === options.only);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`datasets: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const fileCount = plan.reduce((n, d) => n + d.files.length, 0);
  const relativeOut = path.relative(process.cwd(), options.out);
  const outLabel = relativeOut && !relativeOut.startsWith('..') ? relativeOut : options.out;
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

  if (options.ifMissing && !options.recheck && (await allPresent(plan, options.out))) {
    if (!options.quiet) process.stdout.write(`Datasets ready in ${outLabel}: ${fileCount} files already verified (${seconds()} s).\n`);
    return 0;
  }

  let mirrorEnv = process.env.DATASETS_DIR;
  if (mirrorEnv === undefined && (await stat(path.join(SIBLING_MIRROR, 'mnist')).catch(() => null))?.isDirectory()) {
    mirrorEnv = SIBLING_MIRROR;
    if (!options.quiet) {
      process.stdout.write(`Using the datasets mirror next to this checkout: ${SIBLING_MIRROR} (set DATASETS_DIR= to download instead).\n`);
    }
  }
  const mirror = mirrorEnv ? path.resolve(mirrorEnv) : null;
  if (mirror && !(await stat(mirror).catch(() => null))?.isDirectory()) {
    process.stderr.write(
      `datasets: DATASETS_DIR=${mirrorEnv} is not a folder. Point it at a folder holding <dataset>/<file>.gz ` +
        '(see README), or unset it to download from the canonical sources.\n',
    );
    return 1;
  }
  const ctx: Context = { options, mirror };
  process.on('SIGINT', cleanupAndExit);
  process.on('SIGTERM', cleanupAndExit);

  const outcomes: Outcome[] = [];
  const failures: string[] = [];
  for (const dataset of plan) {
    const dir = path.join(options.out, dataset.id);
    await mkdir(dir, { recursive: true });
    const stamp = await readStamp(dir);
    const before = JSON.stringify(stamp);
    for (const file of dataset.files) {
      try {
        outcomes.push(await prepareFile(dataset, file, dir, stamp, ctx));
      } catch (err) {
        if (!(err instanceof PrepError)) throw err;
        failures.push(`${dataset.id}/${file.name}.gz`);
        process.stderr.write(`✗ ${err.message}\n`);
      }
    }
    if (JSON.stringify(stamp) !== before) await writeStamp(dir, stamp);
  }

  if (failures.length > 0) {
    process.stderr.write(
      `datasets: ${failures.length} of ${fileCount} file(s) could not be prepared: ${failures.join(', ')} (see above).\n`,
    );
    return 1;
  }
  if (!options.quiet) {
    const n = (o: Outcome) => outcomes.filter((x) => x === o).length;
    const changed = n('copied') + n('downloaded') + n('verified');
    const detail =
      changed === 0
        ? 'all already verified, nothing to do'
        : [
            n('copied') && `${n('copied')} copied from ${mirror}`,
            n('downloaded') && `${n('downloaded')} downloaded`,
            n('verified') && `${n('verified')} verified in place`,
            n('unchanged') && `${n('unchanged')} already verified`,
          ]
            .filter(Boolean)
            .join(', ');
    process.stdout.write(`Datasets ready in ${outLabel}: ${fileCount} files verified (${detail}) in ${seconds()} s.\n`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`datasets: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
