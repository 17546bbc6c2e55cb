/**
 * Grading in two steps, in two realms.
 *
 *  1. Measure, in the code worker, beside the reader's code: call the reader's function on the
 *     grader's inputs, train and play the reader's agent, run an exercise's measuring script, or
 *     save the reader's model. The worker sends these raw measurements, never a verdict.
 *  2. Judge, in the page (or, for a model, in a fresh grader worker), where no reader code has
 *     ever run: check the measurement's shape, compare it with the expected values and decide.
 *
 * Reader code shares a realm with the measuring code and can replace any built-in it uses. It
 * can therefore spoil a measurement, but never the decision: a measurement that is not well
 * formed fails with a message, and one that is well formed is judged like any other.
 * What the worker receives (the plan) holds inputs only, never the expected values.
 */
import { siteUrlFromDatasetsUrl } from '../data/datasets-url.ts';
import { loadLabels, loadSplit } from '../data/load.ts';
import type { GradeResult, GraderSpec } from '../exercises/types.ts';
import { agentPlan, judgeAgent, type AgentMeasurement, type AgentPlan } from './agent-grader.ts';
import { customPlan, judgeCustom, type CustomMeasurement, type CustomPlan } from './custom-grader.ts';
import { functionPlan, judgeFunction, type FunctionMeasurement, type FunctionPlan } from './function-grader.ts';
import type { JudgeContext } from './judges/index.ts';
import { malformedMeasurement } from './malformed.ts';
import type { TensorsLeft } from './tensors-left.ts';

// The page's judge of a model run loads with this module (src/workers/code/client.ts).
export { judgeTensorsLeft } from './tensors-left.ts';

/** The model-accuracy grader's plan: the worker saves the returned model (weights and topology). */
export interface ModelPlan {
  kind: 'model';
}

/** A saved tfjs LayersModel: what `model.save(tf.io.withSaveHandler(…))` hands over. */
export interface ModelArtifactsData {
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: ArrayBuffer;
}

/** A saved model, and the tensors the reader's code left allocated when it returned (see tensors-left.ts). */
export type ModelMeasurement = { kind: 'model'; problem: string } | { kind: 'model'; artifacts: ModelArtifactsData; tensorsLeft?: TensorsLeft };

export type MeasurePlan = FunctionPlan | AgentPlan | CustomPlan | ModelPlan;
export type Measurement = FunctionMeasurement | AgentMeasurement | CustomMeasurement | ModelMeasurement;

/** What the code worker must measure for `spec` (inputs only). Null for a custom grader whose judge is missing. */
export function measurePlan(spec: GraderSpec): MeasurePlan | null {
  switch (spec.kind) {
    case 'function':
      return functionPlan(spec);
    case 'agent-win-rate':
      return agentPlan(spec);
    case 'custom':
      return customPlan(spec);
    case 'model-accuracy':
      return { kind: 'model' };
  }
}

/** The page's judge context: labels and splits downloaded from the site's data/ folder (`dataUrl`), verified; models from the site. */
export function pageJudgeContext(dataUrl: string, fetchFile: typeof fetch = (input, init) => fetch(input, init)): JudgeContext {
  const bytes = async (url: string): Promise<ArrayBuffer> => {
    const response = await fetchFile(url);
    if (!response.ok) throw new Error(`${url} could not be downloaded (HTTP ${response.status})`);
    return response.arrayBuffer();
  };
  return {
    labels: (dataset, split) => loadLabels(dataUrl, dataset, split),
    split: (dataset, split) => loadSplit(dataUrl, dataset, split),
    async siteModel(path) {
      const url = new URL(path, siteUrlFromDatasetsUrl(dataUrl)).href;
      const modelJson = JSON.parse(new TextDecoder().decode(await bytes(url))) as unknown;
      const paths = (modelJson as { weightsManifest?: { paths?: unknown }[] }).weightsManifest?.flatMap((g) =>
        Array.isArray(g.paths) ? g.paths : [],
      );
      if (paths?.length !== 1 || typeof paths[0] !== 'string') throw new Error(`${url} does not name one weights file`);
      return { modelJson, weights: await bytes(new URL(paths[0], url).href) };
    },
  };
}

/**
 * Decides from a measurement, for every grader but model-accuracy (whose model is evaluated
 * in a fresh grader worker: see checkModelMeasurement). Never rejects; never passes a malformed measurement.
 * `context` gives a custom judge what the worker never sees (see pageJudgeContext).
 */
export async function judgeMeasurement(
  spec: Exclude<GraderSpec, { kind: 'model-accuracy' }>,
  measurement: unknown,
  context?: JudgeContext,
): Promise<GradeResult> {
  try {
    switch (spec.kind) {
      case 'function':
        return judgeFunction(spec, measurement);
      case 'agent-win-rate':
        return judgeAgent(spec, measurement);
      case 'custom':
        return await judgeCustom(spec, measurement, context);
    }
  } catch {
    return malformedMeasurement('checking it failed');
  }
}

/**
 * The saved model in a model measurement (with the tensors-left count, unchecked: judgeTensorsLeft
 * checks it), or the result that ends grading (the reader's problem, or a malformed measurement).
 */
export function checkModelMeasurement(measurement: unknown): { artifacts: ModelArtifactsData; tensorsLeft: unknown } | { result: GradeResult } {
  const m = measurement as { kind?: unknown; problem?: unknown; artifacts?: unknown; tensorsLeft?: unknown } | null;
  if (typeof m !== 'object' || m === null || m.kind !== 'model') return { result: malformedMeasurement('it is not a model measurement') };
  if (typeof m.problem === 'string' && m.problem !== '') return { result: { pass: false, message: m.problem } };
  const a = m.artifacts as Partial<ModelArtifactsData> | null | undefined;
  if (
    typeof a !== 'object' ||
    a === null ||
    !(a.weightData instanceof ArrayBuffer) ||
    !Array.isArray(a.weightSpecs) ||
    typeof a.modelTopology !== 'object' ||
    a.modelTopology === null
  ) {
    return { result: malformedMeasurement('it holds no saved model') };
  }
  return { artifacts: { modelTopology: a.modelTopology, weightSpecs: a.weightSpecs, weightData: a.weightData }, tensorsLeft: m.tensorsLeft };
}
