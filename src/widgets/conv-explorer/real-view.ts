/**
 * The explorer's real op: tfjs and the Fashion-MNIST test set are loaded (dynamic imports, verified
 * download with progress) the first time the view is opened, then the op runs on the first sneaker
 * on every change of the setting. The element owns the state; this part loads, runs and draws.
 */
import { tfRefusal } from '../../lib/conv-explorer/code.ts';
import { kernelWeights } from '../../lib/conv-explorer/grids.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { errorText } from '../../lib/format/error-text.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { drawImg } from '../shared/image/canvas.ts';
import { ProgressBar } from '../shared/progress.ts';
import { SNEAKER_SIZE, type ExplorerState } from './markup.ts';

type Tf = typeof import('@tensorflow/tfjs');
type Op = typeof import('../../tf/explorer-conv.ts').runExplorerOp;

/** Fashion-MNIST's class 7. */
const SNEAKER = FASHION_CLASS_NAMES.indexOf('Sneaker');

export type RealState = 'idle' | 'loading' | 'done' | 'error';

export class RealView {
  private loaded: { tf: Tf; run: Op; image: Float32Array } | null = null;
  private loading = false;
  private readonly progress: ProgressBar;

  constructor(
    private readonly root: HTMLElement,
    private readonly onState: (state: RealState, words: string) => void,
  ) {
    this.progress = new ProgressBar(part(root, 'progress'));
  }

  /** Load what is missing (once), then run the op for `state`. */
  async show(state: () => ExplorerState): Promise<void> {
    if (this.loaded) {
      this.run(state());
      return;
    }
    if (this.loading) return;
    this.loading = true;
    clearError(part(this.root, 'error'));
    this.onState('loading', 'Loading TensorFlow.js and the Fashion-MNIST test images…');
    try {
      this.progress.show('Loading TensorFlow.js', 0, null);
      const [tf, { runExplorerOp }, { loadSplit }] = await Promise.all([
        import('@tensorflow/tfjs'),
        import('../../tf/explorer-conv.ts'),
        import('../../lib/data/load.ts'),
      ]);
      await tf.setBackend('cpu');
      const split = await loadSplit(datasetUrl(), 'fashion-mnist', 'test', {
        onProgress: ({ loaded, total }) => this.progress.show('Downloading the Fashion-MNIST test images', loaded, total),
      });
      const index = split.labels.indexOf(SNEAKER);
      if (index < 0) throw new Error('The Fashion-MNIST test set holds no sneaker (class 7): the downloaded files are not the expected ones.');
      const pixels = split.rows * split.cols;
      const image = Float32Array.from(split.images.subarray(index * pixels, (index + 1) * pixels), (v) => v / 255);
      this.loaded = { tf, run: runExplorerOp, image };
      this.progress.hide();
      drawImg(part<HTMLCanvasElement>(this.root, 'sneaker'), { width: SNEAKER_SIZE, height: SNEAKER_SIZE, channels: 1, data: image }, 'normalize');
      part(this.root, 'real-images').hidden = false;
      this.run(state());
    } catch (error) {
      this.progress.hide();
      this.onState('error', 'The sneaker could not be loaded.');
      showError(part(this.root, 'error'), {
        title: 'The sneaker could not be loaded',
        message: errorText(error),
        hint: 'Check your connection and close and open this section again to retry; the grids above work without it.',
      });
    } finally {
      this.loading = false;
    }
  }

  /** Run the op for `state` on the sneaker and draw it (or say why tfjs refuses). */
  run(state: ExplorerState): void {
    if (!this.loaded) return;
    const canvas = part<HTMLCanvasElement>(this.root, 'real-output');
    const shapeLine = part(this.root, 'real-shape');
    const refusal = tfRefusal(state.setting, state.mode);
    if (refusal !== null) {
      canvas.hidden = true;
      shapeLine.textContent = 'Not run: see above.';
      this.onState('done', refusal);
      return;
    }
    const { tf, run, image } = this.loaded;
    const weights = kernelWeights(state.kernel, state.setting.k);
    const { shape, values } = run(tf, image, SNEAKER_SIZE, state.setting, state.mode, weights);
    const [, height, width] = shape as [number, number, number, number];
    canvas.hidden = false;
    drawImg(canvas, { width, height, channels: 1, data: values }, state.mode === 'conv' && state.kernel.startsWith('edge') ? 'signed' : 'normalize');
    canvas.setAttribute('aria-label', `The output of the op on the sneaker, ${height} by ${width} pixels`);
    const op = state.mode === 'conv' ? 'tf.conv2d' : state.setting.d === 1 ? (state.mode === 'max' ? 'tf.maxPool' : 'tf.avgPool') : 'tf.pool';
    shapeLine.textContent = `Output shape [${shape.join(', ')}]`;
    this.onState('done', `${op} on the sneaker gave an output of shape [${shape.join(', ')}].`);
  }
}
