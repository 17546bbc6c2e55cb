/**
 * The grader worker: rebuilds the model the reader's code saved (topology and weights, as data)
 * and evaluates it on the test set with the model-accuracy grader. No reader code ever runs here,
 * so nothing the reader replaced in the code worker (tfjs functions, Array methods, JSON…) can
 * change the accuracy it measures. Needs no eval: the model is rebuilt from JSON by tfjs itself.
 * One evaluation per worker; the page terminates it afterwards.
 */
import { errorText } from '../../lib/format/error-text.ts';
import { onMessages, workerScope } from '../shared/worker-entry.ts';
import type { EvaluateRequest, FromGradeWorker } from './protocol.ts';

const scope = workerScope<FromGradeWorker>();

let started = false;

onMessages<EvaluateRequest>({
  evaluate: (request) => {
    if (started) return;
    started = true;
    void evaluate(request).then(
      (result) => scope.post({ type: 'graded', result }),
      (error) => scope.post({ type: 'error', message: errorText(error) }),
    );
  },
});

async function evaluate(request: EvaluateRequest) {
  const tf = await import('@tensorflow/tfjs');
  const [{ initBackend }, { gradeModelAccuracy, loadSavedModel }] = await Promise.all([import('../../tf/backend.ts'), import('../../tf/graders.ts')]);
  await initBackend(tf, request.backend);
  let model;
  try {
    model = await loadSavedModel(tf, request.artifacts);
  } catch (error) {
    return {
      pass: false,
      message: `The grader could not rebuild your model from its saved weights (${errorText(error)}). Build it from tf.layers and tf.sequential() or tf.model(); custom layer classes cannot be graded.`,
    };
  }
  try {
    return await gradeModelAccuracy(request.spec, { returned: model, exports: {}, tf, dataUrl: request.dataUrl, datasets: null, print: () => {} });
  } finally {
    model.dispose();
  }
}
