/**
 * The adversarial worker's run (placeholder until the tfjs side lands): answers every request
 * with an error so that the widgets can be built against the protocol.
 */
import type { AdversarialFromWorker, AdversarialRequest } from './protocol.ts';

export type Emit = (message: AdversarialFromWorker) => void;

export interface SessionControl {
  stopped(): boolean;
  signal?: AbortSignal;
}

export interface AdversarialSessionDeps {
  yieldIntervalMs?: number;
}

export async function runAdversarialSession(
  request: AdversarialRequest,
  emit: Emit,
  _control: SessionControl,
  _deps: AdversarialSessionDeps = {},
): Promise<void> {
  await Promise.resolve();
  emit({ type: 'error', code: 'unknown', message: `The ${request.task} task is not implemented yet.`, hint: 'Try again later.' });
}
