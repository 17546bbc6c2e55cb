/**
 * The two models the FGSM explorer attacks, loaded into the from-scratch engine (lib/adversarial/
 * cnn-model.ts): the pretrained CNN, fetched from the site without tfjs, and the reader's own CNN saved
 * by the CNN lesson's trainer, read from the browser's storage with tfjs (loaded only for that).
 */
import { CnnModelError, parseLayersCnn, type CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { joinBase } from '../../lib/content/url.ts';
import { CNN_SAVE_URL, PRETRAINED_CNN_URL } from '../../lib/supervised/pretrained.ts';
import { fetchCnn } from '../shared/cnn-fetch.ts';

/** A model the widget cannot use, or no model at all: a title and what to do. */
export class ModelProblem extends Error {
  constructor(
    readonly title: string,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'ModelProblem';
  }
}

/** The model must take one 28 × 28 grey image and give the ten Fashion-MNIST classes. */
function checkShape(model: CnnModel, what: string): CnnModel {
  const [h, w, c] = model.inputShape;
  if (h !== 28 || w !== 28 || c !== 1 || model.classCount !== 10) {
    throw new ModelProblem(
      `${what} does not fit these images`,
      `It takes ${h} × ${w} × ${c} inputs and gives ${model.classCount} classes; this widget needs 28 × 28 × 1 Fashion-MNIST images and 10 classes.`,
      'Train the CNN lesson’s model on Fashion-MNIST, or use the pretrained CNN.',
    );
  }
  return model;
}

/** The pretrained CNN (public/models/fashion-cnn/): model.json and the weights file its manifest names. */
export async function loadPretrained(signal?: AbortSignal): Promise<CnnModel> {
  const url = new URL(joinBase(import.meta.env.BASE_URL, PRETRAINED_CNN_URL), location.href).href;
  return checkShape(await fetchCnn(url, signal), 'The pretrained CNN');
}

/** The reader's CNN, saved by the CNN lesson's trainer at CNN_SAVE_URL. */
export async function loadSaved(): Promise<CnnModel> {
  const { readSavedLayersModel } = await import('../../tf/saved-layers.ts');
  const files = await readSavedLayersModel(CNN_SAVE_URL);
  if (!files) {
    throw new ModelProblem(
      'No CNN saved in this browser yet',
      'The trainer of the lesson “Convolutional networks” keeps the model it trains in this browser when its run finishes; there is none here.',
      'Train the CNN there (a short run is enough), then choose “Your CNN” again. The pretrained CNN stays in use meanwhile.',
    );
  }
  try {
    return checkShape(parseLayersCnn(files.modelJson, files.weights), 'Your CNN');
  } catch (error) {
    if (error instanceof CnnModelError) {
      throw new ModelProblem(
        'This page cannot run your CNN',
        error.message,
        'The pretrained CNN stays in use. The default CNN of the CNN lesson runs here.',
      );
    }
    throw error;
  }
}
