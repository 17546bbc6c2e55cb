/**
 * The "Use Tinker offline" page (src/pages/offline.astro): shows what this browser keeps, and
 * fetches everything else with one button: the site's own files come with the service worker
 * (src/integrations/offline.ts; this waits for it and counts them), the datasets go through the
 * data loader (src/lib/data/load.ts), which checks each file's SHA-256 and keeps the verified copy
 * in its own cache, the same copy the widgets and code cells read offline. A second button
 * removes the cached datasets (progress, drafts and the site's files stay).
 */
import { DATA_CACHE_NAME, fetchIdxFile } from '../../lib/data/load.ts';
import { DATASETS, type DatasetId } from '../../lib/data/manifest.ts';
import { formatBytes } from '../../lib/format/numbers.ts';
import { parseOfflineFiles, requestPath, tally, type OfflineFile, type OfflineFiles } from '../../lib/offline/offline-files.ts';
import { errorText } from '../../lib/format/error-text.ts';

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
const abs = (path: string) => new URL(`${BASE}${path}`, location.href).href;

/** The dataset file's checksum from the manifest ("data/mnist/t10k-labels-idx1-ubyte.gz"). */
function expectedSha256(file: OfflineFile): string | undefined {
  const [, id, name] = file.url.split('/');
  const dataset = (DATASETS as Record<string, (typeof DATASETS)[DatasetId] | undefined>)[id ?? ''];
  return dataset?.files.find((f) => `${f.name}.gz` === name)?.sha256;
}

async function siteKept(files: readonly OfflineFile[]): Promise<Set<string>> {
  const kept = new Set<string>();
  if (!('caches' in globalThis)) return kept;
  await Promise.all(
    files.map(async (file) => {
      // The service worker keeps some files under "?__WB_REVISION__=…": ignore the query.
      if (await caches.match(abs(requestPath(file.url)), { ignoreSearch: true }).catch(() => undefined)) kept.add(file.url);
      else if (await caches.match(abs(file.url), { ignoreSearch: true }).catch(() => undefined)) kept.add(file.url);
    }),
  );
  return kept;
}

async function dataKept(files: readonly OfflineFile[]): Promise<Set<string>> {
  const kept = new Set<string>();
  // Look without opening: opening would create the cache again after the reader removed it.
  if (!('caches' in globalThis) || !(await caches.has(DATA_CACHE_NAME).catch(() => false))) return kept;
  const cache = await caches.open(DATA_CACHE_NAME).catch(() => null);
  if (!cache) return kept;
  await Promise.all(files.map(async (file) => ((await cache.match(abs(file.url))) ? kept.add(file.url) : undefined)));
  return kept;
}

export function setUpOfflinePage(root: HTMLElement): void {
  const q = <T extends Element>(part: string) => root.querySelector<T>(`[data-part="${part}"]`)!;
  const status = q<HTMLElement>('status');
  const bar = q<HTMLProgressElement>('progress');
  const download = q<HTMLButtonElement>('download');
  const remove = q<HTMLButtonElement>('remove');
  const siteRow = q<HTMLElement>('site');
  const dataList = q<HTMLUListElement>('data');
  const total = q<HTMLElement>('total');
  let files: OfflineFiles | null = null;
  let busy = false;

  const say = (text: string, state: string) => {
    status.textContent = text;
    root.dataset.state = state;
  };

  const refresh = async () => {
    if (!files) return;
    const [site, data] = await Promise.all([siteKept(files.site), dataKept(files.data)]);
    const s = tally(files.site, (u) => site.has(u));
    const d = tally(files.data, (u) => data.has(u));
    siteRow.textContent = `${s.cachedFiles} of ${s.files} files kept (${formatBytes(s.cachedBytes)} of ${formatBytes(s.bytes)}).`;
    dataList.replaceChildren(
      ...files.data.map((file) => {
        const li = document.createElement('li');
        li.textContent = `${file.url.replace(/^data\//, '')} (${formatBytes(file.bytes)}): ${data.has(file.url) ? 'kept, checked' : 'not kept'}`;
        return li;
      }),
    );
    total.textContent = formatBytes(s.bytes + d.bytes);
    remove.disabled = busy || d.cachedFiles === 0;
    return { s, d };
  };

  const downloadAll = async () => {
    if (!files || busy) return;
    busy = true;
    download.disabled = true;
    remove.disabled = true;
    const all = tally(files.site, () => false).bytes + tally(files.data, () => false).bytes;
    bar.max = all;
    bar.hidden = false;
    try {
      // Ask the browser not to evict the kept files when space runs low (it may say no).
      await navigator.storage?.persist?.().catch(() => false);
      // 1. The site's files arrive with the service worker.
      if (!('serviceWorker' in navigator)) throw new Error('this browser has no service workers, so it cannot keep the pages offline');
      const registration = await navigator.serviceWorker.getRegistration(BASE);
      if (!registration) throw new Error('the offline support is not installed (was the page opened over http from another machine?)');
      let siteBytes = 0;
      for (;;) {
        const counts = await refresh();
        siteBytes = counts?.s.cachedBytes ?? 0;
        bar.value = siteBytes;
        say(`Keeping the site's pages and files: ${formatBytes(siteBytes)} of ${formatBytes(all)}…`, 'running');
        if (registration.active && !registration.installing) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // 2. The datasets, through the verified loader.
      const kept = await dataKept(files.data);
      let done = siteBytes + tally(files.data, (u) => kept.has(u)).cachedBytes;
      for (const file of files.data) {
        if (kept.has(file.url)) continue;
        const sha = expectedSha256(file);
        await fetchIdxFile(abs(file.url), {
          fileName: file.url.replace(/^data\//, ''),
          ...(sha ? { expectedSha256: sha } : {}),
          onProgress: (loaded) => {
            bar.value = done + Math.min(loaded, file.bytes);
            say(`Downloading and checking ${file.url.replace(/^data\//, '')}: ${formatBytes(done + loaded)} of ${formatBytes(all)}…`, 'running');
          },
        });
        done += file.bytes;
        bar.value = done;
        await refresh();
      }
      await refresh();
      say(`Everything is on this device (${formatBytes(all)}). Tinker now works without a connection in this browser.`, 'done');
    } catch (err) {
      say(`Could not keep everything: ${errorText(err)}. Check your connection and press the button again; what was kept stays.`, 'error');
    } finally {
      busy = false;
      download.disabled = false;
      await refresh();
    }
  };

  download.addEventListener('click', () => void downloadAll());
  remove.addEventListener('click', async () => {
    if (busy) return;
    await caches.delete(DATA_CACHE_NAME).catch(() => false);
    await refresh();
    say('The cached datasets are removed. Your progress and drafts are kept; widgets download the data again when they need it.', 'idle');
  });

  fetch(abs('offline-files.json'))
    .then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status} for offline-files.json`);
      files = parseOfflineFiles(await response.json());
      await refresh();
      download.disabled = false;
      root.dataset.state = 'idle';
    })
    .catch((err: unknown) => {
      say(`The list of files could not be read (${errorText(err)}). Rebuild the site or reload the page.`, 'error');
    });
}
