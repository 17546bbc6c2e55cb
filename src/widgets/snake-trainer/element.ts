/**
 * <tk-snake-trainer>: tabular Q-learning on Snake (3×3 by default) in a worker, with sliders
 * for η, γ, the ε schedule and the rewards, live curves of the greedy win rate on the fixed
 * evaluation games and of the average game length, the states discovered, the exact optimum
 * (3×3) and a Q-table inspector.
 *
 * The static markup comes from SnakeTrainer.astro. This module stays tiny: the settings logic,
 * the worker client, d3 charts and the board drawing load with `import()` when Start is pressed.
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
import { clearError, showError } from '../shared/error-panel.ts';
import { part } from '../shared/html.ts';
import { ProgressBar } from '../shared/progress.ts';
import { RunControls } from '../shared/run-controls.ts';
import { StatusLine } from '../shared/status.ts';

export type SnakeTrainerState = 'idle' | 'loading' | 'running' | 'done' | 'error';

type Modules = {
  config: typeof import('./config.ts');
  client: typeof import('../../workers/rl/client.ts');
  live: typeof import('./live-view.ts');
};

interface Run {
  id: number;
  stopping: boolean;
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

export class SnakeTrainerElement extends HTMLElement {
  private controls: RunControls | null = null;
  private status: StatusLine | null = null;
  private progress: ProgressBar | null = null;
  private handle: RlTrainingHandle | null = null;
  private live: InstanceType<Modules['live']['LiveView']> | null = null;
  private inspector: InstanceType<Modules['live']['Inspector']> | null = null;
  private run: Run | null = null;
  /** Increases with every start and teardown; messages of older runs are ignored. */
  private runId = 0;
  /** The optimum note as rendered at build time (Reset restores it). */
  private optimumText = '';

  connectedCallback(): void {
    if (!this.controls) {
      this.controls = new RunControls(part<HTMLFieldSetElement>(this, 'settings'), part<HTMLButtonElement>(this, 'start'), part<HTMLButtonElement>(this, 'stop'));
      this.status = new StatusLine(part(this, 'status'));
      this.progress = new ProgressBar(part(this, 'progress'));
      this.optimumText = part(this, 'optimum').textContent ?? '';
      part(this, 'start').addEventListener('click', () => void this.start());
      part(this, 'stop').addEventListener('click', () => this.stop());
      part(this, 'reset').addEventListener('click', () => this.reset());
      // Each slider shows its value beside its label.
      part(this, 'settings').addEventListener('input', (event) => {
        const input = event.target;
        if (input instanceof HTMLInputElement && input.type === 'range') this.showSliderValue(input);
      });
    }
    if (!this.dataset.state) this.setState('idle');
  }

  disconnectedCallback(): void {
    this.teardown();
    if (this.state === 'loading' || this.state === 'running') {
      this.controls?.idle();
      this.progress?.hide();
      this.status?.announce('Stopped: the widget was removed from the page');
      this.setState('idle');
    }
  }

  get state(): SnakeTrainerState {
    return (this.dataset.state as SnakeTrainerState | undefined) ?? 'idle';
  }

  private setState(state: SnakeTrainerState): void {
    this.dataset.state = state;
    const reset = this.querySelector<HTMLButtonElement>('[data-part="reset"]');
    if (reset) reset.disabled = state === 'loading' || state === 'running';
  }

  private showSliderValue(input: HTMLInputElement): void {
    const out = this.querySelector(`[data-part="${input.name}-value"]`);
    if (!out) return;
    const digits = Number(input.dataset.digits ?? '2');
    const v = Number(input.value);
    out.textContent = digits === 0 ? v.toLocaleString('en-US') : v.toFixed(digits);
  }

  /** Frees the worker, the charts and the inspector; messages of the old run are ignored. */
  private teardown(): void {
    this.runId++;
    this.handle?.terminate();
    this.handle = null;
    this.live?.destroy();
    this.live = null;
    this.inspector?.destroy();
    this.inspector = null;
    this.run = null;
  }

  /** Raw form values, read when a run starts. */
  private formValues(): Record<string, string> {
    const values: Record<string, string> = {};
    for (const el of part<HTMLFieldSetElement>(this, 'settings').querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
      values[el.name] = el.value;
    }
    return values;
  }

  /** What the Start button does. */
  async start(): Promise<void> {
    const controls = this.controls;
    const status = this.status;
    const progress = this.progress;
    if (!controls || !status || !progress || this.state === 'loading' || this.state === 'running') return;
    this.teardown();
    const id = this.runId;
    this.setState('loading');
    controls.busy();
    clearError(part(this, 'error'));
    part(this, 'summary').hidden = true;
    for (const key of ['winRate', 'statesSeen', 'episodes', 'trainingMs', 'timeTo99']) delete this.dataset[key];
    status.announce('Loading the training code…');
    progress.show('Loading', 0, null);

    let modules: Modules;
    try {
      const [config, client, live] = await Promise.all([import('./config.ts'), import('../../workers/rl/client.ts'), import('./live-view.ts')]);
      modules = { config, client, live };
    } catch (err) {
      if (id !== this.runId) return;
      this.fail('unknown', `The page could not load its training code (${err instanceof Error ? err.message : String(err)}). Check your connection, reload the page and press Start again.`);
      return;
    }
    if (id !== this.runId || !this.isConnected) return;

    const settings = modules.config.settingsFromValues(this.formValues());
    const config = modules.config.buildRlConfig(settings);
    this.run = {
      id,
      stopping: false,
      maxMs: config.maxTrainingMs,
      reachable: settings.size === 3 ? modules.config.REACHABLE_3X3 : null,
      winRate: 0,
      trainingMs: 0,
      episodes: 0,
      statesSeen: 0,
      reached99: null,
    };
    const charts = part(this, 'charts');
    charts.hidden = false;
    this.live = new modules.live.LiveView(charts, settings.seconds);
    this.inspector = new modules.live.Inspector(part(this, 'inspector'));
    part(this, 'optimum').textContent =
      settings.size === 3 ? 'Computing the exact optimum by value iteration…' : `The exact optimum is not computed for ${settings.size} × ${settings.size}: far too many states.`;
    this.handle = modules.client.startRlTraining(config, (m) => this.onMessage(id, m, modules));
  }

  /** What the Stop button does: the run ends after its current slice, keeping what it learned. */
  stop(): void {
    const run = this.run;
    if (!this.controls || !this.status || !(this.state === 'loading' || this.state === 'running')) return;
    if (!this.handle || !run) {
      // Still loading the training code: forget the run.
      this.teardown();
      this.controls.idle();
      this.progress?.hide();
      this.status.announce('Stopped before training began');
      this.setState('idle');
      return;
    }
    run.stopping = true;
    this.controls.stopping();
    this.status.announce('Stopping…');
    this.handle.stop();
  }

  /** What the Reset button does: settings back to their defaults, results cleared. */
  reset(): void {
    if (this.state === 'loading' || this.state === 'running') return;
    this.teardown();
    for (const el of part<HTMLFieldSetElement>(this, 'settings').querySelectorAll<HTMLInputElement>('input[type="range"]')) {
      el.value = el.defaultValue;
      this.showSliderValue(el);
    }
    for (const el of part<HTMLFieldSetElement>(this, 'settings').querySelectorAll<HTMLSelectElement>('select')) {
      const selected = [...el.options].find((o) => o.defaultSelected);
      if (selected) el.value = selected.value;
    }
    part(this, 'charts').hidden = true;
    part(this, 'charts').replaceChildren();
    part(this, 'summary').hidden = true;
    part(this, 'optimum').textContent = this.optimumText;
    clearError(part(this, 'error'));
    part(this, 'start').textContent = 'Start training';
    for (const key of ['winRate', 'statesSeen', 'episodes', 'trainingMs', 'timeTo99']) delete this.dataset[key];
    this.status?.announce(IDLE_AFTER_RESET);
    this.setState('idle');
  }

  private onMessage(id: number, m: RlFromWorker, modules: Modules): void {
    const run = this.run;
    const status = this.status;
    if (id !== this.runId || !run || !status) return;
    const { config } = modules;
    switch (m.type) {
      case 'optimum':
        run.reachable = m.states;
        this.live?.setOptimum(m.winProbability);
        part(this, 'optimum').textContent =
          `The exact optimum, found by value iteration over all ${m.states.toLocaleString('en-US')} reachable states in ` +
          `${Math.max(1, Math.round(m.millis))} ms, wins ${(m.winProbability * 100).toFixed(1)}% of games: the dashed line.`;
        break;

      case 'progress': {
        if (this.state === 'loading') this.setState('running');
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
        this.progress?.show('Training', m.trainingMs, run.maxMs);
        if (!run.stopping) status.update(config.progressStatus(run));
        break;
      }

      case 'done':
        this.finish(run, m, modules);
        break;

      case 'error':
        this.fail(m.code, m.message);
        break;
    }
  }

  private finish(run: Run, m: Extract<RlFromWorker, { type: 'done' }>, { config }: Modules): void {
    const stopped = m.stopped;
    this.handle = null;
    this.progress?.hide();
    this.controls?.idle();
    part(this, 'start').textContent = 'Train again';
    this.status?.announce(config.finalStatus(run, stopped));
    const summary = part(this, 'summary');
    const facts = [
      run.reached99
        ? config.milestoneSentence(0.99, run.reached99.trainingMs, run.reached99.episodes)
        : 'The greedy win rate did not reach 99% in this run.',
    ];
    if (m.reachedTarget) facts.push('Training stopped as soon as the greedy win rate reached the target chosen under “Stop early at”.');
    summary.textContent = facts.join(' ');
    summary.hidden = false;
    this.setState(stopped ? 'idle' : 'done');
  }

  private fail(code: 'config' | 'unknown', message: string): void {
    this.runId++;
    this.handle?.terminate();
    this.handle = null;
    this.progress?.hide();
    this.controls?.idle();
    this.setState('error');
    this.status?.announce(`Error: ${ERROR_TITLES[code]}. ${message}`);
    showError(part(this, 'error'), { title: ERROR_TITLES[code], message, hint: 'Change the settings or press Start to try again.' });
    part(this, 'start').textContent = 'Start again';
  }
}

if (!customElements.get('tk-snake-trainer')) customElements.define('tk-snake-trainer', SnakeTrainerElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-snake-trainer': SnakeTrainerElement;
  }
}
