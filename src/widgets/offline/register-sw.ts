/**
 * Registers the service worker that makes Tinker work offline (generated at build time by
 * src/integrations/offline.ts as <base>sw.js) and shows the update banner
 * (src/components/UpdatePrompt.astro) when a new deployment has been downloaded: the new worker
 * waits, so old and new files are never mixed in one page, until the reader presses Reload,
 * which tells it to take over (SKIP_WAITING) and reloads once it has. Nothing a reader saved is
 * touched: progress and drafts live in localStorage, datasets in the loader's own cache.
 * Skipped in `astro dev` (there is no worker there).
 */

import { errorText } from '../../lib/format/error-text.ts';

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

export function registerServiceWorker(prompt: HTMLElement): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  const body = prompt.querySelector<HTMLElement>('[data-update-body]');
  const reload = prompt.querySelector<HTMLButtonElement>('[data-update-reload]');
  if (!body || !reload) return;

  let registration: ServiceWorkerRegistration | null = null;
  let reloading = false;

  const offer = () => {
    body.hidden = false;
    prompt.dataset.state = 'update';
  };

  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first install also takes control (clientsClaim); only the reader's Reload reloads.
    if (reloading) location.reload();
  });

  reload.addEventListener('click', () => {
    reloading = true;
    reload.disabled = true;
    const waiting = registration?.waiting;
    if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' });
    else location.reload();
  });

  // After the page has loaded: the first install downloads the whole site, which must not compete
  // with the page's own files.
  const register = () =>
    navigator.serviceWorker
      .register(`${BASE}sw.js`, { scope: BASE })
      .then((reg) => {
        registration = reg;
        prompt.dataset.state = 'registered';
        if (reg.waiting && navigator.serviceWorker.controller) offer();
        reg.addEventListener('updatefound', () => {
          const worker = reg.installing;
          worker?.addEventListener('statechange', () => {
            // "installed" with a controller in place: a new version waits behind the running one.
            if (worker.state === 'installed' && navigator.serviceWorker.controller) offer();
          });
        });
        // Look for a new deployment when the reader comes back to the tab.
        document.addEventListener('visibilitychange', () => {
          if (document.visibilityState === 'visible') reg.update().catch(() => {});
        });
      })
      .catch((err: unknown) => {
        // The site still works online; only offline use is lost.
        prompt.dataset.state = 'unavailable';
        console.warn(`Tinker could not install its offline support: ${errorText(err)}`);
      });
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
