/**
 * "Use the pretrained robust model": the model robust's `npm run train:robust` committed
 * (public/models/fashion-cnn-robust/) and its measured curves (metrics.json), so a reader on a slow
 * machine sees the result of a long adversarial training at once. Fetched on the page; no tfjs.
 */
import type { CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { ROBUST_CNN_METRICS_URL, ROBUST_CNN_URL, readRobustMetrics, type RobustMetrics } from '../../lib/adversarial/pretrained.ts';
import { joinBase } from '../../lib/content/url.ts';
import { fetchCnn } from '../shared/cnn-fetch.ts';
import { fetchBytes } from '../shared/dense-model-fetch.ts';

const absolute = (path: string): string => new URL(joinBase(import.meta.env.BASE_URL, path), location.href).href;

/** The robust model and its checked metrics; an error says which file failed and how. */
export async function loadRobustModel(): Promise<{ model: CnnModel; metrics: RobustMetrics }> {
  const [model, bytes] = await Promise.all([fetchCnn(absolute(ROBUST_CNN_URL)), fetchBytes(absolute(ROBUST_CNN_METRICS_URL))]);
  const reading = readRobustMetrics(JSON.parse(new TextDecoder().decode(bytes)) as unknown);
  if (!reading.ok) throw new Error(reading.problem);
  return { model, metrics: reading.metrics };
}
