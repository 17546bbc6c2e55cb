/**
 * The "mnist" variant: ten digits on 55,000 images; live loss, training/validation accuracy per
 * epoch, and at the end the test accuracy and a 10×10 confusion matrix.
 */
import { formatCount, formatDuration } from '../../lib/format/numbers.ts';
import { stoppedStatus, trainingStatus } from '../../lib/format/status.ts';
import { part } from '../shared/html.ts';
import { readForm } from '../shared/settings.ts';
import type { MnistCharts } from './charts.ts';
import { MNIST_SETTINGS, MNIST_TEST, MNIST_TRAIN_LIMIT, buildMnistConfig, mnistCode, mnistSettingsFrom } from './config.ts';
import { emptyCharts, mnistMarkup, networkFigure } from './markup.ts';
import { LOSS_CAP, mnistDoneStatus, mnistEpochStatus } from './text.ts';
import type { Outcome, Variant } from './variant.ts';

const read = (host: HTMLElement) => readForm(MNIST_SETTINGS, part(host, 'settings'));

export const mnistVariant: Variant<MnistCharts> = {
  markup: (get) => mnistMarkup(mnistSettingsFrom(get)),
  config: (host, dataUrl) => buildMnistConfig(read(host), dataUrl),
  sync(host) {
    const s = read(host);
    part(host, 'code').textContent = mnistCode(s);
    const network = networkFigure(s.hidden);
    part(host, 'network').innerHTML = network.svg;
    part(host, 'network-caption').textContent = network.caption;
    // The empty charts follow the epochs until a run draws real ones.
    const charts = part(host, 'charts');
    if (charts.querySelector('.tk-chart--empty')) charts.innerHTML = emptyCharts('mnist', s.epochs);
  },
  charts: (mod, el, epochs) => new mod.MnistCharts(el, epochs),

  metrics({ run, life, charts }, m, x, epoch, batch) {
    charts?.addBatch(x, m.loss);
    if (!life.stopping) {
      life.status.update(trainingStatus({ epoch, epochs: run.epochs, batch, batchesPerEpoch: m.batchesPerEpoch, loss: m.loss }));
    }
    if (m.loss > LOSS_CAP) run.capped = true;
  },

  epoch({ run, life }, point) {
    if (!life.stopping) life.status.announce(mnistEpochStatus(point, run.epochs));
  },

  outcome({ run, host, isLatest }, m): Outcome {
    const test = m.test;
    const facts: string[] = [];
    if (run.epochMillis.length > 0) {
      const mean = run.epochMillis.reduce((a, b) => a + b, 0) / run.epochMillis.length;
      facts.push(`One epoch of training took ${formatDuration(mean)} on average.`);
    }
    let outcome: Pick<Outcome, 'status' | 'state'>;
    if (m.stopped) {
      outcome = {
        status: stoppedStatus({ epochsCompleted: m.epochsCompleted, batchesIntoEpoch: run.batchesIntoEpoch }, test ? test.accuracy : null),
        state: 'idle',
      };
    } else if (test) {
      outcome = { status: mnistDoneStatus(test.accuracy, m.epochsCompleted, MNIST_TRAIN_LIMIT), state: 'done' };
    } else {
      outcome = { status: 'Training finished without a test accuracy', state: 'done' };
    }
    if (test) {
      facts.push(`The test accuracy is measured on ${formatCount(test.count)} images the network never trained on; guessing would score about 10%.`);
      if (test.confusion) {
        const confusion = test.confusion;
        void import('./charts.ts').then(({ renderConfusion }) => {
          if (!isLatest()) return;
          const el = part(host, 'confusion');
          renderConfusion(el, confusion, test.count || MNIST_TEST);
          el.hidden = false;
        });
      }
    }
    return { ...outcome, facts };
  },
};
