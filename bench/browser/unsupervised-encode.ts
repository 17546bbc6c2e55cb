/**
 * The `unsupervised-encode` benchmark in the page (bench/shared/encode-bench.ts): the pretrained
 * AE and VAE encoders, fetched from the site, encode the 10,000 test images on wasm, cpu and webgl.
 * Loaded on demand by the bench page.
 */
import { loadSplit } from '../../src/lib/data/load.ts';
import { PRETRAINED_AUTOENCODERS } from '../../src/lib/unsupervised/pretrained.ts';
import type { EncodeTiming } from '../shared/encode-bench.ts';
import { dataUrl } from './training.ts';

export async function unsupervisedEncodeBench(options: { backends?: string[] } = {}): Promise<EncodeTiming[]> {
  const [tf, { tryBackend }, { runEncodeBench }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('../../src/tf/backend.ts'),
    import('../shared/encode-bench.ts'),
  ]);
  const test = await loadSplit(dataUrl(), 'fashion-mnist', 'test', {});
  const pixels = Float32Array.from(test.images, (v) => v / 255);
  const site = new URL(import.meta.env.BASE_URL, location.href);
  return runEncodeBench(tf, {
    pixels,
    count: test.count,
    backends: options.backends ?? ['wasm', 'cpu', 'webgl'],
    useBackend: async (name) => {
      const attempt = await tryBackend(tf, name as 'wasm', true);
      return attempt.ok ? null : (attempt.reason ?? `${name} could not start`);
    },
    load: async (model) => {
      const urls = PRETRAINED_AUTOENCODERS[model];
      const [encoder, decoder] = await Promise.all([
        tf.loadLayersModel(new URL(urls.encoder, site).href),
        tf.loadLayersModel(new URL(urls.decoder, site).href),
      ]);
      return { encoder, decoder };
    },
  });
}
