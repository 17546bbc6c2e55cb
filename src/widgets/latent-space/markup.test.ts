import { describe, expect, it } from 'vitest';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { defaults } from '../shared/settings.ts';
import { SETTINGS } from './config.ts';
import { axesPreview, latentMarkup, VIEW_SIZE } from './markup.ts';

describe('latent-space markup', () => {
  it('draws the box before any script: 12 edges inside the drawing and the three axes named', () => {
    const svg = axesPreview();
    const lines = [...svg.matchAll(/<line x1="([\d.-]+)" y1="([\d.-]+)" x2="([\d.-]+)" y2="([\d.-]+)"/g)];
    expect(lines).toHaveLength(12);
    for (const [, ...coords] of lines) {
      const [x1, y1, x2, y2] = coords.map(Number);
      for (const x of [x1!, x2!]) expect(x > 0 && x < VIEW_SIZE.width).toBe(true);
      for (const y of [y1!, y2!]) expect(y > 0 && y < VIEW_SIZE.height).toBe(true);
    }
    expect([...svg.matchAll(/class="tk-latent__axis-label">([xyz])</g)].map((m) => m[1])).toEqual(['x', 'y', 'z']);
  });

  it('has the view with its keys, the legend, the controls, the words and the status', () => {
    const html = latentMarkup(defaults(SETTINGS));
    expect(html).toMatch(
      /data-part="view" tabindex="0" role="application"[^>]*aria-label="Latent space of 10,000 test images\. Drag or arrow keys rotate/,
    );
    for (const name of FASHION_CLASS_NAMES) expect(html).toContain(name);
    expect(html).toContain('<select name="embedding" data-part="embedding"><option value="vae" selected>VAE latent means</option>');
    for (const axis of ['x', 'y', 'z']) expect(html).toContain(`<span class="tk-field__label">Cursor ${axis}</span>`);
    expect(html).toContain('role="status"');
    expect(html).toContain('<summary>The view in words</summary>');
  });
});
