// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPretrained } from './models.ts';

// Vitest runs from the repository root (happy-dom's URL cannot name a file).
const file = (name: string) => readFileSync(resolve('public/models/fashion-cnn', name));

/** A fetch that serves the committed model files, with `edit` applied to model.json. */
function serve(edit: (json: Record<string, unknown>) => void = () => {}) {
  vi.stubGlobal('fetch', (url: string) => {
    const name = new URL(url).pathname.split('/').pop()!;
    let body: Uint8Array = file(name);
    if (name === 'model.json') {
      const json = JSON.parse(body.toString()) as Record<string, unknown>;
      edit(json);
      body = new TextEncoder().encode(JSON.stringify(json));
    }
    const bytes = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
    return Promise.resolve({ ok: true, status: 200, arrayBuffer: () => Promise.resolve(bytes) });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('the FGSM explorer’s models', () => {
  it('loads the pretrained CNN without tfjs: 28 × 28 × 1 in, 10 classes out', async () => {
    serve();
    const model = await loadPretrained();
    expect(model.inputShape).toEqual([28, 28, 1]);
    expect(model.classCount).toBe(10);
    expect(model.layers[0]).toMatch(/^Conv2D 8 3×3/);
  });

  it('refuses weights that do not match model.json, saying so', async () => {
    serve((json) => {
      const manifest = json['weightsManifest'] as { weights: { shape: number[] }[] }[];
      manifest[0]!.weights[0]!.shape = [3, 3, 1, 9];
    });
    await expect(loadPretrained()).rejects.toThrow(/weights|kernel/);
  });
});
