import { describe, expect, it } from 'vitest';
import { MAP_SIZES, layoutMap, textWidth, unsupervisedMapSvg, type Box, type MapLayoutKind } from './unsupervised-map.ts';
import { mapAlgorithms } from '../lib/unsupervised/algorithm-map.ts';

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

describe.each<MapLayoutKind>(['wide', 'narrow'])('the %s layout', (kind) => {
  const layout = layoutMap(kind);
  const page: Box = { x: 0, y: 0, width: layout.width, height: layout.height };

  it('has the width of its kind, with two columns when wide and one when narrow', () => {
    expect(layout.width).toBe(MAP_SIZES[kind].width);
    expect(new Set(layout.groups.map((g) => g.x)).size).toBe(MAP_SIZES[kind].columns);
  });

  it('keeps every family inside the drawing, apart from the others', () => {
    for (const [i, g] of layout.groups.entries()) {
      expect(inside(g, page), g.group.id).toBe(true);
      for (const h of layout.groups.slice(i + 1)) expect(overlap(g, h), `${g.group.id} / ${h.group.id}`).toBe(false);
    }
  });

  it('places every algorithm once, inside its family, wide enough for its name, none on another', () => {
    const pills = layout.groups.flatMap((g) => g.pills);
    expect(pills.map((p) => p.algorithm.id)).toEqual(mapAlgorithms().map((a) => a.id));
    for (const g of layout.groups) for (const p of g.pills) expect(inside(p, g), p.algorithm.id).toBe(true);
    for (const [i, p] of pills.entries()) {
      expect(p.width).toBeGreaterThan(textWidth(p.algorithm.name, MAP_SIZES.pillSize));
      for (const q of pills.slice(i + 1)) expect(overlap(p, q), `${p.algorithm.id} / ${q.algorithm.id}`).toBe(false);
    }
  });

  it('draws each connector downwards between two families, its label in the gap and inside the drawing', () => {
    expect(layout.relations).toHaveLength(2);
    for (const r of layout.relations) {
      expect(r.y2).toBeGreaterThan(r.y1);
      const label: Box = {
        x: r.labelX,
        y: r.labelY - MAP_SIZES.labelSize,
        width: textWidth(r.relation.label, MAP_SIZES.labelSize),
        height: MAP_SIZES.labelSize * 1.2,
      };
      expect(inside(label, page), r.relation.label).toBe(true);
      for (const g of layout.groups) expect(overlap(label, g), `${r.relation.label} on ${g.group.id}`).toBe(false);
    }
  });
});

describe('unsupervisedMapSvg', () => {
  const svg = unsupervisedMapSvg('wide', { href: (p) => `/base/${p}`, id: 'm' });

  it('names and describes the drawing', () => {
    expect(svg).toMatch(/^<svg [^>]*role="group" aria-labelledby="m-title" aria-describedby="m-desc"/);
    expect(svg).toContain('<title id="m-title">A map of unsupervised algorithms</title>');
    expect(svg).toMatch(/<desc id="m-desc">Four families of unsupervised algorithms: clustering \(k-means,/);
  });

  it('links each algorithm the course builds to its section, and only those', () => {
    const links = [...svg.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(
      mapAlgorithms()
        .filter((a) => a.built)
        .map((a) => `/base/lessons/${a.built!.lesson}/#${a.built!.section}`),
    );
    expect(svg).toContain('aria-label="k-means: built in this course, k-means"');
    expect(svg).toMatch(/<g class="tk-umap__pill" data-algorithm="gan"><title>/);
  });

  it('draws the two layouts with their own sizes', () => {
    expect(svg).toContain('viewBox="0 0 640 ');
    expect(unsupervisedMapSvg('narrow', { href: (p) => p, id: 'n' })).toContain('viewBox="0 0 340 ');
  });
});
