/**
 * The autoencoder client with a fake Worker and a fake main-thread session: the shared checks of a
 * tfjs client (../shared/tf-client.test-helpers.ts; the logic is ../shared/tf-run.ts).
 */
import { vi } from 'vitest';
import { describeTfClient } from '../shared/tf-client.test-helpers.ts';
import type { AutoencoderFromWorker, AutoencoderRequest } from './protocol.ts';

vi.mock('../../tf/capabilities.ts', () => ({
  detectCapabilities: () => ({ webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true }),
}));

const DONE: AutoencoderFromWorker = {
  type: 'done',
  stopped: false,
  testLoss: 250,
  testReconstruction: 250,
  epochsCompleted: 1,
  examplesPerSecond: 1,
  seconds: 1,
  tensorsLeft: 0,
};
const mainThreadRuns: AutoencoderRequest[] = [];
vi.mock('./session.ts', () => ({
  runAutoencoderSession: async (request: AutoencoderRequest, emit: (m: AutoencoderFromWorker) => void) => {
    mainThreadRuns.push(request);
    emit({ type: 'backend', backend: 'webgl' });
    emit(DONE);
  },
}));

describeTfClient<AutoencoderRequest, AutoencoderFromWorker>('startAutoencoderRun', {
  load: async () => (await import('./client.ts')).startAutoencoderRun,
  request: {
    kind: 'vae',
    latent: 3,
    images: 2000,
    epochs: 1,
    learningRate: 0.001,
    batchSize: 64,
    seed: 1,
    sampleCount: 8,
    backend: 'auto',
    dataUrl: 'http://localhost/data/',
  },
  workerName: 'tinker-autoencoder',
  done: DONE,
  late: { type: 'phase', phase: 'training', message: 'late' },
  mainThreadRuns,
});
