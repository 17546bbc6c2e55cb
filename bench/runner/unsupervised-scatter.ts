/**
 * The 3-D latent space (src/widgets/latent-space/ on /dev/latent-space/), measured as a reader uses it:
 * the work per frame while the 10,000 points turn continuously (one requestAnimationFrame-driven turn
 * per frame: draw all points, no picking) and the rAF intervals; then, once the camera has stopped and
 * the view has prepared its pick buffer, the latency from a click on a point to its decoded image on
 * the canvas (pointer events dispatched at the point's screen position: pick, decode with the pure
 * dense decoder, draw); the cost of preparing the pick buffer once per camera stop (on the main thread,
 * and until it is ready); and a click made
 * right after a turn, before the camera has settled (the pick buffer is then prepared by the click).
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
/** Clicks made right after a turn, and pick buffers prepared, each once per camera stop. */
const UNSETTLED = 20;

interface Measured {
  renderer: string;
  workMs: number[];
  intervalMs: number[];
  clickMs: number[];
  decoded: number;
  prepareMs: number[];
  readyMs: number[];
  unsettledClickMs: number[];
}

/** Runs in the page (self-contained: Playwright sends its source). */
async function measure({ frames, clicks, unsettled }: { frames: number; clicks: number; unsettled: number }): Promise<Measured> {
  interface Scene {
    camera: { yaw: number; pitch: number; distance: number };
    drawNow(): void;
    screenPosition(p: number[]): { x: number; y: number };
    // pickReady and preparePick are absent from builds before the cached pick buffer.
    renderer: { kind: string; pickReady?: boolean; preparePick?: () => void };
  }
  const el = document.querySelector('tk-latent-space') as HTMLElement & { scene: Scene; points: Float32Array };
  const scene = el.scene;
  const view = el.querySelector<HTMLElement>('[data-part="view"]')!;
  const rect = view.getBoundingClientRect();
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const turn = () => {
    scene.camera = { ...scene.camera, yaw: scene.camera.yaw + 0.01 };
    scene.drawNow();
  };
  /** Waits, as a reader's hand does, until the view has settled (its pick buffer ready), at most 2 s. */
  const settled = async () => {
    const until = performance.now() + 2000;
    if (scene.renderer.pickReady === undefined) await new Promise((r) => setTimeout(r, 300));
    while (scene.renderer.pickReady === false && performance.now() < until) await frame();
  };
  /** Clicks on point i; the milliseconds from pointerdown to the decoded image, and whether it was decoded. */
  const click = (i: number): { ms: number; decoded: boolean } => {
    const at = scene.screenPosition([el.points[i * 3]!, el.points[i * 3 + 1]!, el.points[i * 3 + 2]!]);
    const init = { bubbles: true, clientX: rect.left + at.x, clientY: rect.top + at.y, pointerId: 1, isPrimary: true };
    const before = el.dataset['decodes'];
    const t0 = performance.now();
    view.dispatchEvent(new PointerEvent('pointerdown', init));
    view.dispatchEvent(new PointerEvent('pointerup', init));
    return { ms: performance.now() - t0, decoded: el.dataset['decodes'] !== before };
  };

  const workMs: number[] = [];
  const intervalMs: number[] = [];
  await new Promise<void>((resolve) => {
    let last: number | null = null;
    const tick = (time: number) => {
      if (last !== null) intervalMs.push(time - last);
      last = time;
      const t0 = performance.now();
      turn();
      workMs.push(performance.now() - t0);
      if (workMs.length < frames) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });

  await settled();
  const clickMs: number[] = [];
  let decoded = 0;
  for (let k = 0; k < clicks; k++) {
    const c = click((k * 1667) % 10_000);
    clickMs.push(c.ms);
    if (c.decoded) decoded++;
    await frame();
    await settled();
  }

  const prepareMs: number[] = [];
  const readyMs: number[] = [];
  const unsettledClickMs: number[] = [];
  for (let k = 0; k < unsettled; k++) {
    turn();
    unsettledClickMs.push(click((k * 2741) % 10_000).ms);
    await frame();
    if (!scene.renderer.preparePick) continue;
    turn();
    const t0 = performance.now();
    scene.renderer.preparePick();
    prepareMs.push(performance.now() - t0);
    while (scene.renderer.pickReady === false && performance.now() - t0 < 2000) await frame();
    readyMs.push(performance.now() - t0);
    await frame();
  }
  return { renderer: scene.renderer.kind, workMs, intervalMs, clickMs, decoded, prepareMs, readyMs, unsettledClickMs };
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
  return { m: await page.evaluate(measure, { frames: FRAMES, clicks: CLICKS, unsettled: UNSETTLED }), faked };
}

function rows(m: Measured, label: string): Row[] {
  const p95 = quantile(m.workMs, 0.95);
  const clickP95 = quantile(m.clickMs, 0.95);
  const spread = (values: number[]) => `median ${fmt(quantile(values, 0.5), 2)} ms, p95 ${fmt(quantile(values, 0.95), 2)} ms`;
  const out: Row[] = [
    {
      label: `${label}: work per frame while turning (draw, no pick)`,
      value: `${spread(m.workMs)} over ${m.workMs.length} frames`,
      goal: 'p95 < 20 ms',
      met: p95 < 20,
    },
    { label: `${label}: rAF interval`, value: `median ${fmt(quantile(m.intervalMs, 0.5), 1)} ms, p95 ${fmt(quantile(m.intervalMs, 0.95), 1)} ms` },
    {
      label: `${label}: click → decoded image, camera settled`,
      value: `${spread(m.clickMs)} (${m.decoded} of ${m.clickMs.length} clicks decoded)`,
      goal: 'within one frame (16.7 ms)',
      met: clickP95 < 16.7 && m.decoded === m.clickMs.length,
    },
    {
      label: `${label}: click → decoded image right after a turn (not settled)`,
      value: `${spread(m.unsettledClickMs)} over ${m.unsettledClickMs.length} clicks`,
    },
  ];
  if (m.prepareMs.length) {
    out.push({ label: `${label}: prepare the pick buffer, main thread (once per camera stop)`, value: spread(m.prepareMs) });
    out.push({ label: `${label}: prepare the pick buffer, until ready`, value: spread(m.readyMs) });
  }
  return out;
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
