/**
 * <tk-example-trainer>: the smallest training widget on the kit, to copy (see src/widgets/README.md).
 * The kit's TrainerLifecycle runs data-state, Start/Stop, the status line, errors and teardown;
 * this element only reads its settings, starts the run and says what the messages mean.
 */
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { TrainerLifecycle } from '../shared/trainer.ts';
import { chartFrame } from '../../viz/chart-frame.ts';
import type { LineChart } from '../../viz/line-chart.ts';
import { SETTINGS, exampleMarkup, lossChartOptions } from './config.ts';
import type { FitMessage } from './fit.ts';

export class ExampleTrainerElement extends HTMLElement {
  private life: TrainerLifecycle<{ stop(): void }> | null = null;
  private chart: LineChart | null = null;

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = exampleMarkup(settingsFromAttributes(SETTINGS, this));
    this.life = new TrainerLifecycle(this, { onStart: () => void this.start(), release: (run) => run.stop() });
    // The figure follows the settings: the empty loss axes span the epochs chosen, until a run draws the real chart.
    part(this, 'settings').addEventListener('change', () => {
      if (!this.chart) part(this, 'chart').innerHTML = chartFrame(lossChartOptions(readForm(SETTINGS, part(this, 'settings')).epochs));
    });
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.chart?.destroy();
    this.chart = null;
  }

  /** What Start does. */
  async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const settings = readForm(SETTINGS, part(this, 'settings'));
    // Heavy code (tfjs, a worker client, d3) is imported only now; a failure is shown in words.
    const mods = await life.load(id, () => Promise.all([import('./fit.ts'), import('../../viz/line-chart.ts')]));
    if (!mods) return;
    const [fit, { LineChart }] = mods;
    // The live chart takes the place of the empty one drawn in the markup.
    const host = part(this, 'chart');
    host.replaceChildren();
    this.chart?.destroy();
    const chart = new LineChart(host, {
      ...lossChartOptions(settings.epochs),
      series: [{ id: 'loss', label: 'loss', color: 'var(--tk-series-1, #2f7fd8)' }],
    });
    this.chart = chart;
    life.attach(
      fit.startFit(
        settings,
        life.listen(id, (m: FitMessage) => this.onMessage(m, settings.epochs, chart)),
      ),
    );
  }

  private onMessage(m: FitMessage, epochs: number, chart: LineChart): void {
    const life = this.life!;
    if (m.type === 'progress') {
      chart.add('loss', { x: m.epoch, y: m.loss });
      life.running(`Training: epoch ${m.epoch} of ${epochs} · loss ${m.loss.toFixed(4)}`);
      life.progress?.show('Training', m.epoch, epochs);
      return;
    }
    chart.add('loss', { x: m.epochs, y: m.loss });
    const line = `y = ${m.w.toFixed(2)}x + ${m.b.toFixed(2)} (loss ${m.loss.toFixed(4)})`;
    if (m.stopped) life.finish(`Stopped after ${m.epochs} epochs: ${line}`, 'idle');
    else life.finish(`Fitted ${line} after ${m.epochs} epochs`, 'done');
  }
}

if (!customElements.get('tk-example-trainer')) customElements.define('tk-example-trainer', ExampleTrainerElement);
