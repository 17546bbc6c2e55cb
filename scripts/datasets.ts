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
 *
 * The file work (progress line, stamp, copy, download, verify) is in scripts/datasets/files.ts.
 */
import { rmSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATASETS, DATASET_IDS } from '../src/lib/data/manifest.ts';
import { formatBytes } from '../src/lib/format/numbers.ts';
import {
  activeTemps,
  copyFromMirror,
  download,
  PrepError,
  Progress,
  readStamp,
  stampMatches,
  verifyFile,
  writeStamp,
  type PlanDataset,
  type PlanFile,
  type Stamp,
} from './datasets/files.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A mirror beside the checkout (`../shared/datasets`, as in this project's CI) is used when DATASETS_DIR is unset. */
const SIBLING_MIRROR = path.resolve(ROOT, '..', 'shared', 'datasets');

interface Options {
  ifMissing: boolean;
  only: string | null;
  out: string;
  quiet: boolean;
  recheck: boolean;
}

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
    process.stderr.write(`datasets: ${failures.length} of ${fileCount} file(s) could not be prepared: ${failures.join(', ')} (see above).\n`);
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
