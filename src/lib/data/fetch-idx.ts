/**
 * Fetching one IDX file of a dataset: streamed with byte progress, gunzipped with
 * DecompressionStream, its SHA-256 (of the uncompressed bytes) checked against the manifest,
 * parsed with the shared IDX parser, and kept in the Cache API once verified so that a second
 * visit does not download it again. Errors are DataLoadErrors with a reason and plain words.
 * load.ts builds a whole split on this.
 *
 * Uses only fetch, streams, DecompressionStream, crypto.subtle and (optionally)
 * `globalThis.caches`: no DOM, so it runs in pages, workers and Node 24 (tests).
 */
import { errorText } from '../format/error-text.ts';
import { IdxError, parseIdx, type IdxFile } from './idx.ts';
import { sha256Hex } from './sha256.ts';

/** Name of the Cache API cache holding verified downloads. Bump the version to drop old entries. */
export const DATA_CACHE_NAME = 'tinker-data-v1';

/** The part of the Cache API the loader uses (tests pass an in-memory implementation). */
export interface CacheLike {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
  delete(request: string): Promise<boolean>;
}

export type DataLoadErrorReason = 'network' | 'http' | 'corrupt' | 'checksum' | 'format' | 'mismatch';

/** A data file that could not be loaded. The message names the file and says what to do. */
export class DataLoadError extends Error {
  readonly file: string;
  readonly url: string;
  readonly reason: DataLoadErrorReason;
  /** HTTP status for reason 'http'. */
  readonly status: number | undefined;

  constructor(init: { file: string; url: string; reason: DataLoadErrorReason; status?: number; cause?: unknown }, message: string) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DataLoadError';
    this.file = init.file;
    this.url = init.url;
    this.reason = init.reason;
    this.status = init.status;
  }
}

export const PREPARE_HINT = 'If you run the site yourself, run `npm run datasets` to prepare the data again.';

export interface FetchIdxOptions {
  /** Name used in messages; defaults to the last part of the URL. */
  fileName?: string;
  /** Bytes received so far and the expected total (null while unknown). Called at least once at the end with loaded === total. */
  onProgress?: (loaded: number, total: number | null) => void;
  signal?: AbortSignal;
  /** SHA-256 (hex) of the uncompressed content; a mismatch is an error. */
  expectedSha256?: string;
  /**
   * Size of the uncompressed content in bytes, when known. A host that sends the .gz with
   * `Content-Encoding: gzip` hands the page decompressed bytes; this size turns them back
   * into progress over the bytes actually transferred.
   */
  expectedBytes?: number;
  /** 'auto' (default): use `globalThis.caches` when present; 'none': never cache; or a cache object (tests). */
  cache?: 'auto' | 'none' | CacheLike;
}

export interface FetchedIdx {
  idx: IdxFile;
  /** True when the bytes came from the cache, without a download. */
  fromCache: boolean;
  /** Bytes transferred (or read from the cache), i.e. the size of the compressed file. */
  bytes: number;
}

function isAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');
}

async function openCache(option: FetchIdxOptions['cache']): Promise<CacheLike | null> {
  if (option === 'none') return null;
  if (option !== undefined && option !== 'auto') return option;
  const storage = (globalThis as { caches?: CacheStorage }).caches;
  if (!storage) return null;
  try {
    return await storage.open(DATA_CACHE_NAME);
  } catch {
    // Some browsers refuse the Cache API (private mode, insecure origin): load without it.
    return null;
  }
}

/** Reads a whole body, reporting the bytes as they arrive. */
async function readBody(body: ReadableStream<Uint8Array> | null, onBytes: (loaded: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    onBytes(loaded);
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Turns the bytes of a file as stored (gzip, or already decompressed by the HTTP layer)
 * into a parsed, verified IDX file. Throws DataLoadError.
 */
async function decodeVerified(raw: Uint8Array<ArrayBuffer>, file: string, url: string, expectedSha256: string | undefined): Promise<IdxFile> {
  let content: Uint8Array<ArrayBuffer>;
  if (isGzip(raw)) {
    try {
      content = await gunzip(raw);
    } catch (err) {
      throw new DataLoadError(
        { file, url, reason: 'corrupt', cause: err },
        `${file} could not be decompressed (${errorText(err)}): the download is corrupt or truncated. ` +
          `Reload the page to download it again. ${PREPARE_HINT}`,
      );
    }
  } else {
    // Some static hosts send the .gz with `Content-Encoding: gzip`, so fetch already decompressed it.
    content = raw;
  }
  if (expectedSha256 !== undefined) {
    const actual = await sha256Hex(content);
    if (actual !== expectedSha256.toLowerCase()) {
      throw new DataLoadError(
        { file, url, reason: 'checksum' },
        `${file} failed its checksum check: the SHA-256 of its content is ${actual}, expected ${expectedSha256}. ` +
          `The file is corrupt or not the expected version. Reload the page to download it again. ${PREPARE_HINT}`,
      );
    }
  }
  try {
    return parseIdx(content, file);
  } catch (err) {
    if (!(err instanceof IdxError)) throw err;
    throw new DataLoadError({ file, url, reason: 'format', cause: err }, `${err.message} Reload the page to download it again. ${PREPARE_HINT}`);
  }
}

/**
 * Downloads (or reads from the cache), decompresses, verifies and parses one IDX file.
 * Errors are DataLoadError (or the abort reason when `signal` aborts).
 */
export async function fetchIdxFile(url: string, options: FetchIdxOptions = {}): Promise<FetchedIdx> {
  const { onProgress, signal, expectedSha256 } = options;
  const file = options.fileName ?? (url.split('/').pop() || url);
  const cache = await openCache(options.cache);

  // 1. A verified copy from an earlier visit, if any.
  if (cache) {
    let cached: Response | undefined;
    try {
      cached = await cache.match(url);
    } catch {
      cached = undefined;
    }
    if (cached) {
      try {
        const raw = await readBody(cached.body, () => {});
        signal?.throwIfAborted();
        const idx = await decodeVerified(raw, file, url, expectedSha256);
        onProgress?.(raw.length, raw.length);
        return { idx, fromCache: true, bytes: raw.length };
      } catch (err) {
        if (isAbort(err, signal)) throw err;
        // A damaged or outdated cache entry: forget it and download again.
        await cache.delete(url).catch(() => false);
      }
    }
  }

  // 2. The network.
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (err) {
    if (isAbort(err, signal)) throw err;
    throw new DataLoadError(
      { file, url, reason: 'network', cause: err },
      `Could not download ${file} from ${url}: ${errorText(err)}. Check your connection and reload the page.`,
    );
  }
  if (!response.ok) {
    const status = response.status;
    const hint =
      status === 404
        ? 'The data files are prepared by `npm run datasets` (also run by `npm start` and `npm run build`): run it, then reload the page.'
        : 'Reload the page to try again.';
    throw new DataLoadError(
      { file, url, reason: 'http', status },
      `Could not download ${file}: the server answered HTTP ${status}${response.statusText ? ' ' + response.statusText : ''} for ${url}. ${hint}`,
    );
  }

  // Content-Length counts the bytes on the wire. With a Content-Encoding the stream yields
  // decoded bytes instead: progress is then the decoded share of the expected size, scaled
  // to the wire length, or unknown when the expected size is not given.
  const encoding = response.headers.get('content-encoding');
  const encoded = !!encoding && encoding !== 'identity';
  const lengthHeader = response.headers.get('content-length');
  const wireLength = lengthHeader !== null && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const { expectedBytes } = options;
  const scale = encoded && wireLength !== null && expectedBytes ? wireLength / expectedBytes : null;
  let total: number | null = encoded ? (scale !== null ? wireLength : null) : wireLength;
  const wireBytes = (received: number): number => (scale === null ? received : Math.min(wireLength!, Math.round(received * scale)));
  onProgress?.(0, total);

  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = await readBody(response.body, (received) => {
      const loaded = wireBytes(received);
      if (total !== null && loaded > total) total = null;
      onProgress?.(loaded, total);
    });
  } catch (err) {
    if (isAbort(err, signal)) throw err;
    throw new DataLoadError(
      { file, url, reason: 'network', cause: err },
      `The download of ${file} from ${url} broke off: ${errorText(err)}. Check your connection and reload the page.`,
    );
  }
  if (!encoded && total !== null && raw.length !== total) {
    throw new DataLoadError(
      { file, url, reason: 'corrupt' },
      `The download of ${file} is incomplete: got ${raw.length} of ${total} bytes. Reload the page to try again.`,
    );
  }
  const transferred = encoded && wireLength !== null ? wireLength : raw.length;
  onProgress?.(transferred, transferred);
  signal?.throwIfAborted();

  const idx = await decodeVerified(raw, file, url, expectedSha256);

  // 3. Keep the verified bytes for the next visit. A full or refused cache is not an error.
  if (cache) {
    try {
      await cache.put(url, new Response(raw, { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(raw.length) } }));
    } catch {
      /* ignore */
    }
  }
  return { idx, fromCache: false, bytes: raw.length };
}
