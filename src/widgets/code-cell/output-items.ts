/**
 * Builders of the output view's items (output.ts): images, tables, plot specs, icons, and the
 * small DOM helpers they share. Styles: output.css.
 */
import { parseInlineMarkdown } from '../../lib/format/inline-markdown.ts';
import type { OutputItem } from '../../workers/code/protocol.ts';
import { formatCell, imageScale, isNumericColumn } from './output-format.ts';

export type TextItem = Extract<OutputItem, { kind: 'text' }>;
export type PlotItem = Extract<OutputItem, { kind: 'plot' }>;
export type ImagesItem = Extract<OutputItem, { kind: 'images' }>;
export type TableItem = Extract<OutputItem, { kind: 'table' }>;

export const ICON_PASS =
  '<svg class="tk-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M5.5 10.5l3 3 6-7" fill="none" style="stroke:var(--bg)" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/></svg>';
export const ICON_FAIL =
  '<svg class="tk-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><circle cx="10" cy="10" r="9" fill="currentColor"/><path d="M6.5 6.5l7 7M13.5 6.5l-7 7" fill="none" style="stroke:var(--bg)" stroke-width="2.2" stroke-linecap="round"/></svg>';
export const ICON_ERROR =
  '<svg class="tk-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false"><path d="M10 1.5l9 16.5H1z" fill="currentColor"/><path d="M10 7.5v5" style="stroke:var(--bg)" stroke-width="2.2" stroke-linecap="round"/><circle cx="10" cy="15.3" r="1.2" style="fill:var(--bg)"/></svg>';

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A grader's text with its inline Markdown (code, emphasis, links) as DOM nodes; text stays text. */
export function markdownInto<T extends HTMLElement>(node: T, text: string): T {
  for (const piece of parseInlineMarkdown(text)) {
    if (piece.kind === 'text') node.append(piece.text);
    else if (piece.kind === 'link') {
      const a = el('a', undefined, piece.text);
      a.href = piece.href;
      node.append(a);
    } else node.append(el(piece.kind, undefined, piece.text));
  }
  return node;
}

/** A grid of images, each a canvas named by its number and label. */
export function imageGrid(item: ImagesItem): HTMLElement {
  const figure = el('figure', 'tk-out-item tk-out-images');
  if (item.title) figure.append(el('figcaption', 'tk-out-caption', item.title));
  const list = el('ul', 'tk-out-images__grid');
  if (item.columns && item.columns > 0) {
    list.classList.add('tk-out-images__grid--columns');
    list.style.setProperty('--tk-columns', String(Math.floor(item.columns)));
  }
  const total = item.images.length;
  item.images.forEach((image, index) => {
    const li = el('li', 'tk-out-image');
    const canvas = el('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const scale = imageScale(image.width, image.height);
    canvas.style.width = `${image.width * scale}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', image.label ? `Image ${index + 1} of ${total}: ${image.label}` : `Image ${index + 1} of ${total}`);
    const ctx = canvas.getContext('2d');
    if (ctx && image.rgba.length === image.width * image.height * 4 && image.width > 0 && image.height > 0) {
      ctx.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
    }
    li.append(canvas);
    if (image.label) {
      const label = el('span', 'tk-out-image__label', image.label);
      label.setAttribute('aria-hidden', 'true'); // already in the image's name
      li.append(label);
    }
    list.append(li);
  });
  figure.append(list);
  return figure;
}

/** A table; numeric columns right-aligned; rows past `maxRows` counted in a note. */
export function tableView(item: TableItem, maxRows: number): HTMLElement {
  const box = el('div', 'tk-out-item tk-out-table');
  const table = el('table');
  if (item.title) table.append(el('caption', 'tk-out-caption', item.title));
  const numeric = item.columns.map((_, c) => isNumericColumn(item.rows, c));
  const head = el('thead');
  const headRow = el('tr');
  item.columns.forEach((name, c) => {
    const th = el('th', numeric[c] ? 'tk-num' : undefined, name);
    th.scope = 'col';
    headRow.append(th);
  });
  head.append(headRow);
  const body = el('tbody');
  const shown = item.rows.slice(0, maxRows);
  for (const row of shown) {
    const tr = el('tr');
    for (let c = 0; c < item.columns.length; c++) {
      tr.append(el('td', numeric[c] ? 'tk-num' : undefined, formatCell(row[c] ?? null)));
    }
    body.append(tr);
  }
  table.append(head, body);
  box.append(table);
  if (item.rows.length > shown.length) {
    box.append(
      el('p', 'tk-out-notice', `Showing the first ${shown.length.toLocaleString('en-US')} of ${item.rows.length.toLocaleString('en-US')} rows.`),
    );
  }
  return box;
}

/** The plot of an output item as the XyPlot's spec. */
export function plotSpec(item: PlotItem) {
  return {
    kind: item.plot,
    series: item.series,
    ...(item.title !== undefined ? { title: item.title } : {}),
    ...(item.xLabel !== undefined ? { xLabel: item.xLabel } : {}),
    ...(item.yLabel !== undefined ? { yLabel: item.yLabel } : {}),
  };
}
