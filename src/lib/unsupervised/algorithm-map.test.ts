import { describe, expect, it } from 'vitest';
import { MAP_RELATIONS, UNSUPERVISED_MAP, mapAlgorithms, mapDescription, sectionPath } from './algorithm-map.ts';

describe('the map of unsupervised algorithms', () => {
  it('has the four families, each algorithm once by id', () => {
    expect(UNSUPERVISED_MAP.map((g) => g.id)).toEqual(['clustering', 'density', 'reduction', 'generative']);
    const ids = mapAlgorithms().map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of mapAlgorithms()) expect(a.note, a.id).toMatch(/^[A-Za-z].*\.$/);
  });

  it('marks what the course builds, each with a section of one of the two lessons', () => {
    const built = mapAlgorithms().filter((a) => a.built);
    expect(built.map((a) => a.id)).toEqual(expect.arrayContaining(['k-means', 'dbscan', 'pca', 'autoencoder', 'vae']));
    expect(sectionPath(built[0]!.built!)).toBe('lessons/clustering-and-pca/#k-means');
    for (const a of built) expect(sectionPath(a.built!)).toMatch(/^lessons\/(clustering-and-pca|autoencoders)\/#[a-z0-9-]+$/);
  });

  it('joins the last algorithm of a family to the first of the next, so a connector crosses no other algorithm', () => {
    for (const r of MAP_RELATIONS) {
      const from = UNSUPERVISED_MAP.findIndex((g) => g.algorithms.at(-1)?.id === r.from);
      expect(from, r.from).toBeGreaterThanOrEqual(0);
      expect(UNSUPERVISED_MAP[from + 1]?.algorithms[0]?.id, r.to).toBe(r.to);
    }
  });

  it('describes the whole map in words: every family, what is built, and the relations', () => {
    const text = mapDescription();
    for (const g of UNSUPERVISED_MAP) expect(text).toContain(g.title.toLowerCase());
    expect(text).toContain('built in this course, with links to their sections: k-means, DBSCAN, PCA, autoencoders, VAE');
    for (const r of MAP_RELATIONS) expect(text).toContain(r.sentence);
  });
});
