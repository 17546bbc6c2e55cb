/**
 * The browser loader against a real HTTP server (node:http on 127.0.0.1) serving small
 * generated IDX files: gzip, corrupted, truncated, missing, uncompressed, and gzip sent
 * with Content-Encoding.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx } from './idx.ts';
import { DataLoadError, fetchIdxFile, idxByteLength, loadLabels, loadSplit, type CacheLike, type LoadProgress } from './load.ts';
import type { DatasetFile, DatasetInfo } from './manifest.ts';
import { sha256Hex } from './sha256.ts';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// A tiny dataset: 7 train and 3 test images of 4 × 5 pixels.
const ROWS = 4;
const COLS = 5;
function makeImages(count: number, seed: number): Uint8Array {
  const data = Uint8Array.from({ length: count * ROWS * COLS }, (_, i) => (i * 37 + seed) % 256);
  return encodeIdx({ kind: 'images', count, rows: ROWS, cols: COLS, data });
}
function makeLabels(count: number, seed: number): Uint8Array {
  return encodeIdx({ kind: 'labels', count, data: Uint8Array.from({ length: count }, (_, i) => (i + seed) % 10) });
}
const content: Record<string, Uint8Array> = {
  'train-images-idx3-ubyte': makeImages(7, 1),
  'train-labels-idx1-ubyte': makeLabels(7, 2),
  't10k-images-idx3-ubyte': makeImages(3, 3),
  't10k-labels-idx1-ubyte': makeLabels(3, 4),
};
const fileEntry = (name: string, kind: 'images' | 'labels', split: 'train' | 'test', count: number): DatasetFile => ({
  name,
  kind,
  split,
  count,
  sha256: sha(content[name]!),
});
const TINY = {
  id: 'mnist',
  title: 'Tiny',
  description: '',
  baseUrl: '',
  homepage: '',
  licence: { name: '', url: '' },
  credit: '',
  rows: ROWS,
  cols: COLS,
  classNames: [],
  files: [
    fileEntry('train-images-idx3-ubyte', 'images', 'train', 7),
    fileEntry('train-labels-idx1-ubyte', 'labels', 'train', 7),
    fileEntry('t10k-images-idx3-ubyte', 'images', 'test', 3),
    fileEntry('t10k-labels-idx1-ubyte', 'labels', 'test', 3),
  ],
} satisfies DatasetInfo;

const trainImages = content['train-images-idx3-ubyte']!;
const trainImagesSha = sha(trainImages);
const flipped = trainImages.slice();
flipped[40] = flipped[40]! ^ 0xff;
const gz = gzipSync(trainImages);

interface Route {
  body: Uint8Array;
  headers?: Record<string, string>;
  status?: number;
}
const routes = new Map<string, Route>();
for (const [name, bytes] of Object.entries(content)) routes.set(`/data/mnist/${name}.gz`, { body: gzipSync(bytes) });
// A test split whose labels say 4 examples, but the images hold 3.
routes.set('/bad/mnist/t10k-images-idx3-ubyte.gz', { body: gzipSync(content['t10k-images-idx3-ubyte']!) });
routes.set('/bad/mnist/t10k-labels-idx1-ubyte.gz', { body: gzipSync(makeLabels(4, 0)) });
routes.set('/gz', { body: gz });
routes.set('/flipped', { body: gzipSync(flipped) });
routes.set('/crc', { body: Uint8Array.from(gz, (b, i) => (i === gz.length - 6 ? b ^ 0x01 : b)) });
routes.set('/truncated', { body: gz.subarray(0, Math.floor(gz.length / 2)) });
routes.set('/plain', { body: trainImages });
routes.set('/encoded', { body: gz, headers: { 'Content-Encoding': 'gzip' } });
routes.set('/garbage', { body: new TextEncoder().encode('<!doctype html><title>Not found</title>') });
routes.set('/error', { body: new Uint8Array(0), status: 500 });

const hits = new Map<string, number>();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(route.status ?? 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(route.body.length),
      ...route.headers,
    });
    // Two writes, so the client sees more than one chunk.
    const half = Math.floor(route.body.length / 2);
    res.write(route.body.subarray(0, half));
    res.end(route.body.subarray(half));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function loadError(promise: Promise<unknown>): Promise<DataLoadError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DataLoadError);
    return err as DataLoadError;
  }
  throw new Error('expected a DataLoadError, the load succeeded');
}

/** An in-memory stand-in for the Cache API. */
class MemoryCache implements CacheLike {
  readonly entries = new Map<string, Uint8Array>();
  async match(request: string): Promise<Response | undefined> {
    const body = this.entries.get(request);
    return body ? new Response(body.slice()) : undefined;
  }
  async put(request: string, response: Response): Promise<void> {
    this.entries.set(request, new Uint8Array(await response.arrayBuffer()));
  }
  async delete(request: string): Promise<boolean> {
    return this.entries.delete(request);
  }
}

describe('sha256Hex', () => {
  it('matches node:crypto', async () => {
    expect(await sha256Hex(trainImages)).toBe(trainImagesSha);
    expect(await sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('fetchIdxFile', () => {
  it('downloads, gunzips, verifies and parses, with progress reaching the total', async () => {
    const events: [number, number | null][] = [];
    const result = await fetchIdxFile(`${base}/gz`, {
      cache: 'none',
      expectedSha256: trainImagesSha,
      onProgress: (loaded, total) => events.push([loaded, total]),
    });
    expect(result.fromCache).toBe(false);
    expect(result.bytes).toBe(gz.length);
    expect(result.idx).toMatchObject({ kind: 'images', count: 7, rows: ROWS, cols: COLS });
    expect(Array.from(result.idx.data)).toEqual(Array.from(trainImages.subarray(16)));
    expect(events.at(-1)).toEqual([gz.length, gz.length]);
    expect(events.every(([loaded, total]) => total === gz.length && loaded <= total)).toBe(true);
    const loadedValues = events.map(([l]) => l);
    expect(loadedValues).toEqual([...loadedValues].sort((a, b) => a - b));
  });

  it('accepts a file served uncompressed', async () => {
    const result = await fetchIdxFile(`${base}/plain`, { cache: 'none', expectedSha256: trainImagesSha });
    expect(result.idx.count).toBe(7);
  });

  it('accepts gzip sent with Content-Encoding: gzip (already decoded by fetch); progress still ends at its total', async () => {
    const events: [number, number | null][] = [];
    const result = await fetchIdxFile(`${base}/encoded`, {
      cache: 'none',
      expectedSha256: trainImagesSha,
      onProgress: (loaded, total) => events.push([loaded, total]),
    });
    expect(result.idx.count).toBe(7);
    // Progress counts bytes on the wire: the compressed length the server sent.
    expect(events.at(-1)).toEqual([gz.length, gz.length]);
  });

  it('with Content-Encoding and the expected size, reports progress over the bytes on the wire', async () => {
    const events: [number, number | null][] = [];
    await fetchIdxFile(`${base}/encoded`, {
      cache: 'none',
      expectedSha256: trainImagesSha,
      expectedBytes: trainImages.length,
      onProgress: (loaded, total) => events.push([loaded, total]),
    });
    expect(events.every(([, total]) => total === gz.length)).toBe(true);
    const loaded = events.map(([l]) => l);
    expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
    expect(events.at(-1)).toEqual([gz.length, gz.length]);
  });

  it('knows the size of an IDX file from its shape', () => {
    expect(idxByteLength('images', 7, ROWS, COLS)).toBe(trainImages.length);
    expect(idxByteLength('labels', 10_000, 28, 28)).toBe(10_008);
  });

  it('rejects content with a flipped byte by its checksum, naming the file and the fix', async () => {
    const err = await loadError(
      fetchIdxFile(`${base}/flipped`, { cache: 'none', expectedSha256: trainImagesSha, fileName: 'mnist/train-images-idx3-ubyte.gz' }),
    );
    expect(err.reason).toBe('checksum');
    expect(err.file).toBe('mnist/train-images-idx3-ubyte.gz');
    expect(err.message).toContain('mnist/train-images-idx3-ubyte.gz failed its checksum check');
    expect(err.message).toContain(trainImagesSha);
    expect(err.message).toContain('npm run datasets');
  });

  it('rejects a gzip file whose CRC does not match', async () => {
    const err = await loadError(fetchIdxFile(`${base}/crc`, { cache: 'none' }));
    expect(err.reason).toBe('corrupt');
  });

  it('rejects a truncated gzip file', async () => {
    const err = await loadError(fetchIdxFile(`${base}/truncated`, { cache: 'none', fileName: 'x.gz' }));
    expect(err.reason).toBe('corrupt');
    expect(err.message).toMatch(/^x\.gz could not be decompressed \(\w.*\): the download is corrupt or truncated/);
  });

  it('rejects something that is not an IDX file with the parser message', async () => {
    const err = await loadError(fetchIdxFile(`${base}/garbage`, { cache: 'none', fileName: 'g' }));
    expect(err.reason).toBe('format');
    expect(err.message).toContain('bad magic number');
  });

  it('explains a 404 with `npm run datasets`', async () => {
    const err = await loadError(fetchIdxFile(`${base}/missing.gz`, { cache: 'none' }));
    expect(err.reason).toBe('http');
    expect(err.status).toBe(404);
    expect(err.message).toContain('missing.gz');
    expect(err.message).toContain('HTTP 404');
    expect(err.message).toContain('npm run datasets');
  });

  it('reports other HTTP errors with their status', async () => {
    const err = await loadError(fetchIdxFile(`${base}/error`, { cache: 'none' }));
    expect(err.status).toBe(500);
    expect(err.message).toContain('HTTP 500');
  });

  it('reports a network error (nothing listening)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await loadError(fetchIdxFile(`http://127.0.0.1:${port}/x.gz`, { cache: 'none' }));
    expect(err.reason).toBe('network');
    expect(err.message).toContain(`Could not download x.gz from http://127.0.0.1:${port}/x.gz`);
    expect(err.message).toContain('Check your connection');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the reader'));
    await expect(fetchIdxFile(`${base}/gz`, { cache: 'none', signal: controller.signal })).rejects.toThrow('stopped by the reader');
  });
});

describe('fetchIdxFile with a cache', () => {
  it('stores a verified download and reuses it without the network', async () => {
    const cache = new MemoryCache();
    const url = `${base}/gz?cache-1`;
    routes.set('/gz?cache-1', { body: gz });
    const first = await fetchIdxFile(url, { cache, expectedSha256: trainImagesSha });
    expect(first.fromCache).toBe(false);
    expect(cache.entries.has(url)).toBe(true);
    expect(hits.get('/gz?cache-1')).toBe(1);

    const events: [number, number | null][] = [];
    const second = await fetchIdxFile(url, { cache, expectedSha256: trainImagesSha, onProgress: (l, t) => events.push([l, t]) });
    expect(second.fromCache).toBe(true);
    expect(Array.from(second.idx.data)).toEqual(Array.from(first.idx.data));
    expect(hits.get('/gz?cache-1')).toBe(1);
    expect(events.at(-1)).toEqual([gz.length, gz.length]);
  });

  it('does not store a download that fails verification', async () => {
    const cache = new MemoryCache();
    await loadError(fetchIdxFile(`${base}/flipped`, { cache, expectedSha256: trainImagesSha }));
    expect(cache.entries.size).toBe(0);
  });

  it('deletes a damaged cache entry and downloads again', async () => {
    const cache = new MemoryCache();
    const url = `${base}/gz?cache-2`;
    routes.set('/gz?cache-2', { body: gz });
    cache.entries.set(url, gzipSync(flipped));
    const result = await fetchIdxFile(url, { cache, expectedSha256: trainImagesSha });
    expect(result.fromCache).toBe(false);
    expect(hits.get('/gz?cache-2')).toBe(1);
    expect(Array.from(cache.entries.get(url)!)).toEqual(Array.from(gz));
  });

  it("'auto' works without a Cache API (Node has no globalThis.caches)", async () => {
    expect('caches' in globalThis).toBe(false);
    const result = await fetchIdxFile(`${base}/gz`, { cache: 'auto', expectedSha256: trainImagesSha });
    expect(result.fromCache).toBe(false);
  });
});

describe('loadSplit', () => {
  it('loads images and labels of a split, with progress over both files reaching the total', async () => {
    const events: LoadProgress[] = [];
    const split = await loadSplit(`${base}/data/`, TINY, 'train', { cache: 'none', onProgress: (p) => events.push(p) });
    expect([split.count, split.rows, split.cols]).toEqual([7, ROWS, COLS]);
    expect(Array.from(split.images)).toEqual(Array.from(content['train-images-idx3-ubyte']!.subarray(16)));
    expect(Array.from(split.labels)).toEqual(Array.from(content['train-labels-idx1-ubyte']!.subarray(8)));
    expect(split.fromCache).toBe(false);

    const total =
      routes.get('/data/mnist/train-images-idx3-ubyte.gz')!.body.length + routes.get('/data/mnist/train-labels-idx1-ubyte.gz')!.body.length;
    const last = events.at(-1)!;
    expect(last.loaded).toBe(total);
    expect(last.total).toBe(total);
    expect(last.files.map((f) => f.file).sort()).toEqual(['mnist/train-images-idx3-ubyte.gz', 'mnist/train-labels-idx1-ubyte.gz']);
    expect(last.files.every((f) => f.loaded === f.total)).toBe(true);
  });

  it('applies a limit without copying', async () => {
    const split = await loadSplit(`${base}/data`, TINY, 'test', { cache: 'none', limit: 2 });
    expect(split.count).toBe(2);
    expect(split.images.length).toBe(2 * ROWS * COLS);
    expect(split.images.buffer.byteLength).toBeGreaterThan(3 * ROWS * COLS); // a view of the whole file
    expect(Array.from(split.labels)).toEqual(Array.from(content['t10k-labels-idx1-ubyte']!.subarray(8, 10)));
    const full = await loadSplit(`${base}/data`, TINY, 'test', { cache: 'none', limit: 1000 });
    expect(full.count).toBe(3);
  });

  it('rejects a bad limit', async () => {
    await expect(loadSplit(`${base}/data`, TINY, 'test', { cache: 'none', limit: 0 })).rejects.toThrow(RangeError);
  });

  it('rejects images and labels whose counts disagree', async () => {
    const labels4 = makeLabels(4, 0);
    const info: DatasetInfo = {
      ...TINY,
      files: TINY.files.map((f) => (f.name === 't10k-labels-idx1-ubyte' ? { ...f, count: 4, sha256: sha(labels4) } : f)),
    };
    const err = await loadError(loadSplit(`${base}/bad`, info, 'test', { cache: 'none' }));
    expect(err.reason).toBe('mismatch');
    expect(err.message).toContain('3 images but 4 labels');
  });

  it('fails with the first error when a file is missing', async () => {
    const err = await loadError(loadSplit(`${base}/nowhere`, TINY, 'train', { cache: 'none' }));
    expect(err.status).toBe(404);
    expect(err.message).toContain('npm run datasets');
  });

  it('fails when a file does not match the real manifest (the tiny files are not MNIST)', async () => {
    const err = await loadError(loadSplit(`${base}/data`, 'mnist', 'test', { cache: 'none' }));
    expect(err.reason).toBe('checksum');
    expect(err.message).toMatch(/mnist\/t10k-(images|labels)-idx\d-ubyte\.gz failed its checksum check/);
  });
});

describe('loadLabels', () => {
  it('loads only the labels of a split, verified', async () => {
    const labels = await loadLabels(`${base}/data`, TINY, 'test', { cache: 'none' });
    expect(Array.from(labels)).toEqual(Array.from(content['t10k-labels-idx1-ubyte']!.subarray(8)));
    const err = await loadError(loadLabels(`${base}/data`, 'mnist', 'train', { cache: 'none' }));
    expect(err.reason).toBe('checksum');
  });
});
