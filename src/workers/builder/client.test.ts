/**
 * The builder's page-side client with a fake Worker and a fake main-thread session: the shared checks
 * of a tfjs client (../shared/tf-client.test-helpers.ts; the logic is ../shared/tf-run.ts, tested in
 * depth through the train client).
 */
import { vi } from 'vitest';
import { DEFAULT_SPEC } from '../../lib/supervised/model-spec.ts';
import { describeTfClient } from '../shared/tf-client.test-helpers.ts';
import type { BuilderFromWorker, BuilderRequest } from './protocol.ts';

vi.mock('../../tf/capabilities.ts', () => ({
  detectCapabilities: () => ({ webgpu: false, webgl: true, wasm: true, worker: true, offscreenWebgl: true }),
}));

const DONE: BuilderFromWorker = {
  type: 'done',
  stopped: false,
  testAccuracy: 0.97,
  testLoss: 0.1,
  epochsCompleted: 3,
  examplesPerSecond: 1,
  seconds: 1,
  tensorsLeft: 0,
};
const mainThreadRuns: BuilderRequest[] = [];
vi.mock('./session.ts', () => ({
  runBuilderSession: async (request: BuilderRequest, emit: (m: BuilderFromWorker) => void) => {
    mainThreadRuns.push(request);
    emit({ type: 'backend', backend: 'webgl' });
    emit(DONE);
  },
}));

describeTfClient<BuilderRequest, BuilderFromWorker>('startBuilderRun', {
  load: async () => (await import('./client.ts')).startBuilderRun,
  request: {
    spec: DEFAULT_SPEC,
    data: { trainLimit: 2000, validationCount: 1000, testLimit: 1000 },
    seed: 1,
    backend: 'auto',
    dataUrl: 'http://localhost/data/',
    save: false,
  },
  workerName: 'tinker-model-builder',
  done: DONE,
  late: { type: 'phase', phase: 'training', message: 'late' },
  mainThreadRuns,
});
