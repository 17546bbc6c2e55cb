/**
 * The site's search box (markup in src/components/SiteSearch.astro): a dialog with a labelled
 * search field, a list of matching sections and a status line with the count. Opened by the
 * header's Search button or the `/` key (unless the reader is typing somewhere). Pagefind's
 * script and index (built by src/integrations/search.ts into <base>/pagefind/) load on first
 * open, so a page pays nothing for search until it is used.
 *
 * Keyboard: type to search; ↓ moves into the results, ↑/↓ between them, Enter follows one,
 * Escape closes (focus returns to the Search button).
 */
import { resultSummary, sectionHits, type PagefindPage } from '../../lib/search/results.ts';
import { errorText } from '../../lib/format/error-text.ts';

interface PagefindSearch {
  results: { data(): Promise<PagefindPage> }[];
}

interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(query: string, options?: object, wait?: number): Promise<PagefindSearch | null>;
}

const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

let loading: Promise<Pagefind> | null = null;

/** Loads Pagefind once; a failure is forgotten so the next open tries again. */
function loadPagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const module = (await import(/* @vite-ignore */ `${BASE}pagefind/pagefind.js`)) as Pagefind;
    await module.options({ baseUrl: BASE, excerptLength: 24 });
    await module.init();
    return module;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** Copies Pagefind's excerpt (text with <mark> around matched words) as text and <mark> elements only. */
function excerptNodes(excerpt: string): Node[] {
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, 'text/html');
  const nodes: Node[] = [];
  for (const node of doc.body.firstElementChild?.childNodes ?? []) {
    if (node.nodeType === Node.ELEMENT_NODE && (node as Element).localName === 'mark') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent ?? ''));
    }
  }
  return nodes;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  return !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], .cm-editor');
}

export function setUpSiteSearch(root: HTMLElement): void {
  const opener = root.querySelector<HTMLButtonElement>('[data-search-open]');
  const dialog = root.querySelector<HTMLDialogElement>('[data-search-dialog]');
  const input = root.querySelector<HTMLInputElement>('[data-search-input]');
  const list = root.querySelector<HTMLUListElement>('[data-search-results]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  const close = root.querySelector<HTMLButtonElement>('[data-search-close]');
  if (!opener || !dialog || !input || !list || !status || !close) return;

  let generation = 0;
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];

  const show = (text: string, state: string) => {
    status.textContent = text;
    root.dataset.state = state;
  };

  const render = async (query: string) => {
    const mine = ++generation;
    if (query.trim() === '') {
      list.replaceChildren();
      show(resultSummary('', 0, 0), 'idle');
      return;
    }
    root.dataset.state = 'loading';
    let pagefind: Pagefind;
    try {
      pagefind = await loadPagefind();
    } catch (err) {
      if (mine === generation) {
        show(`Search could not load (${errorText(err)}). Check your connection and try again.`, 'error');
      }
      return;
    }
    if (mine !== generation) return;
    const search = await pagefind.debouncedSearch(query, {}, 150);
    if (search === null || mine !== generation) return; // a newer query is on its way
    const pages = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
    if (mine !== generation) return;
    const hits = sectionHits(pages);
    const items = hits.map((hit) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = hit.url;
      a.className = 'search-hit';
      const title = document.createElement('span');
      title.className = 'search-hit-title';
      title.textContent = hit.section ? `${hit.lesson} › ${hit.section}` : hit.lesson;
      const excerpt = document.createElement('span');
      excerpt.className = 'search-hit-excerpt';
      excerpt.append(...excerptNodes(hit.excerpt));
      a.append(title, excerpt);
      li.append(a);
      return li;
    });
    // Keep the reader's place when the list is redrawn under the focus (results of a longer query).
    const focusedHref = list.contains(document.activeElement) ? (document.activeElement as HTMLAnchorElement).getAttribute('href') : null;
    list.replaceChildren(...items);
    if (focusedHref !== null)
      links()
        .find((a) => a.getAttribute('href') === focusedHref)
        ?.focus();
    show(resultSummary(query, hits.length, new Set(hits.map((h) => h.lesson)).size), 'done');
  };

  const open = () => {
    if (dialog.open) return;
    dialog.showModal();
    input.select();
    void loadPagefind().catch(() => {}); // start loading while the reader types
    if (input.value.trim() !== '') void render(input.value);
  };

  opener.addEventListener('click', open);
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener.focus());
  // A click on the backdrop (outside the box) closes the dialog.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  input.addEventListener('input', () => void render(input.value));

  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    if (all.length === 0) return;
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    event.preventDefault();
    if (event.key === 'ArrowDown') all[Math.min(at + 1, all.length - 1)]!.focus();
    else if (at <= 0) input.focus();
    else all[at - 1]!.focus();
  });

  // Following a result closes the dialog first, so a link to a heading on this page scrolls to it.
  list.addEventListener('click', (event) => {
    if ((event.target as Element).closest('a')) dialog.close();
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (dialog.open || isTyping(event.target)) return;
    event.preventDefault();
    open();
  });
  root.dataset.ready = 'true';
}
