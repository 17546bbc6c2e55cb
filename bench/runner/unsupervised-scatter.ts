/**
 * The 3-D latent space (src/widgets/latent-space/ on /dev/latent-space/): the work per frame while the
 * 10,000 points turn continuously (one requestAnimationFrame-driven turn per frame: draw all points +
 * an id-colour pick under the view's centre, whose readPixels waits for the GPU to finish), the rAF
 * intervals, and the latency from a click on a point to its decoded image on the canvas (pointer
 * events dispatched at the point's screen position: pick, decode with the pure dense decoder, draw).
 * WebGL2 (SwiftShader in headless Chromium), then the canvas-2D fallback with WebGL2 switched off.
 * Stand-in files in the real formats are served for any pretrained file the build lacks (bench/shared/latent-fake.ts).
 */
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDenseModel, runDense } from '../../src/lib/unsupervised/dense-model.ts';
import { fakeLatentFiles, routeMissingLatentFiles } from '../shared/latent-fake.ts';
import { fmt, type Benchmark, type Row } from './types.ts';

const FRAMES = 300;
const CLICKS = 60;

interface Measured {
  renderer: string;
  workMs: number[];
  intervalMs: number[];
  clickMs: number[];
  decoded: number;
}

/** Runs in the page (self-contained: Playwright sends its source). */
async function measure({ frames, clicks }: { frames: number; clicks: number }): Promise<Measured> {
  interface Scene {
    camera: { yaw: number; pitch: number; distance: number };
    drawNow(): void;
    pick(x: number, y: number): number | null;
    screenPosition(p: number[]): { x: number; y: number };
    renderer: { kind: string };
  }
  const el = document.querySelector('tk-latent-space') as HTMLElement & { scene: Scene; points: Float32Array };
  const scene = el.scene;
  const view = el.querySelector<HTMLElement>('[data-part="view"]')!;
  const rect = view.getBoundingClientRect();
  const workMs: number[] = [];
  const intervalMs: number[] = [];
  await new Promise<void>((resolve) => {
    let last: number | null = null;
    const tick = (time: number) => {
      if (last !== null) intervalMs.push(time - last);
      last = time;
      const t0 = performance.now();
      scene.camera = { ...scene.camera, yaw: scene.camera.yaw + 0.01 };
      scene.drawNow();
      scene.pick(rect.width / 2, rect.height / 2);
      workMs.push(performance.now() - t0);
      if (workMs.length < frames) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  const clickMs: number[] = [];
  let decoded = 0;
  for (let k = 0; k < clicks; k++) {
    const i = (k * 1667) % 10_000;
    const at = scene.screenPosition([el.points[i * 3]!, el.points[i * 3 + 1]!, el.points[i * 3 + 2]!]);
    const init = { bubbles: true, clientX: rect.left + at.x, clientY: rect.top + at.y, pointerId: 1, isPrimary: true };
    const before = el.dataset['decodes'];
    const t0 = performance.now();
    view.dispatchEvent(new PointerEvent('pointerdown', init));
    view.dispatchEvent(new PointerEvent('pointerup', init));
    clickMs.push(performance.now() - t0);
    if (el.dataset['decodes'] !== before) decoded++;
    await new Promise((r) => requestAnimationFrame(r));
  }
  return { renderer: scene.renderer.kind, workMs, intervalMs, clickMs, decoded };
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

async function run(page: Page, url: string, dist: string, webgl: boolean): Promise<{ m: Measured; faked: string[] }> {
  if (!webgl) {
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        return type === 'webgl2' ? null : (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
  }
  const faked = await routeMissingLatentFiles(page, dist);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${url}dev/latent-space/`);
  await page.locator('tk-latent-space').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const el = document.querySelector('tk-latent-space');
    return el?.getAttribute('data-state') === 'idle' && /decode it/.test(el.querySelector('[role="status"]')?.textContent ?? '');
  });
  return { m: await page.evaluate(measure, { frames: FRAMES, clicks: CLICKS }), faked };
}

function rows(m: Measured, label: string): Row[] {
  const p95 = quantile(m.workMs, 0.95);
  const clickP95 = quantile(m.clickMs, 0.95);
  return [
    {
      label: `${label}: work per frame (draw + pick)`,
      value: `median ${fmt(quantile(m.workMs, 0.5), 2)} ms, p95 ${fmt(p95, 2)} ms over ${m.workMs.length} frames`,
      goal: 'p95 < 20 ms',
      met: p95 < 20,
    },
    { label: `${label}: rAF interval`, value: `median ${fmt(quantile(m.intervalMs, 0.5), 1)} ms, p95 ${fmt(quantile(m.intervalMs, 0.95), 1)} ms` },
    {
      label: `${label}: click → decoded image`,
      value: `median ${fmt(quantile(m.clickMs, 0.5), 2)} ms, p95 ${fmt(clickP95, 2)} ms (${m.decoded} of ${m.clickMs.length} clicks decoded)`,
      goal: 'within one frame (16.7 ms)',
      met: clickP95 < 16.7 && m.decoded === m.clickMs.length,
    },
  ];
}

/** The VAE decoder alone, in this Node process (the same pure TypeScript the page runs): median of 2,000 decodes. */
function decodeOnly(dist: string): Row {
  const folder = join(dist, 'models', 'fashion-vae', 'decoder');
  const real = existsSync(join(folder, 'model.json'));
  const fake = fakeLatentFiles();
  const json: unknown = JSON.parse((real ? readFileSync(join(folder, 'model.json')) : fake.get('fashion-vae/decoder/model.json')!).toString());
  const bytes = real ? readFileSync(join(folder, 'weights.bin')) : fake.get('fashion-vae/decoder/weights.bin')!;
  const model = parseDenseModel(json, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const times: number[] = [];
  for (let k = 0; k < 2000; k++) {
    const t0 = performance.now();
    runDense(model, [Math.sin(k), Math.cos(k), (k % 7) - 3]);
    times.push(performance.now() - t0);
  }
  const shape = [model.inputSize, ...model.layers.map((l) => l.units)].join(' → ');
  return {
    label: 'decode only (Node, pure TypeScript)',
    value: `median ${fmt(quantile(times, 0.5), 3)} ms, p95 ${fmt(quantile(times, 0.95), 3)} ms (${shape}${real ? '' : ', stand-in'})`,
  };
}

export const unsupervisedScatterBench: Benchmark = {
  name: 'unsupervised-scatter',
  title: '3-D latent space of the 10,000 test images: frame time while turning, click-to-decoded-image latency',
  async run({ page, url, dist }) {
    const browser = page.context().browser();
    if (!browser) throw new Error('The benchmark needs the browser of the bench page.');
    const out: Row[] = [];
    for (const webgl of [true, false]) {
      // A page of its own (its own context), so the fallback's init script stays on it.
      const p = await browser.newPage();
      try {
        const { m, faked } = await run(p, url, dist, webgl);
        if (webgl) {
          const files = faked.length ? `stand-ins for ${faked.join(', ')} (not in the build yet)` : 'the committed pretrained files';
          out.push({ label: 'files', value: files });
          // SwiftShader draws on the CPU: a busy machine slows every frame, so say how busy it was.
          const load = loadavg().map((v) => fmt(v, 1));
          out.push({ label: 'machine', value: `${cpus().length} cores, load average ${load.join(' / ')} (1 / 5 / 15 min)` });
        }
        out.push(...rows(m, m.renderer));
      } finally {
        await p.close();
      }
    }
    out.push(decodeOnly(dist));
    return out;
  },
};
