/**
 * The sneaker before and after: the page's engine CNN (src/lib/adversarial/cnn-model.ts, no tfjs)
 * with the pretrained weights and with the weights a run sends back, each attacked by FGSM at the
 * same ε, drawn as two pairs of small images with their predictions in words. The model files and
 * the test image are fetched once, on the first call.
 */
import { cnnWithWeights, type CnnModel } from '../../lib/adversarial/cnn-model.ts';
import { LESSON_SNEAKER_INDEX } from '../../lib/adversarial/sneaker.ts';
import { joinBase } from '../../lib/content/url.ts';
import { PRETRAINED_CNN_URL } from '../../lib/supervised/pretrained.ts';
import { paintGrey } from '../../viz/grey-image.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { fetchCnn, testImage } from '../shared/cnn-fetch.ts';
import { part } from '../shared/html.ts';
import { attackSneaker, type SneakerAttack } from './sneaker-attack.ts';
import { imageLabel, pairVerdict, predictionText } from './text.ts';

interface Sneaker {
  standard: CnnModel;
  image: Float32Array;
  label: number;
}

async function loadSneaker(): Promise<Sneaker> {
  const modelUrl = new URL(joinBase(import.meta.env.BASE_URL, PRETRAINED_CNN_URL), location.href).href;
  const { loadSplit } = await import('../../lib/data/load.ts');
  const [standard, split] = await Promise.all([
    fetchCnn(modelUrl),
    loadSplit(datasetUrl(), 'fashion-mnist', 'test', { limit: LESSON_SNEAKER_INDEX + 1 }),
  ]);
  return { standard, image: testImage(split.images, LESSON_SNEAKER_INDEX), label: split.labels[LESSON_SNEAKER_INDEX]! };
}

export class SneakerView {
  private sneaker: Promise<Sneaker> | null = null;

  constructor(private readonly host: HTMLElement) {}

  /**
   * Attacks the sneaker at ε with the standard model and with the trained one (`weights` in getWeights
   * order, or a whole model), and draws both pairs.
   */
  async show(trained: readonly Float32Array[] | CnnModel, epsilon: number): Promise<{ before: SneakerAttack; after: SneakerAttack }> {
    this.sneaker ??= loadSneaker();
    let sneaker: Sneaker;
    try {
      sneaker = await this.sneaker;
    } catch (err) {
      this.sneaker = null; // try again next time
      throw err;
    }
    const before = attackSneaker(sneaker.standard, sneaker.image, sneaker.label, epsilon);
    const model = Array.isArray(trained) ? cnnWithWeights(sneaker.standard, trained as readonly Float32Array[]) : (trained as CnnModel);
    const after = attackSneaker(model, sneaker.image, sneaker.label, epsilon);
    this.paint('before', before, epsilon);
    this.paint('after', after, epsilon);
    return { before, after };
  }

  private paint(which: 'before' | 'after', a: SneakerAttack, epsilon: number): void {
    const draw = (kind: 'clean' | 'attacked', values: Float32Array, predicted: number, probability: number) => {
      const canvas = part<HTMLCanvasElement>(this.host, `${which}-${kind}`);
      paintGrey(canvas, values);
      canvas.setAttribute('aria-label', imageLabel(kind, epsilon, predicted, probability));
      part(this.host, `${which}-${kind}-caption`).textContent = predictionText(predicted, probability);
    };
    draw('clean', a.clean, a.cleanClass, a.cleanProbability);
    draw('attacked', a.attacked, a.attackedClass, a.attackedProbability);
    part(this.host, `${which}-verdict`).textContent = pairVerdict(a.label, a.attackedClass);
    part(this.host, which).dataset.prediction = String(a.attackedClass);
  }
}
