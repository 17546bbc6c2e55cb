/**
 * Runs scripts/datasets.ts as a child process (the Node running these tests, 24+) on tiny
 * generated IDX files, through the TINKER_DATASETS_MANIFEST test hook: copy from a mirror,
 * download from a real local HTTP server, and the failures (checksum, truncation, missing
 * file, no network).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from '../src/lib/data/idx.ts';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'datasets.ts');

// Two tiny datasets with the real ids, two files each.
interface Fixture {
  dataset: string;
  name: string;
  kind: 'images' | 'labels';
  count: number;
  content: Uint8Array;
}
const fixtures: Fixture[] = [
  { dataset: 'mnist', name: 'train-images-idx3-ubyte', kind: 'images', count: 3, content: images(3, 1) },
  { dataset: 'mnist', name: 'train-labels-idx1-ubyte', kind: 'labels', count: 3, content: labels(3, 2) },
  { dataset: 'fashion-mnist', name: 't10k-images-idx3-ubyte', kind: 'images', count: 2, content: images(2, 3) },
  { dataset: 'fashion-mnist', name: 't10k-labels-idx1-ubyte', kind: 'labels', count: 2, content: labels(2, 4) },
];
const [mnistImages, mnistLabels] = fixtures as [Fixture, Fixture, Fixture, Fixture];

function images(count: number, seed: number): Uint8Array {
  const data = Uint8Array.from({ length: count * 4 * 4 }, (_, i) => (i * 31 + seed) % 256);
  return encodeIdx({ kind: 'images', count, rows: 4, cols: 4, data });
}
function labels(count: number, seed: number): Uint8Array {
  return encodeIdx({ kind: 'labels', count, data: Uint8Array.from({ length: count }, (_, i) => (i + seed) % 10) });
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const gz = (f: Fixture) => gzipSync(f.content);
const rel = (f: Fixture) => `${f.dataset}/${f.name}.gz`;

let root = '';
let manifestPath = '';
let mirror = '';
let server: Server;
let base = '';
/** What the test server answers, by path. */
const routes = new Map<string, { body: Uint8Array; headers?: Record<string, string> }>();

async function writeMirror(dir: string, override: Partial<Record<string, Uint8Array | null>> = {}): Promise<string> {
  for (const f of fixtures) {
    const bytes = rel(f) in override ? override[rel(f)] : gz(f);
    await mkdir(path.join(dir, f.dataset), { recursive: true });
    if (bytes) await writeFile(path.join(dir, rel(f)), bytes);
  }
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'tinker-datasets-test-'));
  manifestPath = path.join(root, 'manifest.json');
  const datasets = ['mnist', 'fashion-mnist'].map((id) => ({
    id,
    files: fixtures.filter((f) => f.dataset === id).map((f) => ({ name: f.name, kind: f.kind, count: f.count, sha256: sha(f.content) })),
  }));
  await writeFile(manifestPath, JSON.stringify({ datasets }));
  mirror = await writeMirror(path.join(root, 'mirror'));

  for (const f of fixtures) routes.set(`/good/${rel(f)}`, { body: gz(f) });
  server = createServer((req, res) => {
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Length': String(route.body.length), ...route.headers }).end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the script asynchronously (the test HTTP server lives in this process). */
function run(args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  const cleanEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'DATASETS_DIR' && !k.startsWith('TINKER_')) cleanEnv[k] = v;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      // DATASETS_DIR empty: no mirror (not even one beside the checkout) unless a test names one.
      env: { ...cleanEnv, DATASETS_DIR: '', TINKER_DATASETS_MANIFEST: manifestPath, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function newOut(): Promise<string> {
  return mkdtemp(path.join(root, 'out-'));
}

/** Every file under dir, relative, sorted (to catch stray temporary files). */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const ALL_FILES = [
  'fashion-mnist/.verified.json',
  ...fixtures.filter((f) => f.dataset === 'fashion-mnist').map(rel),
  'mnist/.verified.json',
  ...fixtures.filter((f) => f.dataset === 'mnist').map(rel),
].sort();

describe('datasets script: mirror (DATASETS_DIR)', () => {
  it('copies and verifies every file, then a second run does nothing', async () => {
    const out = await newOut();
    const first = await run(['--out', out], { DATASETS_DIR: mirror });
    expect(first.stderr).not.toContain('✗');
    expect(first.code).toBe(0);
    for (const f of fixtures) {
      expect(first.stdout).toContain(`${rel(f)}  copied from ${path.join(mirror, rel(f))}, verified`);
      expect(Buffer.compare(await readFile(path.join(out, rel(f))), gz(f))).toBe(0);
    }
    expect(first.stdout).toMatch(/Datasets ready in .*: 4 files verified \(4 copied from /);
    expect(await listFiles(out)).toEqual(ALL_FILES);

    const mtimes = await Promise.all(fixtures.map(async (f) => (await stat(path.join(out, rel(f)))).mtimeMs));
    const stampBefore = await readFile(path.join(out, 'mnist/.verified.json'), 'utf8');
    const second = await run(['--out', out], { DATASETS_DIR: mirror });
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('all already verified, nothing to do');
    expect(second.stdout.match(/ok \(already verified\)/g)).toHaveLength(4);
    expect(second.stdout).not.toContain('copied');
    const mtimesAfter = await Promise.all(fixtures.map(async (f) => (await stat(path.join(out, rel(f)))).mtimeMs));
    expect(mtimesAfter).toEqual(mtimes);
    expect(await readFile(path.join(out, 'mnist/.verified.json'), 'utf8')).toBe(stampBefore);
  });

  it('--only prepares one dataset', async () => {
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist', '--quiet'], { DATASETS_DIR: mirror });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(await listFiles(out)).toEqual(['mnist/.verified.json', rel(mnistLabels), rel(mnistImages)].sort());
  });

  it('rejects a file with a wrong checksum: exit 1, names the file and the fix, leaves nothing behind', async () => {
    const flipped = mnistImages.content.slice();
    flipped[20] = flipped[20]! ^ 0xff;
    const badMirror = await writeMirror(path.join(root, 'mirror-checksum'), { [rel(mnistImages)]: gzipSync(flipped) });
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist'], { DATASETS_DIR: badMirror });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${rel(mnistImages)} has the wrong checksum`);
    expect(result.stderr).toContain(sha(mnistImages.content));
    expect(result.stderr).toContain(`The copy in the mirror (${path.join(badMirror, rel(mnistImages))}) is damaged`);
    expect(result.stderr).toContain(`1 of 2 file(s) could not be prepared: ${rel(mnistImages)}`);
    // The good file is in place; the bad one and any temporary file are not.
    expect(await listFiles(out)).toEqual(['mnist/.verified.json', rel(mnistLabels)].sort());
  });

  it('rejects a truncated gzip file', async () => {
    const whole = gz(mnistLabels);
    const badMirror = await writeMirror(path.join(root, 'mirror-truncated'), {
      [rel(mnistLabels)]: whole.subarray(0, whole.length - 10),
    });
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist'], { DATASETS_DIR: badMirror });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${rel(mnistLabels)} is corrupt or truncated`);
    expect(existsSync(path.join(out, rel(mnistLabels)))).toBe(false);
    expect((await listFiles(out)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('rejects a file that is not what the manifest says (count)', async () => {
    const other = labels(5, 0);
    const manifest = path.join(root, 'manifest-count.json');
    await writeFile(
      manifest,
      JSON.stringify({ datasets: [{ id: 'mnist', files: [{ name: mnistLabels.name, kind: 'labels', count: 3, sha256: sha(other) }] }] }),
    );
    const badMirror = await writeMirror(path.join(root, 'mirror-count'), { [rel(mnistLabels)]: gzipSync(other) });
    const result = await run(['--out', await newOut(), '--only', 'mnist'], {
      DATASETS_DIR: badMirror,
      TINKER_DATASETS_MANIFEST: manifest,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${rel(mnistLabels)} holds 5 labels, expected 3 labels`);
  });

  it('fails clearly when the mirror lacks a file', async () => {
    const badMirror = await writeMirror(path.join(root, 'mirror-missing'), { [rel(mnistImages)]: null });
    const result = await run(['--out', await newOut(), '--only', 'mnist'], { DATASETS_DIR: badMirror });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(badMirror, rel(mnistImages))} is missing`);
    expect(result.stderr).toContain('unset DATASETS_DIR');
  });

  it('fails clearly when DATASETS_DIR is not a folder', async () => {
    const result = await run(['--out', await newOut()], { DATASETS_DIR: path.join(root, 'no-such-dir') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no-such-dir is not a folder');
  });

  it('replaces a file in place that was damaged after it was verified', async () => {
    const out = await newOut();
    expect((await run(['--out', out, '--only', 'mnist'], { DATASETS_DIR: mirror })).code).toBe(0);
    await writeFile(path.join(out, rel(mnistImages)), gzipSync(labels(7, 0)));
    const result = await run(['--out', out, '--only', 'mnist'], { DATASETS_DIR: mirror });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`${rel(mnistImages)} has the wrong checksum`);
    expect(result.stderr).toContain('Removing it and fetching it again');
    expect(result.stdout).toContain(`${rel(mnistImages)}  copied from`);
    expect(Buffer.compare(await readFile(path.join(out, rel(mnistImages))), gz(mnistImages))).toBe(0);
  });
});

describe('datasets script: --if-missing', () => {
  it('returns at once when every file is present and verified, without needing a source', async () => {
    const out = await newOut();
    expect((await run(['--out', out], { DATASETS_DIR: mirror })).code).toBe(0);
    // No mirror and an unreachable URL: only the fast path can succeed.
    const result = await run(['--out', out, '--if-missing'], { TINKER_MNIST_URL: 'http://127.0.0.1:9/' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Datasets ready in .*: 4 files already verified/);
    expect(result.stderr).toBe('');
  });

  it('prepares what is missing', async () => {
    const out = await newOut();
    expect((await run(['--out', out], { DATASETS_DIR: mirror })).code).toBe(0);
    await rm(path.join(out, rel(mnistLabels)));
    const result = await run(['--out', out, '--if-missing'], { DATASETS_DIR: mirror });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${rel(mnistLabels)}  copied from`);
    expect(result.stdout).toContain('1 copied from');
    expect(existsSync(path.join(out, rel(mnistLabels)))).toBe(true);
  });
});

describe('datasets script: download', () => {
  it('downloads from the server and verifies', async () => {
    const out = await newOut();
    const result = await run(['--out', out], {
      TINKER_MNIST_URL: `${base}/good/mnist/`,
      TINKER_FASHION_MNIST_URL: `${base}/good/fashion-mnist`, // without the trailing slash
    });
    expect(result.stderr).not.toContain('✗');
    expect(result.code).toBe(0);
    for (const f of fixtures) {
      expect(result.stdout).toContain(`${rel(f)}  downloaded from ${base}/good/${rel(f)}, verified`);
      expect(Buffer.compare(await readFile(path.join(out, rel(f))), gz(f))).toBe(0);
    }
    expect(result.stdout).toContain('4 downloaded');
    expect(await listFiles(out)).toEqual(ALL_FILES);
  });

  it('stores gzip even when the server sent it with Content-Encoding: gzip', async () => {
    routes.set(`/encoded/${rel(mnistImages)}`, { body: gz(mnistImages), headers: { 'Content-Encoding': 'gzip' } });
    routes.set(`/encoded/${rel(mnistLabels)}`, { body: gz(mnistLabels), headers: { 'Content-Encoding': 'gzip' } });
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist'], { TINKER_MNIST_URL: `${base}/encoded/mnist/` });
    expect(result.code).toBe(0);
    const stored = await readFile(path.join(out, rel(mnistImages)));
    expect([stored[0], stored[1]]).toEqual([0x1f, 0x8b]);
  });

  it('rejects a corrupted download by its checksum and leaves no file', async () => {
    const flipped = mnistLabels.content.slice();
    flipped[9] = flipped[9]! ^ 0x01;
    routes.set(`/flipped/${rel(mnistImages)}`, { body: gz(mnistImages) });
    routes.set(`/flipped/${rel(mnistLabels)}`, { body: gzipSync(flipped) });
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist'], { TINKER_MNIST_URL: `${base}/flipped/mnist/` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${rel(mnistLabels)} has the wrong checksum`);
    expect(result.stderr).toContain('npm run datasets');
    expect(await listFiles(out)).toEqual(['mnist/.verified.json', rel(mnistImages)].sort());
  });

  it('explains an HTTP error', async () => {
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist'], { TINKER_MNIST_URL: `${base}/nothing-here/` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not download ${base}/nothing-here/${mnistImages.name}.gz: the server answered HTTP 404`);
    expect(await listFiles(out)).toEqual([]);
  });

  it('without a mirror and without a network, says to set DATASETS_DIR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const out = await newOut();
    const result = await run(['--out', out, '--only', 'mnist'], { TINKER_MNIST_URL: `http://127.0.0.1:${port}/mnist/` });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Could not download http://127.0.0.1:${port}/mnist/${mnistImages.name}.gz: `);
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr).toContain('Set DATASETS_DIR to a folder holding the files (see README) or check your connection.');
    // The second file is not tried again on an unreachable host.
    expect(result.stderr).toContain(`Skipped http://127.0.0.1:${port}/mnist/${mnistLabels.name}.gz: http://127.0.0.1:${port} could not be reached`);
    expect(await listFiles(out)).toEqual([]);
  });
});

describe('datasets script: usage', () => {
  it('rejects an unknown dataset and an unknown option with exit 2', async () => {
    const only = await run(['--only', 'cifar', '--out', await newOut()]);
    expect(only.code).toBe(2);
    expect(only.stderr).toContain('--only cifar: unknown dataset; choose one of mnist, fashion-mnist');
    const flag = await run(['--fast']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Unknown option --fast');
  });
});
