/**
 * The "overfit" variant: 500 training images, 10,000 validation images, many epochs; live training
 * and validation loss, the best epoch marked, early stopping, learning-rate presets.
 */
import { formatCount, formatPercent, plural } from '../../lib/format/numbers.ts';
import { stoppedStatus } from '../../lib/format/status.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { part } from '../shared/html.ts';
import { parseSettings } from '../shared/settings.ts';
import type { OverfitCharts } from './charts.ts';
import { OVERFIT_FIXED, OVERFIT_SETTINGS, buildOverfitConfig, overfitCode, overfitSettingsFrom } from './config.ts';
import { emptyCharts, overfitMarkup } from './markup.ts';
import { bestEpoch, divergedStatus, overfitDoneStatus, overfitEpochStatus } from './text.ts';
import type { Variant } from './variant.ts';

/** The form's settings; the learning-rate radios have a group name unique on the page, so they are found by their fieldset. */
function read(host: HTMLElement) {
  const settings = part(host, 'settings');
  return parseSettings(OVERFIT_SETTINGS, (name) => {
    if (name === 'rate') return settings.querySelector<HTMLInputElement>('[data-part="rate"] input:checked')?.value ?? null;
    const el = settings.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
    if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked ? 'true' : 'false';
    return el?.value ?? null;
  });
}

export const overfitVariant: Variant<OverfitCharts> = {
  markup: (get) => overfitMarkup(overfitSettingsFrom(get), nextWidgetId('tk-scratch-js-rate')),
  config: (host, dataUrl) => buildOverfitConfig(read(host), dataUrl),
  sync(host) {
    const s = read(host);
    part(host, 'code').textContent = overfitCode(s);
    part<HTMLSelectElement>(host, 'patience').disabled = !s.earlyStopping;
    const charts = part(host, 'charts');
    if (charts.querySelector('.tk-chart--empty')) charts.innerHTML = emptyCharts('overfit', s.epochs);
  },
  charts: (mod, el, epochs) => new mod.OverfitCharts(el, epochs),

  metrics() {
    // The curves are drawn per epoch.
  },

  epoch({ run, life, host, charts }, point) {
    const best = bestEpoch(run.points);
    if (best) {
      charts?.markBest(best);
      host.dataset.bestEpoch = String(best.epoch);
    }
    if (!life.stopping) life.status.update(overfitEpochStatus(point, run.epochs));
  },

  outcome({ run, host }, m) {
    const test = m.test;
    const best = bestEpoch(run.points);
    if (best) host.dataset.bestEpoch = String(best.epoch);
    const outcome = overfitDoneStatus({ points: run.points, epochs: run.epochs, stoppedEarlyAfter: run.stoppedEarlyAfter });
    let status: string;
    if (m.stopped) {
      const where = stoppedStatus({ epochsCompleted: m.epochsCompleted, batchesIntoEpoch: run.batchesIntoEpoch }, null).replace(
        /; no test accuracy yet$/,
        '',
      );
      status = best ? `${where}. ${outcome}` : where;
    } else {
      status = run.diverged && !best ? divergedStatus(run.points.length) : outcome;
    }
    const facts: string[] = [];
    if (test) {
      facts.push(
        `With the ${run.stoppedEarlyAfter !== null ? 'best epoch’s weights' : 'final weights'}, the network reads ${formatPercent(test.accuracy)} of ${formatCount(test.count)} test images correctly after training on only ${formatCount(OVERFIT_FIXED.trainLimit)}.`,
      );
    }
    if (run.stoppedEarlyAfter !== null && best) {
      facts.push(
        `Early stopping waited ${plural(run.config.earlyStoppingPatience, 'epoch')} without a better validation loss, then restored epoch ${best.epoch}’s weights.`,
      );
    }
    return { status, state: m.stopped ? 'idle' : 'done', facts };
  },
};
