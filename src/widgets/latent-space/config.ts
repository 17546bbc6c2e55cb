/**
 * The latent-space view's settings, files and words (no DOM): which embedding is shown, where its
 * files are, and the 3-D cursor's sliders (0…100 % of each axis's range, lib/latent-view/cursor.ts).
 */
import { PRETRAINED_AE, PRETRAINED_PCA, PRETRAINED_VAE } from '../../lib/unsupervised/pretrained.ts';
import { numberRange, textChoice, type SettingsOf } from '../shared/settings.ts';

export type EmbeddingId = 'vae' | 'ae' | 'pca';
export const EMBEDDINGS: readonly EmbeddingId[] = ['vae', 'ae', 'pca'];

export const EMBEDDING_NAMES: Readonly<Record<EmbeddingId, string>> = {
  vae: 'VAE latent means',
  ae: 'autoencoder latent',
  pca: 'PCA, first 3 components',
};

/**
 * Each embedding's files, relative to the site base (lib/unsupervised/pretrained.ts; written by
 * scripts/train-autoencoders.ts and scripts/fit-pca.ts), and how a position turns back into an image:
 * a Dense-only tfjs decoder (its model.json), or PCA's mean and components (pca.json and pca.bin).
 */
export const EMBEDDING_FILES: Readonly<
  Record<EmbeddingId, { embedding: string; decoder: { dense: string } | { pca: { info: string; weights: string } } }>
> = {
  vae: { embedding: PRETRAINED_VAE.embedding, decoder: { dense: PRETRAINED_VAE.decoder } },
  ae: { embedding: PRETRAINED_AE.embedding, decoder: { dense: PRETRAINED_AE.decoder } },
  pca: { embedding: PRETRAINED_PCA.embedding, decoder: { pca: { info: PRETRAINED_PCA.info, weights: PRETRAINED_PCA.weights } } },
};

export const SETTINGS = {
  embedding: textChoice<EmbeddingId>({ label: 'Embedding', choices: EMBEDDINGS, default: 'vae', format: (v) => EMBEDDING_NAMES[v] }),
  cursorX: numberRange({ label: 'Cursor x', min: 0, max: 100, step: 1, default: 50 }),
  cursorY: numberRange({ label: 'Cursor y', min: 0, max: 100, step: 1, default: 50 }),
  cursorZ: numberRange({ label: 'Cursor z', min: 0, max: 100, step: 1, default: 50 }),
};
export type LatentSettings = SettingsOf<typeof SETTINGS>;
export const CURSOR_SLIDERS = ['cursorX', 'cursorY', 'cursorZ'] as const;

/** Images in the interpolation strip, both ends included. */
export const STRIP_STEPS = 8;

/** The keys, as the view's label and the help under it say them. */
export const KEY_HELP =
  'Drag or arrow keys rotate; pinch, + and −, or the wheel once the view has focus zoom; X, Y, Z move the cursor (Shift moves it back); Enter picks the image nearest the cursor; Home resets the view.';

export const LOADING_STATUS = 'Loading the 10,000 test images’ positions…';
