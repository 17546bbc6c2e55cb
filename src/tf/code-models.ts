/**
 * The `models` object of a code cell: the site's pretrained models as tfjs LayersModels.
 *
 *   const model = await models.load('fashion-cnn'); // the CNN lesson's Fashion-MNIST classifier
 *
 * Each call loads a fresh copy (the code may change or dispose it freely); the files come from
 * the site (the browser caches them), under the base that the datasets folder sits in.
 */
import { PRETRAINED_CNN_URL } from '../lib/supervised/pretrained.ts';
import { errorText } from '../lib/format/error-text.ts';
import type { Tf } from './backend.ts';

type LayersModel = Awaited<ReturnType<Tf['loadLayersModel']>>;

/** The models `models.load` knows, and their model.json paths relative to the site base. */
export const CODE_MODELS = {
  'fashion-cnn': PRETRAINED_CNN_URL,
} as const;

export type CodeModelName = keyof typeof CODE_MODELS;

export interface CodeModels {
  load(name: CodeModelName): Promise<LayersModel>;
  /** The model names `load` accepts. */
  readonly names: readonly CodeModelName[];
}

export interface CreateModelsOptions {
  /** Absolute URL of the site base (see siteUrlFromDatasetsUrl). */
  siteUrl: string;
  /** The loader (default tf.loadLayersModel; tests inject one). */
  loadModel?: (url: string) => Promise<LayersModel>;
}

const NAMES = Object.keys(CODE_MODELS) as CodeModelName[];

export function createModels(tf: Tf, options: CreateModelsOptions): CodeModels {
  const loadModel = options.loadModel ?? ((url: string) => tf.loadLayersModel(url));
  return {
    names: NAMES,
    async load(name: CodeModelName): Promise<LayersModel> {
      if (typeof name !== 'string' || !Object.hasOwn(CODE_MODELS, name)) {
        const got = typeof name === 'string' ? `"${name}"` : name === undefined ? 'nothing' : typeof name;
        throw new TypeError(
          `models.load: unknown model ${got}. The models are ${NAMES.map((n) => `'${n}'`).join(', ')}, e.g. models.load('fashion-cnn').`,
        );
      }
      const url = new URL(CODE_MODELS[name], options.siteUrl).href;
      try {
        return await loadModel(url);
      } catch (error) {
        throw new Error(`models.load: the model '${name}' could not be loaded (${errorText(error)}). Check your connection and run the code again.`);
      }
    },
  };
}
