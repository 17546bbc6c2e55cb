/**
 * <tk-snake-trainer>: tabular Q-learning on Snake (3×3 by default) in a worker, with sliders
 * for η, γ, the ε schedule and the rewards, live curves of the greedy win rate on the fixed
 * evaluation games and of the average game length, the states discovered, the exact optimum
 * (3×3) and a Q-table inspector.
 *
 * The static markup comes from SnakeTrainer.astro. The run's lifecycle is the kit's
 * (src/widgets/shared/trainer.ts); this module adds the sliders, Reset, the charts and the
 * inspector. It stays tiny: the settings logic, the worker client, d3 charts and the board
 * drawing load with `import()` when Start is pressed.
 *
 * For tests and assistive technology:
 *  - `data-state`: idle | loading | running | done | error;
 *  - the `role="status"` line, e.g. "Greedy win rate 99.6% after 0.8 s of training (12,345
 *    episodes); 1,987 of 2,040 states seen";
 *  - `dataset.winRate` ("0.9960"), `dataset.statesSeen`, `dataset.episodes`, `dataset.trainingMs`,
 *    and `dataset.timeTo99` (attribute data-time-to99: training ms when the greedy win rate first reached 99%).
 */
import type { RlFromWorker } from '../../workers/rl/protocol.ts';
import type { RlTrainingHandle } from '../../workers/rl/client.ts';
import { clearError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { TrainerLifecycle, type TrainerState } from '../shared/trainer.ts';

export type SnakeTrainerState = TrainerState;

type Modules = {
  config: typeof import('./config.ts');
  client: typeof import('../../workers/rl/client.ts');
  live: typeof import('./live-view.ts');
};

interface Run {
  maxMs: number;
  reachable: number | null;
  /** Latest figures. */
  winRate: number;
  trainingMs: number;
  episodes: number;
  statesSeen: number;
  reached99: { trainingMs: number; episodes: number } | null;
}

const ERROR_TITLES: Record<'config' | 'unknown', string> = {
  config: 'These settings cannot be trained',
  unknown: 'Training failed',
};

const IDLE_AFTER_RESET = 'Ready. Settings are back to their defaults; press Start training.';
const FIGURES = ['winRate', 'statesSeen', 'episodes', 'trainingMs', 'timeTo99'];

export class SnakeTrainerElement extends HTMLElement {
  private life: TrainerLifecycle<RlTrainingHandle> | null = null;
  private live: InstanceType<Modules['live']['LiveView']> | null = null;
  private inspector: InstanceType<Modules['live']['Inspector']> | null = null;
  private run: Run | null = null;
  /** The optimum note and the empty charts as rendered at build time (Reset restores them). */
  private optimumText = '';
  private figureHtml = '';
  private sampleHtml = '';

  connectedCallback(): void {
    if (this.life) return;
    this.optimumText = part(this, 'optimum').textContent ?? '';
    this.figureHtml = part(this, 'charts').innerHTML;
    this.sampleHtml = part(this, 'sample').innerHTML;
    this.life = new TrainerLifecycle<RlTrainingHandle>(this, {
      onStart: () => void this.start(),
      release: (h) => h.terminate(),
      onState: (state) => {
        const reset = this.querySelector<HTMLButtonElement>('[data-part="reset"]');
        if (reset) reset.disabled = state === 'loading' || state === 'running';
      },
    });
    part(this, 'reset').addEventListener('click', () => this.reset());
    // Each slider shows its value beside its label.
    part(this, 'settings').addEventListener('input', (event) => {
      const input = event.target;
      if (input instanceof HTMLInputElement && input.type === 'range') this.showSliderValue(input);
    });
    // Before a run, the empty charts follow the chosen training time, stop-early target and board.
    part(this, 'settings').addEventListener('change', (event) => {
      if (event.target instanceof HTMLSelectElement && !this.run && !this.life?.busy) void this.redrawFigure();
    });
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    this.freeViews();
  }

  get state(): SnakeTrainerState {
    return this.life?.state ?? 'idle';
  }

  private showSliderValue(input: HTMLInputElement): void {
    const out = this.querySelector(`[data-part="${input.name}-value"]`);
    if (!out) return;
    const digits = Number(input.dataset.digits ?? '2');
    const v = Number(input.value);
    out.textContent = digits === 0 ? v.toLocaleString('en-US') : v.toFixed(digits);
  }

  /** The figure before a run, drawn for the settings in the form. */
  private async redrawFigure(): Promise<void> {
    const [config, markup] = await Promise.all([import('./config.ts'), import('./markup.ts')]);
    if (this.run || this.life?.busy) return;
    const settings = config.settingsFromForm(part(this, 'settings'));
    part(this, 'charts').innerHTML = markup.trainerFigureMarkup(settings);
    part(this, 'sample').innerHTML = markup.sampleMarkup(settings.size);
  }

  /** Frees the charts and the inspector of the last run. */
  private freeViews(): void {
    this.live?.destroy();
    this.live = null;
    this.inspector?.destroy();
    this.inspector = null;
    this.run = null;
  }

  /** What the Start button does. */
  async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    this.freeViews();
    part(this, 'summary').hidden = true;
    for (const key of FIGURES) delete this.dataset[key];

    const modules = await life.load(id, async (): Promise<Modules> => {
      const [config, client, live] = await Promise.all([import('./config.ts'), import('../../workers/rl/client.ts'), import('./live-view.ts')]);
      return { config, client, live };
    });
    if (!modules) return;

    const settings = modules.config.settingsFromForm(part(this, 'settings'));
    const config = modules.config.buildRlConfig(settings);
    const run: Run = {
      maxMs: config.maxTrainingMs,
      reachable: settings.size === 3 ? modules.config.REACHABLE_3X3 : null,
      winRate: 0,
      trainingMs: 0,
      episodes: 0,
      statesSeen: 0,
      reached99: null,
    };
    this.run = run;
    const charts = part(this, 'charts');
    part(this, 'sample').hidden = true;
    this.live = new modules.live.LiveView(charts);
    this.inspector = new modules.live.Inspector(part(this, 'inspector'));
    part(this, 'optimum').textContent =
      settings.size === 3
        ? 'Computing the exact optimum by value iteration…'
        : `The exact optimum is not computed for ${settings.size} × ${settings.size}: far too many states.`;
    life.attach(
      modules.client.startRlTraining(
        config,
        life.listen(id, (m: RlFromWorker) => this.onMessage(run, m, modules)),
      ),
    );
  }

  /** What the Stop button does: the run ends after its current slice, keeping what it learned. */
  stop(): void {
    this.life?.stop();
  }

  /** What the Reset button does: settings back to their defaults, results cleared. */
  reset(): void {
    const life = this.life;
    if (!life || life.busy) return;
    life.abandon();
    this.freeViews();
    const settings = part<HTMLFieldSetElement>(this, 'settings');
    for (const el of settings.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
      el.value = el.defaultValue;
      this.showSliderValue(el);
    }
    for (const el of settings.querySelectorAll<HTMLSelectElement>('select')) {
      const selected = [...el.options].find((o) => o.defaultSelected);
      if (selected) el.value = selected.value;
    }
    // The figure as built: Reset brings the settings back to the ones it was drawn for.
    part(this, 'charts').innerHTML = this.figureHtml;
    part(this, 'sample').innerHTML = this.sampleHtml;
    part(this, 'sample').hidden = false;
    part(this, 'summary').hidden = true;
    part(this, 'optimum').textContent = this.optimumText;
    clearError(life.errorPanel);
    life.controls.start.textContent = 'Start training';
    for (const key of FIGURES) delete this.dataset[key];
    life.status.announce(IDLE_AFTER_RESET);
    life.setState('idle');
  }

  private onMessage(run: Run, m: RlFromWorker, { config }: Modules): void {
    const life = this.life;
    if (!life || run !== this.run) return;
    switch (m.type) {
      case 'optimum':
        run.reachable = m.states;
        this.live?.setOptimum(m.winProbability);
        part(this, 'optimum').textContent =
          `The exact optimum, found by value iteration over all ${m.states.toLocaleString('en-US')} reachable states in ` +
          `${Math.max(1, Math.round(m.millis))} ms, wins ${(m.winProbability * 100).toFixed(1)}% of games: the dashed line.`;
        break;

      case 'progress': {
        if (life.state === 'loading') life.setState('running');
        run.winRate = m.evaluation.winRate;
        run.trainingMs = m.trainingMs;
        run.episodes = m.episodes;
        run.statesSeen = m.statesSeen;
        if (!run.reached99 && m.evaluation.winRate >= 0.99) {
          run.reached99 = { trainingMs: m.trainingMs, episodes: m.episodes };
          this.dataset.timeTo99 = m.trainingMs.toFixed(0);
        }
        this.dataset.winRate = m.evaluation.winRate.toFixed(4);
        this.dataset.statesSeen = String(m.statesSeen);
        this.dataset.episodes = String(m.episodes);
        this.dataset.trainingMs = m.trainingMs.toFixed(0);
        this.live?.addProgress(m);
        this.inspector?.update(m.inspect);
        life.progress?.show('Training', m.trainingMs, run.maxMs);
        if (!life.stopping) life.status.update(config.progressStatus(run));
        break;
      }

      case 'done': {
        life.finish(config.finalStatus(run, m.stopped), m.stopped ? 'idle' : 'done');
        const facts = [
          run.reached99
            ? config.milestoneSentence(0.99, run.reached99.trainingMs, run.reached99.episodes)
            : 'The greedy win rate did not reach 99% in this run.',
        ];
        if (m.reachedTarget) facts.push('Training stopped as soon as the greedy win rate reached the target chosen under “Stop early at”.');
        const summary = part(this, 'summary');
        summary.textContent = facts.join(' ');
        summary.hidden = false;
        break;
      }

      case 'error':
        this.fail(m.code, m.message);
        break;
    }
  }

  private fail(code: 'config' | 'unknown', message: string): void {
    this.life?.fail({ title: ERROR_TITLES[code], message, hint: 'Change the settings or press Start to try again.' });
  }
}

if (!customElements.get('tk-snake-trainer')) customElements.define('tk-snake-trainer', SnakeTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-snake-trainer': SnakeTrainerElement;
  }
}
