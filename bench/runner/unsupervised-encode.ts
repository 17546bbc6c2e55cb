/**
 * unsupervised-encode: the time to encode the 10,000 Fashion-MNIST test images with the pretrained
 * AE and VAE encoders (public/models/fashion-{ae,vae}/, batches of 1,000), side by side in this
 * Node process (tfjs wasm and cpu, and plain TypeScript without tfjs: lib/unsupervised/dense-model.ts,
 * as the pages run the pretrained models) and in the bench page (wasm, cpu, webgl). The same tfjs
 * code both sides: bench/shared/encode-bench.ts.
 *
 *   npm run bench -- --only unsupervised-encode
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname, sep } from 'node:path';
import { errorText } from '../../src/lib/format/error-text.ts';
import { denseAutoencoder, parseDenseModel, type DenseModel } from '../../src/lib/unsupervised/dense-model.ts';
import { folderLoadHandler, readFashion, ROOT } from '../../scripts/cnn-node.ts';
import type { EncodeTiming } from '../shared/encode-bench.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

/** The measurement in this Node process: wasm from node_modules, and cpu. */
export async function nodeEncodeBench(): Promise<EncodeTiming[]> {
  const [tf, wasm, { runEncodeBench }] = await Promise.all([
    import('@tensorflow/tfjs'),
    import('@tensorflow/tfjs-backend-wasm'),
    import('../shared/encode-bench.ts'),
  ]);
  const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // as the site
  tf.env().set('PROD', true);
  wasm.setWasmPaths(`${wasmDir}${sep}`);
  const test = readFashion('test');
  const pixels = Float32Array.from(test.images, (v) => v / 255);
  const timings = await runEncodeBench(tf, {
    pixels,
    count: test.count,
    backends: ['wasm', 'cpu'],
    useBackend: async (name) => {
      try {
        if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
        await tf.ready();
        return null;
      } catch (err) {
        return errorText(err);
      }
    },
    load: async (model) => {
      const dir = join(ROOT, 'public', 'models', `fashion-${model}`);
      const [encoder, decoder] = await Promise.all([
        tf.loadLayersModel(folderLoadHandler(tf, join(dir, 'encoder'))),
        tf.loadLayersModel(folderLoadHandler(tf, join(dir, 'decoder'))),
      ]);
      return { encoder, decoder };
    },
  });
  return [...timings, ...denseEncodeBench(pixels, test.count)];
}

/** A Dense-only model from its committed folder, read as the pages read it (lib/unsupervised/dense-model.ts). */
function readDenseModel(dir: string): DenseModel {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
  const file = readFileSync(join(dir, json.weightsManifest[0]!.paths[0]!));
  return parseDenseModel(json, file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
}

/** The same encoding in plain TypeScript, without tfjs (the pages' pretrained views): backend "pure TS". */
function denseEncodeBench(pixels: Float32Array, count: number, runs = 3): EncodeTiming[] {
  return (['ae', 'vae'] as const).map((model) => {
    try {
      const dir = join(ROOT, 'public', 'models', `fashion-${model}`);
      const ae = denseAutoencoder(readDenseModel(join(dir, 'encoder')), readDenseModel(join(dir, 'decoder')));
      const times: number[] = [];
      for (let r = 0; r < runs; r++) {
        const start = performance.now();
        ae.encode(pixels, count);
        times.push(performance.now() - start);
      }
      return { model, backend: 'pure TS (no tfjs)', ms: times.sort((a, b) => a - b)[runs >> 1]!, runs };
    } catch (err) {
      return { model, backend: 'pure TS (no tfjs)', runs, error: errorText(err) };
    }
  });
}

export function encodeRows(where: string, timings: EncodeTiming[]): Row[] {
  return timings.map((t) => ({
    label: `${where}, ${t.backend}, ${t.model.toUpperCase()} encoder`,
    value:
      t.ms === undefined
        ? `FAILED: ${t.error ?? 'unknown'}`
        : `${fmt(t.ms, 0)} ms for 10,000 images (${fmt(10_000 / (t.ms / 1000))} images/s; median of ${t.runs})`,
  }));
}

export const unsupervisedEncodeBench: Benchmark = {
  name: 'unsupervised-encode',
  title:
    'Encoding the 10,000 Fashion-MNIST test images with the pretrained AE and VAE encoders: Node (wasm, cpu, pure TS) and the page (wasm, cpu, webgl)',
  async run({ page }) {
    const rows: Row[] = [];
    try {
      rows.push(...encodeRows('Node', await nodeEncodeBench()));
    } catch (err) {
      rows.push({ label: 'Node', value: `FAILED: ${errorText(err)}` });
    }
    const inPage = (await page.evaluate(() =>
      (window as unknown as { tinkerBench: { unsupervisedEncode(): Promise<unknown> } }).tinkerBench.unsupervisedEncode(),
    )) as EncodeTiming[];
    rows.push(...encodeRows('page', inPage));
    return rows;
  },
};
