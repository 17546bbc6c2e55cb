/**
 * The lifecycle every training widget shares, in one small controller: a widget creates one
 * `TrainerLifecycle` in its connectedCallback and keeps only its markup, its settings and its
 * charts. The controller owns
 *
 *  - `data-state` on the host (idle | loading | running | done | error) and the Start/Stop/settings
 *    controls (RunControls: focus follows the run), the `role="status"` line, the progress bar
 *    (optional) and the error panel;
 *  - the run id: every start, stop-before-start, failure and teardown makes older runs stale, so a
 *    late message or a late `import()` of a stopped or removed run changes nothing (`listen`, `load`);
 *  - the run's handle (a worker client) and freeing it (`release`), once, however the run ends;
 *  - Stop: before the worker starts it forgets the run ("Stopped before training began"), after it
 *    asks the worker to stop and says so;
 *  - download progress in bytes over several files, with the finished download announced;
 *  - teardown when the widget leaves the page ("Stopped: the widget was removed from the page").
 *
 * A run, as a widget writes it (see src/widgets/example-trainer/element.ts):
 *
 *   const id = life.begin();                        // null while a run is going
 *   if (id === null) return;
 *   const mods = await life.load(id, () => import('…'), (err) => life.fail({ … }));
 *   if (!mods) return;                              // failed, stopped or removed meanwhile
 *   life.attach(mods.start(config, life.listen(id, (m) => this.onMessage(m))));
 *   // …on the last message: life.finish('Test accuracy 97.1% after 4 epochs', 'done') or life.fail({ … })
 */
import { errorText } from '../../lib/format/error-text.ts';
import { sumDownloads } from '../../lib/format/progress.ts';
import { downloadStatus } from '../../lib/format/status.ts';
import { clearError, showError, type ErrorAction } from './error-panel.ts';
import { part } from './html.ts';
import { ProgressBar } from './progress.ts';
import { RunControls } from './run-controls.ts';
import { StatusLine } from './status.ts';

/** The one state type of every widget, reflected in its `data-state` attribute. */
export type TrainerState = 'idle' | 'loading' | 'running' | 'done' | 'error';

/** What a run's handle must offer: a polite stop (the run then ends with its last message). */
export interface RunHandle {
  stop(): void;
}

/** The usual `release` for a handle that can also be disposed (a tfjs worker client): stop it, then dispose of it, even if stopping throws. */
export function stopAndDispose(handle: RunHandle & { dispose(): void }): void {
  try {
    handle.stop();
  } finally {
    handle.dispose();
  }
}

export interface TrainerOptions<H extends RunHandle> {
  /** What the Start button does (usually the widget's own `start()`). */
  onStart: () => void;
  /** Frees a handle for good (terminate the worker). Called once per handle, however the run ends. */
  release: (handle: H) => void;
  /** Status while a stop is under way (default "Stopping…"). */
  stoppingText?: string;
  /** Status while the code loads (default "Loading the training code…"). */
  loadingText?: string;
  /** What is downloaded, for the status line (default "MNIST"). */
  downloadLabel?: string;
  /** Called after every state change (e.g. to disable a Reset button while busy). */
  onState?: (state: TrainerState) => void;
  /** Called whenever the controls become usable again (e.g. to re-derive dependent controls). */
  onIdle?: () => void;
}

export interface FailDetails {
  title: string;
  message: string;
  hint?: string;
  actions?: ErrorAction[];
  /** The status sentence; default `Error: <title>. <message>`. */
  status?: string;
}

export const REMOVED_STATUS = 'Stopped: the widget was removed from the page';
export const STOPPED_EARLY_STATUS = 'Stopped before training began';

/** What a trainer says when its training code cannot be loaded (a lost connection, a new deployment). */
export function loadFailure(err: unknown): FailDetails & { hint: string } {
  return {
    title: 'Training failed',
    message: `The page could not load its training code (${errorText(err)}).`,
    hint: 'Check your connection, then reload the page and press Start again.',
  };
}

export class TrainerLifecycle<H extends RunHandle> {
  readonly controls: RunControls;
  readonly status: StatusLine;
  /** Null when the markup has no `data-part="progress"`. */
  readonly progress: ProgressBar | null;
  readonly errorPanel: HTMLElement;
  private runId = 0;
  private current: H | null = null;
  private stopRequested = false;
  private readonly downloads = new Map<string, { loaded: number; total: number | null }>();

  /** Finds the parts under `host` (settings, start, stop, status, error, and progress if present) and wires Start and Stop. */
  constructor(
    readonly host: HTMLElement,
    private readonly options: TrainerOptions<H>,
  ) {
    const start = part<HTMLButtonElement>(host, 'start');
    const stop = part<HTMLButtonElement>(host, 'stop');
    this.controls = new RunControls(part<HTMLFieldSetElement>(host, 'settings'), start, stop);
    this.status = new StatusLine(part(host, 'status'));
    const progress = host.querySelector<HTMLElement>('[data-part="progress"]');
    this.progress = progress ? new ProgressBar(progress) : null;
    this.errorPanel = part(host, 'error');
    start.addEventListener('click', () => options.onStart());
    stop.addEventListener('click', () => this.stop());
    if (!host.dataset.state) this.setState('idle');
  }

  get state(): TrainerState {
    return (this.host.dataset.state as TrainerState | undefined) ?? 'idle';
  }

  /** Loading or running. */
  get busy(): boolean {
    return this.state === 'loading' || this.state === 'running';
  }

  /** Stop was pressed in this run. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  /** The running handle, or null before the worker starts and after the run ends. */
  get handle(): H | null {
    return this.current;
  }

  setState(state: TrainerState): void {
    this.host.dataset.state = state;
    this.options.onState?.(state);
  }

  /**
   * Moves to `running` unless already there. With `text` (unless a stop was asked): the status line
   * says it, at once on the move to running (so "Loading…" does not linger), thinned out after.
   */
  running(text?: string): void {
    const moving = this.state !== 'running';
    if (moving) this.setState('running');
    if (text === undefined || this.stopping) return;
    if (moving) this.status.announce(text);
    else this.status.update(text);
  }

  /** Whether `id` is still the current run and the widget still on the page. */
  isCurrent(id: number): boolean {
    return id === this.runId && this.host.isConnected;
  }

  /**
   * Starts a run: `loading`, controls busy, error cleared, "Loading…" said and shown.
   * Returns the run's id, or null when a run is already going (then nothing changes).
   */
  begin(options: { focusStop?: boolean } = {}): number | null {
    if (this.busy || this.current) return null;
    const id = ++this.runId;
    this.stopRequested = false;
    this.downloads.clear();
    this.setState('loading');
    this.controls.busy(options.focusStop ?? false);
    clearError(this.errorPanel);
    this.status.announce(this.options.loadingText ?? 'Loading the training code…');
    this.progress?.show('Loading', 0, null);
    return id;
  }

  /**
   * Loads the run's code. Resolves to the modules, or to null when the run is no longer current
   * (stopped or removed meanwhile) or the import failed: then, for a current run, `onError` runs,
   * by default failing with `loadFailure`.
   */
  async load<T>(id: number, importer: () => Promise<T>, onError: (err: unknown) => void = (err) => this.fail(loadFailure(err))): Promise<T | null> {
    try {
      const modules = await importer();
      return this.isCurrent(id) ? modules : null;
    } catch (err) {
      if (id === this.runId) onError(err);
      return null;
    }
  }

  /** Wraps a message handler so that it only hears the run `id` (messages of stale runs are dropped). */
  listen<M>(id: number, handler: (m: M) => void): (m: M) => void {
    return (m) => {
      if (id === this.runId) handler(m);
    };
  }

  /** The run's worker has started: keep its handle (Stop and teardown use it). */
  attach(handle: H): void {
    this.current = handle;
  }

  /** What Stop does: forget a run still loading, or ask the worker to stop after its current step. */
  stop(): void {
    if (!this.busy) return;
    if (!this.current) {
      this.runId++;
      this.backToIdle(STOPPED_EARLY_STATUS);
      return;
    }
    this.stopRequested = true;
    this.controls.stopping();
    this.status.announce(this.options.stoppingText ?? 'Stopping…');
    this.current.stop();
  }

  /** One file's download progress: the bar shows the sum over files; the end of the download is announced. */
  download(file: string, loaded: number, total: number | null): void {
    this.downloads.set(file, { loaded, total });
    const sum = sumDownloads(this.downloads.values());
    this.progress?.show('Download', sum.loaded, sum.total);
    const text = downloadStatus(this.options.downloadLabel ?? 'MNIST', sum.loaded, sum.total);
    if (sum.total !== null && sum.loaded >= sum.total) this.status.announce(text);
    else if (!this.stopRequested) this.status.update(text);
  }

  /** The run ended (its last message): `done`, or `idle` when it was stopped. Start becomes "Train again". */
  finish(statusText: string, state: 'done' | 'idle'): void {
    this.releaseHandle();
    this.progress?.hide();
    this.controls.idle();
    this.options.onIdle?.();
    this.controls.start.textContent = 'Train again';
    this.status.announce(statusText);
    this.setState(state);
  }

  /** The run failed: anything it still sends is ignored, the error is said and shown, Start becomes "Start again". */
  fail(details: FailDetails): void {
    this.runId++;
    this.releaseHandle();
    this.progress?.hide();
    this.controls.idle();
    this.options.onIdle?.();
    this.setState('error');
    this.status.announce(details.status ?? `Error: ${details.title}. ${details.message}`);
    const { title, message, hint, actions } = details;
    showError(this.errorPanel, { title, message, ...(hint ? { hint } : {}), ...(actions ? { actions } : {}) });
    this.controls.start.textContent = 'Start again';
  }

  /** Call from disconnectedCallback: the run ends at once and the worker is freed. */
  disconnect(): void {
    this.runId++;
    this.releaseHandle();
    if (this.busy) this.backToIdle(REMOVED_STATUS);
  }

  /** Ends any run quietly (no status change): for a widget that resets itself. */
  abandon(): void {
    this.runId++;
    this.releaseHandle();
  }

  private backToIdle(text: string): void {
    this.controls.idle();
    this.options.onIdle?.();
    this.progress?.hide();
    this.status.announce(text);
    this.setState('idle');
  }

  private releaseHandle(): void {
    const handle = this.current;
    this.current = null;
    if (handle) this.options.release(handle);
  }
}
