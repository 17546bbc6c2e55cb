import { describe, expect, it } from 'vitest';
import { ExplorerModel } from '../../lib/kmeans-explorer/explorer.ts';
import { defaults } from '../shared/settings.ts';
import { explorerSettings, SETTINGS } from './config.ts';
import { explorerMarkup } from './markup.ts';
import { centroidsMarkup, toPixels, toPlane } from './plot.ts';

describe('k-means explorer markup', () => {
  it('is a figure before any script: points, numbered centroids, regions, DBSCAN, the elbow plot, then the controls and the status', () => {
    const form = defaults(SETTINGS);
    const html = explorerMarkup(new ExplorerModel(explorerSettings(form)), form);
    expect(html.indexOf('class="tk-figure"')).toBeLessThan(html.indexOf('class="tk-controls"'));
    expect(html.match(/data-centroid="/g)).toHaveLength(3);
    expect(html.match(/class="tk-km__cell"/g)).toHaveLength(3);
    expect(html.match(/class="tk-km__elbow-dot"/g)).toHaveLength(8);
    expect(html).toContain('data-count="240"');
    expect(html).toMatch(/role="status"[^>]*>Ready: 240 points, k = 3/);
    for (const name of ['points', 'k', 'start', 'seed', 'eps', 'minPoints']) expect(html).toContain(`name="${name}"`);
  });

  it('an empty cluster is drawn hollow and says so, to screen readers too', () => {
    const html = centroidsMarkup(new Float32Array([0, 0, 2.5, 1.5]), 2, [10, 0]);
    expect(html).toMatch(/data-centroid="1"[^>]*data-empty=""[^>]*aria-label="Centroid 2 at \(2\.50, 1\.50\), empty\./);
    expect(html).toContain('>empty</text>');
    expect(html).toMatch(/aria-label="Centroid 1 at \(0\.00, 0\.00\), 10 points\./);
  });

  it('pixels and plane coordinates are inverse', () => {
    const [px, py] = toPixels(-1.25, 0.5);
    const [x, y] = toPlane(px, py);
    expect(x).toBeCloseTo(-1.25);
    expect(y).toBeCloseTo(0.5);
  });
});
