/**
 * <tk-robustness-curve>: how fragile is the whole test set? Start attacks the first 100 to 1,000
 * Fashion-MNIST test images with FGSM or PGD (10 steps) at every ε of the lesson's grid, in the
 * adversarial worker (tfjs), with progress; then draws the attack's success rate and the robust
 * accuracy against ε (viz/epsilon-chart.ts), and the confusion matrix original class → class after
 * the attack at the ε chosen in its select (widgets/shared/confusion-matrix/), with a sentence on
 * which class flips most easily and into what (lib/adversarial/flips.ts).
 *
 * For tests: `data-points` (the ε values on the curve, once drawn), `data-matrix` (the ε the matrix shows),
 * `data-backend` (the tfjs backend the worker attacks on).
 */
import { flipSentence } from '../../lib/adversarial/flips.ts';
import { EPSILONS } from '../../lib/adversarial/robustness.ts';
import { LESSON_EPSILON } from '../../lib/adversarial/sneaker.ts';
import { joinBase } from '../../lib/content/url.ts';
import { FASHION_CLASS_NAMES } from '../../lib/data/manifest.ts';
import { backendLine } from '../../lib/format/status.ts';
import { PRETRAINED_CNN_URL } from '../../lib/supervised/pretrained.ts';
import type { AdversarialRunHandle } from '../../workers/adversarial/client.ts';
import type { AdversarialFromWorker, CurveMessage, CurveRequest } from '../../workers/adversarial/protocol.ts';
import type { MatrixView } from '../shared/confusion-matrix/matrix.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { stopAndDispose, TrainerLifecycle } from '../shared/trainer.ts';
import { FLIPS_IDLE, PGD_STEPS, SETTINGS, curveChart, curveMarkup, type CurveSettings } from './config.ts';
import { cellName, cellSentence, doneStatus, matrixCaption, progressLine, tookSentence } from './text.ts';

const absolute = (path: string): string => new URL(joinBase(import.meta.env.BASE_URL, path), location.href).href;

export class RobustnessCurveElement extends HTMLElement {
  private life: TrainerLifecycle<AdversarialRunHandle> | null = null;
  private matrix: MatrixView | null = null;
  /** The last curve drawn. */
  private curve: CurveMessage | null = null;
  private readonly recolour = (): void => this.matrix?.recolour();
  private readonly themeObserver = new MutationObserver(this.recolour);
  private readonly darkMedia = matchMedia('(prefers-color-scheme: dark)');

  connectedCallback(): void {
    // The matrix's colours follow the theme (set on <html>, or the system's).
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    this.darkMedia.addEventListener('change', this.recolour);
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = curveMarkup(settingsFromAttributes(SETTINGS, this));
    this.life = new TrainerLifecycle<AdversarialRunHandle>(this, {
      onStart: () => void this.start(),
      release: stopAndDispose,
      loadingText: 'Loading the attack code…',
      stoppingText: 'Stopping after this batch…',
      downloadLabel: 'Fashion-MNIST',
    });
    part(this, 'epsilon').addEventListener('change', () => void this.showEpsilon());
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.themeObserver.disconnect();
    this.darkMedia.removeEventListener('change', this.recolour);
  }

  /** The ε the matrix is shown at. */
  private epsilon(): number {
    const e = Number(part<HTMLSelectElement>(this, 'epsilon').value);
    return Number.isFinite(e) ? e : LESSON_EPSILON;
  }

  private async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const settings = readForm(SETTINGS, part(this, 'settings'));
    this.clearResults();
    const client = await life.load(id, () => import('../../workers/adversarial/client.ts'));
    if (!client) return;
    const request: CurveRequest = {
      task: 'curve',
      model: 'standard',
      attack: settings.attack,
      epsilons: [...EPSILONS],
      images: settings.images,
      ...(settings.attack === 'pgd' ? { steps: PGD_STEPS } : {}),
      backend: 'auto',
      dataUrl: datasetUrl(),
      modelUrl: absolute(PRETRAINED_CNN_URL),
    };
    life.attach(
      client.startAdversarialRun(
        request,
        life.listen(id, (m: AdversarialFromWorker) => void this.onMessage(m, settings)),
        { mode: 'auto' },
      ),
    );
  }

  private async onMessage(m: AdversarialFromWorker, settings: CurveSettings): Promise<void> {
    const life = this.life!;
    switch (m.type) {
      case 'phase':
        // The attack's own first words are its progress (below), "0 of 1,000 images".
        if (m.phase !== 'attacking' && !life.stopping) life.status.announce(m.message);
        break;
      case 'backend': {
        this.dataset.backend = m.backend;
        const line = part(this, 'backend');
        line.textContent = backendLine(m.backend, life.handle?.mode ?? null, m.fallbackReason);
        line.hidden = false;
        break;
      }
      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;
      case 'progress':
        life.progress?.show('Attacking', m.done, m.total);
        life.running(progressLine(settings.attack, m.done, m.total, EPSILONS.length));
        break;
      case 'curve':
        this.curve = m;
        this.dataset.points = String(m.points.length);
        await this.showEpsilon();
        break;
      case 'done': {
        const curve = this.curve;
        if (m.stopped || !curve) {
          life.finish(`Stopped: the attack ended before every image was attacked, so there is no new curve.`, 'idle');
        } else {
          const point = curve.points.find((p) => p.epsilon === LESSON_EPSILON) ?? curve.points.at(-1);
          const seconds = curve.secondsPerImage * curve.images * curve.points.length;
          life.finish(`${doneStatus(curve.attack, curve.images, curve.cleanAccuracy, point)} ${tookSentence(seconds)}`, 'done');
        }
        life.controls.start.textContent = 'Attack again';
        break;
      }
      case 'error':
        life.fail({ title: 'The attack failed', message: m.message, hint: m.hint });
        break;
      default:
        break;
    }
  }

  /** A new attack: the last one's curve, matrix and sentences go, so nothing old is read as new. */
  private clearResults(): void {
    this.curve = null;
    delete this.dataset.points;
    delete this.dataset.matrix;
    this.matrix?.clear();
    part(this, 'flips').textContent = FLIPS_IDLE;
    void this.showEpsilon();
  }

  /** Draws the chart with its marker, the matrix, its caption and the sentences at the chosen ε. */
  private async showEpsilon(): Promise<void> {
    const epsilon = this.epsilon();
    const curve = this.curve;
    part(this, 'chart').innerHTML = curveChart(curve?.points ?? [], epsilon);
    part(this, 'matrix-box-caption').textContent = matrixCaption(epsilon);
    part(this, 'cell').hidden = true;
    const point = curve?.points.find((p) => p.epsilon === epsilon);
    if (!curve || !point) return;
    part(this, 'flips').textContent = flipSentence(point.confusion, epsilon, FASHION_CLASS_NAMES);
    if (!this.matrix) {
      const { MatrixView } = await import('../shared/confusion-matrix/matrix.ts');
      this.matrix ??= new MatrixView(part<HTMLTableElement>(this, 'matrix'), {
        cellName,
        onPick: (truth, guess) => this.showCell(truth, guess),
      });
    }
    await this.matrix.show(point.confusion.flat());
    this.dataset.matrix = String(epsilon);
  }

  private showCell(truth: number, guess: number): void {
    const epsilon = this.epsilon();
    const point = this.curve?.points.find((p) => p.epsilon === epsilon);
    const row = point?.confusion[truth];
    if (!row) return;
    const line = part(this, 'cell');
    line.textContent = cellSentence(
      truth,
      guess,
      row[guess] ?? 0,
      row.reduce((a, b) => a + b, 0),
      epsilon,
    );
    line.hidden = false;
  }
}

if (!customElements.get('tk-robustness-curve')) customElements.define('tk-robustness-curve', RobustnessCurveElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-robustness-curve': RobustnessCurveElement;
  }
}
