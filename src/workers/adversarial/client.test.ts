/**
 * The adversarial client with a fake Worker and a fake main-thread session: the shared checks of a
 * tfjs client (../shared/tf-client.test-helpers.ts; the logic is ../shared/tf-run.ts).
 */
import { vi } from 'vitest';
import { describeTfClient } from '../shared/tf-client.test-helpers.ts';
import type { AdversarialFromWorker, AdversarialRequest } from './protocol.ts';

vi.mock('../../tf/capabilities.ts', () => ({
  detectCapabilities: () => ({ webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true }),
}));

const DONE: AdversarialFromWorker = { type: 'done', stopped: false, seconds: 1, tensorsLeft: 0 };
const mainThreadRuns: AdversarialRequest[] = [];
vi.mock('./session.ts', () => ({
  runAdversarialSession: async (request: AdversarialRequest, emit: (m: AdversarialFromWorker) => void) => {
    mainThreadRuns.push(request);
    emit({ type: 'backend', backend: 'webgl' });
    emit(DONE);
  },
}));

describeTfClient<AdversarialRequest, AdversarialFromWorker>('startAdversarialRun', {
  load: async () => (await import('./client.ts')).startAdversarialRun,
  request: {
    task: 'curve',
    model: 'standard',
    attack: 'fgsm',
    epsilons: [0, 0.1],
    images: 1000,
    backend: 'auto',
    dataUrl: 'http://localhost/data/',
    modelUrl: 'http://localhost/models/fashion-cnn/model.json',
  },
  workerName: 'tinker-adversarial',
  done: DONE,
  late: { type: 'phase', phase: 'attacking', message: 'late' },
  mainThreadRuns,
});
