/**
 * <tk-run-compare preset="optimizers" | "regularisation" | "mlp-vs-cnn">: several runs, one after
 * another in the builder's worker (src/workers/builder), their accuracy curves overlaid (optimisers,
 * MLP against CNN) or side by side (regularisation, training against validation), and a table of
 * the final numbers.
 *
 * The kit's TrainerLifecycle runs Start/Stop, data-state, the status line and errors; the handle it
 * holds stands for whichever run is going. For tests and assistive technology: `data-state`, the
 * `role="status"` line (the final accuracies or gaps in words), `data-runs-done` (finished runs).
 */
import { epochsElapsed } from '../../lib/format/progress.ts';
import { BACKEND_LABELS, type BackendName } from '../../lib/runtime/backends.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { accuracyFrame } from '../../viz/epoch-frames.ts';
import type { BuilderRunHandle } from '../../workers/builder/client.ts';
import type { BuilderFromWorker } from '../../workers/builder/protocol.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { TrainerLifecycle } from '../shared/trainer.ts';
import { dataPlanOf, overlaid, presetOf, runsOf, SEED, SETTINGS, type ComparedRun, type DataSizes, type Preset } from './config.ts';
import { compareMarkup, idleStatus, type PresetSettings } from './markup.ts';
import { doneStatus, emptyResult, epochStatus, resultsTableMarkup, runStartStatus, type RunResult } from './results.ts';

/** The run going now (Stop and teardown reach it through this). */
interface Sequence {
  current: BuilderRunHandle | null;
  stop(): void;
}

export class RunCompareElement extends HTMLElement {
  private life: TrainerLifecycle<Sequence> | null = null;
  private charts: LineChart[] = [];
  private preset: Preset = presetOf(this.getAttribute('preset'));
  /** The backends the runs trained on (a run may fall back to another). */
  private backends = new Set<BackendName>();

  connectedCallback(): void {
    if (this.life) return;
    this.preset = presetOf(this.getAttribute('preset'));
    if (!this.querySelector('[data-part="root"]')) {
      const settings = settingsFromAttributes(SETTINGS[this.preset.id], this);
      this.innerHTML = compareMarkup(this.preset, settings, idleStatus(this.preset, settings));
    }
    this.life = new TrainerLifecycle<Sequence>(this, {
      onStart: () => void this.start(),
      release: (sequence) => {
        const run = sequence.current;
        sequence.current = null;
        run?.dispose();
      },
      stoppingText: 'Stopping after this batch…',
    });
    // Before a run, the empty axes follow the epochs chosen.
    part(this, 'settings').addEventListener('change', () => {
      if (this.charts.length > 0 || this.life?.busy) return;
      const settings = this.settings();
      for (const host of this.chartHosts()) host.querySelector('.tk-compare__chart')!.innerHTML = accuracyFrame({ epochs: settings.epochs });
      part(this, 'status').textContent = idleStatus(this.preset, settings);
    });
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.destroyCharts();
  }

  private settings(): PresetSettings {
    return readForm(SETTINGS[this.preset.id], part(this, 'settings'));
  }

  private sizes(): DataSizes {
    const num = (name: string) => (this.hasAttribute(name) ? Number(this.getAttribute(name)) : undefined);
    const validationCount = num('data-validation-count');
    const testLimit = num('data-test-limit');
    return { ...(validationCount !== undefined ? { validationCount } : {}), ...(testLimit !== undefined ? { testLimit } : {}) };
  }

  private chartHosts(): HTMLElement[] {
    return overlaid(this.preset) ? [part(this, 'chart-all')] : this.preset.runs.map((r) => part(this, `chart-${r.id}`));
  }

  private destroyCharts(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }

  private async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const preset = this.preset;
    const settings = this.settings();
    const runs = runsOf(preset, settings);
    const data = dataPlanOf(preset, settings, this.sizes());
    const mods = await life.load(id, () => Promise.all([import('../../workers/builder/client.ts'), import('../../viz/epoch-charts.ts')]));
    if (!mods) return;
    const [{ startBuilderRun }, { accuracyChart }] = mods;

    // The live charts take the place of the empty axes.
    this.destroyCharts();
    const hosts = this.chartHosts();
    if (overlaid(preset)) {
      const series = runs.map((r) => ({ id: r.id, label: r.name, color: r.color, dashed: r.dashed, markers: true }));
      hosts[0]!.replaceChildren();
      this.charts = [accuracyChart(hosts[0]!, settings.epochs, series)];
    } else {
      this.charts = runs.map((r, i) => {
        hosts[i]!.replaceChildren();
        return accuracyChart(hosts[i]!, settings.epochs, [
          { id: 'train', label: 'training', color: r.color, dashed: true, markers: true },
          { id: 'val', label: 'validation', color: r.color, markers: true },
        ]);
      });
    }
    const results: RunResult[] = [];
    this.backends.clear();
    this.dataset.runsDone = '0';
    this.renderTable(runs, results);

    const sequence: Sequence = {
      current: null,
      stop: () => sequence.current?.stop(),
    };
    life.attach(sequence);
    const startRun = (i: number): void => {
      sequence.current?.dispose();
      sequence.current = null;
      if (i === runs.length) {
        const on = [...this.backends].map((b) => BACKEND_LABELS[b]).join(' and ');
        life.finish(`${doneStatus(preset, runs, results, data.trainLimit)}${on ? ` Trained on ${on}.` : ''}`, 'done');
        return;
      }
      results[i] = emptyResult();
      life.running(runStartStatus(i, runs));
      const request = { spec: runs[i]!.spec, data, seed: SEED, backend: settings.backend, dataUrl: datasetUrl(), save: false };
      sequence.current = startBuilderRun(
        request,
        life.listen(id, (m: BuilderFromWorker) => this.onMessage(m, i, runs, results, settings.epochs, () => startRun(i + 1))),
      );
    };
    startRun(0);
  }

  private onMessage(m: BuilderFromWorker, i: number, runs: ComparedRun[], results: RunResult[], epochs: number, next: () => void): void {
    const life = this.life!;
    const result = results[i]!;
    const total = runs.length * epochs;
    switch (m.type) {
      case 'download':
        life.download(m.file, m.loaded, m.total);
        return;
      case 'metrics':
        life.running();
        if (!life.stopping) life.progress?.show('Training', i * epochs + epochsElapsed(m), total);
        return;
      case 'epoch': {
        const point = { epoch: m.epoch + 1, trainAccuracy: m.trainAccuracy, valAccuracy: m.valAccuracy, valLoss: m.valLoss };
        result.epochs.push(point);
        result.seconds = m.seconds;
        if (overlaid(this.preset)) {
          if (m.valAccuracy !== null) this.charts[0]?.add(runs[i]!.id, { x: point.epoch, y: m.valAccuracy });
        } else {
          this.charts[i]?.add('train', { x: point.epoch, y: m.trainAccuracy });
          if (m.valAccuracy !== null) this.charts[i]?.add('val', { x: point.epoch, y: m.valAccuracy });
        }
        this.renderTable(runs, results);
        life.running(epochStatus(i, runs, point, epochs));
        if (!life.stopping) life.progress?.show('Training', i * epochs + point.epoch, total);
        return;
      }
      case 'done':
        result.testAccuracy = m.testAccuracy;
        result.seconds = m.seconds;
        this.renderTable(runs, results);
        if (m.stopped) {
          life.finish(`Stopped during run ${i + 1} of ${runs.length} (${runs[i]!.name}); the table keeps what finished.`, 'idle');
          return;
        }
        this.dataset.runsDone = String(i + 1);
        next();
        return;
      case 'error':
        life.fail({ title: `Run ${i + 1} (${runs[i]!.name}) failed`, message: m.message, hint: m.hint });
        return;
      case 'backend':
        this.backends.add(m.backend);
        return;
      default:
        return; // phase, saved: nothing to show beyond the status
    }
  }

  private renderTable(runs: ComparedRun[], results: RunResult[]): void {
    part(this, 'results').innerHTML = resultsTableMarkup(this.preset, runs, results);
  }
}

if (!customElements.get('tk-run-compare')) customElements.define('tk-run-compare', RunCompareElement);
