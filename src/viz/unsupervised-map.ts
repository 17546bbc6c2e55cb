/**
 * The map of unsupervised algorithms (src/lib/unsupervised/algorithm-map.ts) drawn as an SVG string at
 * build time: a box per family with its question and its algorithms as pills, the ones the course builds
 * filled and linked to their sections, and dashed connectors between related algorithms.
 *
 * Two layouts of the same content: 'wide' (two columns, 640 units across, for the text column) and
 * 'narrow' (one column, 340 units, for a phone, where the wide one would shrink its text below reading
 * size). UnsupervisedMap.astro renders both and shows one by the width it has. Text widths are estimated
 * from the number of characters (no font at build time), generously, so a pill always holds its name.
 *
 * Colours come from CSS classes (`.tk-umap__*`, styled in the component), so the map follows the theme.
 */
import { escapeHtml } from '../lib/format/html.ts';
import {
  MAP_RELATIONS,
  UNSUPERVISED_MAP,
  mapDescription,
  type MapAlgorithm,
  type MapGroup,
  type MapRelation,
} from '../lib/unsupervised/algorithm-map.ts';

export type MapLayoutKind = 'wide' | 'narrow';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedAlgorithm extends Box {
  algorithm: MapAlgorithm;
}

export interface PlacedGroup extends Box {
  group: MapGroup;
  pills: PlacedAlgorithm[];
}

export interface PlacedRelation {
  relation: MapRelation;
  /**
   * The connector, in right angles: down from the bottom middle of one pill (x1, y1) into the gap below
   * its family, across at y = run, and down to the next family's top edge (x2, y2), above the other pill.
   */
  x1: number;
  y1: number;
  run: number;
  x2: number;
  y2: number;
  /** Where its label starts (left end, baseline), in the gap above the run. */
  labelX: number;
  labelY: number;
}

export interface MapLayout {
  kind: MapLayoutKind;
  width: number;
  height: number;
  /** The legend's top; the families start below it. */
  legend: { x: number; y: number };
  groups: PlacedGroup[];
  relations: PlacedRelation[];
}

/** Sizes in SVG units (1 unit = 1 CSS px when the map is drawn at its natural width). */
export const MAP_SIZES = {
  wide: { width: 640, columns: 2 },
  narrow: { width: 340, columns: 1 },
  columnGap: 16,
  /** The vertical space between two families of a column: room for a connector's label. */
  rowGap: 34,
  legendHeight: 30,
  padding: 12,
  titleSize: 15,
  questionSize: 13,
  pillSize: 13,
  pillHeight: 28,
  pillGap: 8,
  pillPadding: 12,
  labelSize: 12,
} as const;

/** An upper estimate of the width of a line of text in the site's sans-serif font. */
export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const ch of text) ems += /[A-Z]/.test(ch) ? 0.66 : /[ il.,'/()-]/.test(ch) ? 0.3 : 0.56;
  return ems * size;
}

/** Pills in rows from the left, a new row when the next one would pass the right edge. */
function placePills(algorithms: readonly MapAlgorithm[], left: number, top: number, innerWidth: number): PlacedAlgorithm[] {
  const { pillHeight, pillGap, pillPadding, pillSize } = MAP_SIZES;
  const placed: PlacedAlgorithm[] = [];
  let x = left;
  let y = top;
  for (const algorithm of algorithms) {
    const width = Math.ceil(textWidth(algorithm.name, pillSize) + 2 * pillPadding);
    if (x > left && x + width > left + innerWidth) {
      x = left;
      y += pillHeight + pillGap;
    }
    placed.push({ algorithm, x, y, width, height: pillHeight });
    x += width + pillGap;
  }
  return placed;
}

/** The positions of everything on the map, for one layout. */
export function layoutMap(
  kind: MapLayoutKind,
  groups: readonly MapGroup[] = UNSUPERVISED_MAP,
  relations: readonly MapRelation[] = MAP_RELATIONS,
): MapLayout {
  const { width, columns } = MAP_SIZES[kind];
  const { columnGap, rowGap, legendHeight, padding, titleSize, questionSize, pillHeight } = MAP_SIZES;
  const boxWidth = (width - (columns - 1) * columnGap) / columns;
  const perColumn = Math.ceil(groups.length / columns);
  const headHeight = padding + titleSize + 8 + questionSize + 12;

  // Sizes first: a box is as tall as its pills need; boxes side by side share their row's height.
  const sized = groups.map((group) => {
    const pills = placePills(group.algorithms, padding, headHeight, boxWidth - 2 * padding);
    const bottom = Math.max(...pills.map((p) => p.y + p.height), headHeight + pillHeight);
    return { group, pills, height: bottom + padding };
  });
  const rowHeights = Array.from({ length: perColumn }, (_, row) => Math.max(...sized.filter((_, i) => i % perColumn === row).map((s) => s.height)));

  const placed: PlacedGroup[] = sized.map((s, i) => {
    const column = Math.floor(i / perColumn);
    const row = i % perColumn;
    const x = column * (boxWidth + columnGap);
    const y = legendHeight + rowHeights.slice(0, row).reduce((a, h) => a + h + rowGap, 0);
    return {
      group: s.group,
      x,
      y,
      width: boxWidth,
      height: rowHeights[row]!,
      pills: s.pills.map((p) => ({ ...p, x: p.x + x, y: p.y + y })),
    };
  });

  const pillById = new Map(placed.flatMap((g) => g.pills.map((p) => [p.algorithm.id, p] as const)));
  const placedRelations: PlacedRelation[] = relations.map((relation) => {
    const a = pillById.get(relation.from);
    const b = pillById.get(relation.to);
    if (!a || !b) throw new Error(`map relation ${relation.from} → ${relation.to}: both ends must be algorithms of the map`);
    const boxA = placed.find((g) => g.pills.includes(a))!;
    const boxB = placed.find((g) => g.pills.includes(b))!;
    const x1 = a.x + a.width / 2;
    const x2 = b.x + b.width / 2;
    const gapTop = boxA.y + boxA.height;
    const run = gapTop + rowGap * 0.7;
    // The label sits in the upper part of the gap, right of the connector, or left where it would not fit.
    const labelWidth = textWidth(relation.label, MAP_SIZES.labelSize);
    const labelX = x1 + 8 + labelWidth <= width ? x1 + 8 : x1 - 8 - labelWidth;
    const labelY = gapTop + 4 + MAP_SIZES.labelSize * 0.8;
    return { relation, x1, y1: a.y + a.height, run, x2, y2: boxB.y, labelX, labelY };
  });

  const height = Math.max(...placed.map((g) => g.y + g.height));
  return { kind, width, height, legend: { x: 0, y: 0 }, groups: placed, relations: placedRelations };
}

const n = (v: number): string => String(Math.round(v * 10) / 10);

/** One pill: a link to its section when the course builds it, plain text otherwise. */
function pillSvg(p: PlacedAlgorithm, href: (path: string) => string): string {
  const { algorithm: a } = p;
  const shape =
    `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" rx="${n(p.height / 2)}"/>` +
    `<text x="${n(p.x + p.width / 2)}" y="${n(p.y + p.height / 2)}" dy="0.35em" text-anchor="middle">${escapeHtml(a.name)}</text>`;
  if (!a.built) return `<g class="tk-umap__pill" data-algorithm="${a.id}"><title>${escapeHtml(a.note)}</title>${shape}</g>`;
  const label = `${a.name}: built in this course, ${a.built.title}`;
  return (
    `<a class="tk-umap__pill tk-umap__pill--built" data-algorithm="${a.id}" href="${escapeHtml(href(`lessons/${a.built.lesson}/#${a.built.section}`))}" ` +
    `aria-label="${escapeHtml(label)}"><title>${escapeHtml(`${a.note} Built in this course: ${a.built.title}.`)}</title>${shape}</a>`
  );
}

/**
 * The SVG of one layout. `href` turns a site-relative path into a URL (the site's `url()`), `id` makes
 * the title and description ids unique on the page.
 */
export function unsupervisedMapSvg(kind: MapLayoutKind, options: { href: (path: string) => string; id: string }): string {
  const layout = layoutMap(kind);
  const { id, href } = options;
  const { padding, titleSize, questionSize, pillHeight } = MAP_SIZES;
  const legendPill = { x: 0, y: 2, width: 44, height: pillHeight - 6 };
  const legend =
    `<g class="tk-umap__legend" aria-hidden="true"><rect class="tk-umap__swatch" x="${legendPill.x}" y="${legendPill.y}" width="${legendPill.width}" ` +
    `height="${legendPill.height}" rx="${legendPill.height / 2}"/><text x="${legendPill.width + 8}" y="${legendPill.y + legendPill.height / 2}" dy="0.35em">` +
    `built in this course: follow the link</text></g>`;
  const groups = layout.groups
    .map((g) => {
      const head =
        `<rect class="tk-umap__box" x="${n(g.x)}" y="${n(g.y)}" width="${n(g.width)}" height="${n(g.height)}" rx="10"/>` +
        `<text class="tk-umap__title" x="${n(g.x + padding)}" y="${n(g.y + padding + titleSize * 0.8)}">${escapeHtml(g.group.title)}</text>` +
        `<text class="tk-umap__question" x="${n(g.x + padding)}" y="${n(g.y + padding + titleSize + 8 + questionSize * 0.8)}">${escapeHtml(g.group.question)}</text>`;
      return `<g class="tk-umap__group" data-group="${g.group.id}">${head}${g.pills.map((p) => pillSvg(p, href)).join('')}</g>`;
    })
    .join('');
  const relations = layout.relations
    .map((r) => {
      const path = `M${n(r.x1)} ${n(r.y1)}V${n(r.run)}H${n(r.x2)}V${n(r.y2)}`;
      const arrow = `M${n(r.x2 - 4)} ${n(r.y2 - 6)}L${n(r.x2)} ${n(r.y2)}L${n(r.x2 + 4)} ${n(r.y2 - 6)}`;
      return (
        `<g class="tk-umap__relation" aria-hidden="true"><path d="${path}"/><path class="tk-umap__arrow" d="${arrow}"/>` +
        `<text x="${n(r.labelX)}" y="${n(r.labelY)}">${escapeHtml(r.relation.label)}</text></g>`
      );
    })
    .join('');
  return (
    `<svg class="tk-umap__svg tk-umap__svg--${kind}" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" width="${n(layout.width)}" ` +
    `height="${n(layout.height)}" role="group" aria-labelledby="${id}-title" aria-describedby="${id}-desc" data-layout="${kind}">` +
    `<title id="${id}-title">A map of unsupervised algorithms</title><desc id="${id}-desc">${escapeHtml(mapDescription())}</desc>` +
    `${legend}${groups}${relations}</svg>`
  );
}
