/**
 * <tk-hyper-search>: random search with ASHA early stopping on N trial workers (src/workers/search/),
 * results in a sortable table linked to a parallel-coordinates plot. The kit's TrainerLifecycle runs
 * data-state, Start/Stop, the status line and teardown; the search's state and every decision are
 * pure (src/lib/search-hp/); this element relays events and draws. `data-running` holds the number
 * of trials training now and `data-most-running` the most at once (tests read them).
 */
import { accuracyDomain, moveAxis, moveAxisTo, passes, searchAxes, type AxisKey, type Filters, type Range } from '../../lib/search-hp/parallel.ts';
import type { SearchState, Trial } from '../../lib/search-hp/search.ts';
import { DEFAULT_SPACE, sampleTrials } from '../../lib/search-hp/space.ts';
import { computeSummary, searchSummary } from '../../lib/search-hp/summary.ts';
import { nextSort, sortTrials, type ColumnKey, type SortDirection } from '../../lib/search-hp/table.ts';
import { OPEN_IN_BUILDER_EVENT } from '../../lib/supervised/saved-model.ts';
import type { SearchEvent, SearchHandle } from '../../workers/search/client.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { TrainerLifecycle } from '../shared/trainer.ts';
import { ETA, SETTINGS, defaultWorkers } from './config.ts';
import { AXES, DEFAULT_ORDER, axisControlsMarkup, hyperSearchMarkup, openSpec, tableHeadMarkup, tableRowsMarkup } from './markup.ts';
import type { ParallelInteractions } from './parallel-plot.ts';
import { axesMarkup, linesMarkup } from './plot-svg.ts';

export class HyperSearchElement extends HTMLElement {
  private life: TrainerLifecycle<SearchHandle> | null = null;
  private state: SearchState | null = null;
  private maxEpochs = 9;
  private order: AxisKey[] = [...DEFAULT_ORDER];
  private filters: Filters = {};
  private sort: { key: ColumnKey; direction: SortDirection } = { key: 'id', direction: 'ascending' };
  private highlight: number | null = null;
  private interactions: ParallelInteractions | null = null;
  private axesKey = '';
  private frame = 0;
  private mostRunning = 0;
  private earlyStopping = true;
  /** When the first trial started (the bench reads data-search-ms: first trial to the end). */
  private searchStart: number | null = null;

  connectedCallback(): void {
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = hyperSearchMarkup(settingsFromAttributes(SETTINGS, this));
    this.life = new TrainerLifecycle<SearchHandle>(this, {
      onStart: () => void this.start(),
      release: (h) => h.dispose(),
      loadingText: 'Loading the search…',
      stoppingText: 'Stopping the search…',
    });
    // One worker per core (at most four), unless the page chose.
    if (!this.hasAttribute('data-workers')) {
      const select = part<HTMLSelectElement>(this, 'settings').querySelector<HTMLSelectElement>('select[name="workers"]');
      if (select) select.value = String(defaultWorkers(navigator.hardwareConcurrency));
    }
    part(this, 'thead').addEventListener('click', (e) => {
      const key = (e.target as Element).closest('[data-sort]')?.getAttribute('data-sort') as ColumnKey | null;
      if (!key) return;
      this.sort = nextSort(this.sort, key);
      part(this, 'thead').innerHTML = tableHeadMarkup(this.sort);
      part(this, 'thead').querySelector<HTMLButtonElement>(`[data-sort="${key}"]`)?.focus();
      this.renderTable();
    });
    const tbody = part(this, 'tbody');
    tbody.addEventListener('click', (e) => {
      const id = (e.target as Element).closest('[data-open]')?.getAttribute('data-open');
      if (id) this.open(Number(id));
    });
    const hover = (e: Event): void => this.setHighlight(Number((e.target as Element).closest('tr[data-trial]')?.getAttribute('data-trial')) || null);
    tbody.addEventListener('mouseover', hover);
    tbody.addEventListener('focusin', hover);
    tbody.addEventListener('mouseleave', () => this.setHighlight(null));
    tbody.addEventListener('focusout', () => this.setHighlight(null));
    part(this, 'open-best').addEventListener('click', () => {
      const best = this.state?.best();
      if (best) this.open(best.id);
    });
    const axisControls = part(this, 'axis-controls');
    axisControls.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('[data-move]');
      if (!button) return;
      const key = button.dataset['axis'] as AxisKey;
      const delta = Number(button.dataset['move']);
      this.order = moveAxis(this.order, key, delta);
      this.renderAll();
      // Keep the focus on the moved axis' button (or its other one at an end).
      const again = axisControls.querySelector<HTMLButtonElement>(`[data-axis="${key}"][data-move="${delta}"]`);
      (again && !again.disabled ? again : axisControls.querySelector<HTMLButtonElement>(`[data-axis="${key}"][data-move="${-delta}"]`))?.focus();
    });
    axisControls.addEventListener('change', (e) => {
      const input = (e.target as Element).closest<HTMLInputElement>('input[data-filter]');
      if (input) this.filterFromInputs(input.dataset['axis'] as AxisKey);
    });
    this.renderAll();
  }

  disconnectedCallback(): void {
    this.life?.disconnect();
    cancelAnimationFrame(this.frame);
  }

  private async start(): Promise<void> {
    const life = this.life;
    const id = life?.begin();
    if (!life || id == null) return;
    const s = readForm(SETTINGS, part(this, 'settings'));
    const mods = await life.load(id, () => Promise.all([import('../../workers/search/client.ts'), import('./parallel-plot.ts')]));
    if (!mods) return;
    const [client, { ParallelInteractions }] = mods;
    this.interactions ??= new ParallelInteractions(part(this, 'plot').querySelector('svg')!, {
      brushed: (key, range) => this.setFilter(key, range, true),
      moved: (key, to) => {
        this.order = moveAxisTo(this.order, key, to);
        this.renderAll();
      },
    });
    this.axesKey = '';
    this.maxEpochs = s.maxEpochs;
    this.mostRunning = 0;
    this.earlyStopping = s.earlyStopping;
    this.searchStart = null;
    delete this.dataset['searchMs'];
    part(this, 'compute').textContent = '';
    const trials = sampleTrials(DEFAULT_SPACE, s.trials, s.seed);
    const handle = client.startSearch(
      {
        worker: { dataset: 'mnist', dataUrl: datasetUrl(), trainLimit: s.trainLimit, validationCount: s.validationCount, backend: 'auto' },
        trials,
        maxEpochs: s.maxEpochs,
        eta: ETA,
        grace: s.earlyStopping ? 1 : s.maxEpochs,
        workers: s.workers,
        seed: s.seed,
      },
      life.listen(id, (e: SearchEvent) => this.onEvent(e)),
    );
    this.state = handle.state;
    life.attach(handle);
    this.renderAll();
  }

  private onEvent(e: SearchEvent): void {
    const life = this.life!;
    switch (e.type) {
      case 'phase':
        if (!life.stopping) life.status.update(e.message);
        return;
      case 'download':
        return life.download(e.file, e.loaded, e.total);
      case 'backend':
        this.dataset['backend'] = e.backend;
        return;
      case 'update': {
        const st = e.state;
        if (this.searchStart === null && st.concurrent > 0) this.searchStart = performance.now();
        this.mostRunning = Math.max(this.mostRunning, st.concurrent);
        const ended = st.trials.filter((t) => t.status !== 'pending' && t.status !== 'running').length;
        life.running(`Searching: ${searchSummary(st)}`);
        life.progress?.show('Trials ended', ended, st.trials.length);
        part(this, 'compute').textContent = `So far: ${computeSummary(st).replace(/ instead of \d+.*/, '')}.`;
        return this.scheduleRender();
      }
      case 'done': {
        const text = searchSummary(e.state);
        const { epochsRun } = e.state.compute();
        part(this, 'compute').textContent = this.earlyStopping
          ? `Successive halving ${computeSummary(e.state)}.`
          : `No early stopping: the trials ran ${epochsRun} epochs.`;
        if (this.searchStart !== null) this.dataset['searchMs'] = String(Math.round(performance.now() - this.searchStart));
        this.renderAll();
        return life.finish(e.stopped ? `Stopped: ${text}` : text, e.stopped ? 'idle' : 'done');
      }
      case 'error':
        this.renderAll();
        return life.fail({ title: 'The search failed', message: e.message, hint: e.hint });
    }
  }

  private open(id: number): void {
    const t = this.state?.trial(id);
    if (t) document.dispatchEvent(new CustomEvent(OPEN_IN_BUILDER_EVENT, { detail: openSpec(t, this.maxEpochs) }));
  }

  private setHighlight(id: number | null): void {
    if (id === this.highlight) return;
    this.highlight = id;
    this.renderLines();
  }

  private filterFromInputs(key: AxisKey): void {
    const get = (which: 'min' | 'max'): number | null => {
      const input = part(this, 'axis-controls').querySelector<HTMLInputElement>(`input[data-axis="${key}"][data-filter="${which}"]`);
      const v = input?.value.trim() ? Number(input.value) : null;
      return v !== null && Number.isFinite(v) ? v : null;
    };
    const [min, max] = [get('min'), get('max')];
    this.setFilter(key, min === null && max === null ? null : { min: min ?? -Infinity, max: max ?? Infinity }, false);
  }

  /** A filter changed, from a brush (`fromBrush`: the inputs follow) or from the inputs (the brushes follow). */
  private setFilter(key: AxisKey, range: Range | null, fromBrush: boolean): void {
    const next = { ...this.filters };
    if (range) next[key] = range;
    else delete next[key];
    this.filters = next;
    if (fromBrush) {
      for (const which of ['min', 'max'] as const) {
        const input = part(this, 'axis-controls').querySelector<HTMLInputElement>(`input[data-axis="${key}"][data-filter="${which}"]`);
        if (input) input.value = range && Number.isFinite(range[which]) ? String(Number(range[which].toPrecision(3))) : '';
      }
    } else {
      this.axesKey = ''; // redraw the brushes from the filters
    }
    this.renderAll();
  }

  private scheduleRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.renderAll();
    });
  }

  private get trials(): readonly Trial[] {
    return this.state?.trials ?? [];
  }

  private renderAll(): void {
    const axes = searchAxes(DEFAULT_SPACE, accuracyDomain(this.trials));
    const key = `${this.order.join()}|${axes.at(-1)!.domain.join()}`;
    const plot = part(this, 'plot');
    if (key !== this.axesKey) {
      this.axesKey = key;
      plot.querySelector('[data-part="axes"]')!.innerHTML = axesMarkup(axes, this.order);
      this.interactions?.layout(axes, this.order, this.filters);
      const controls = part(this, 'axis-controls');
      if (controls.querySelector('[data-axis-row]')) this.reorderAxisRows(controls);
      else controls.innerHTML = axisControlsMarkup(AXES, this.order, this.filters);
      const [lo, hi] = axes.at(-1)!.domain as [number, number];
      part(this, 'legend-low').textContent = `${Math.round(lo * 1000) / 10}%`;
      part(this, 'legend-high').textContent = `${Math.round(hi * 1000) / 10}%`;
    }
    this.renderLines(axes);
    this.renderTable();
  }

  /** Reorders the rows of the axis controls without re-creating them, so focus and typed values stay. */
  private reorderAxisRows(controls: HTMLElement): void {
    const tbody = controls.querySelector('tbody')!;
    this.order.forEach((k, i) => {
      const row = tbody.querySelector<HTMLTableRowElement>(`[data-axis-row="${k}"]`);
      if (!row) return;
      tbody.appendChild(row);
      row.querySelector<HTMLButtonElement>('[data-move="-1"]')!.disabled = i === 0;
      row.querySelector<HTMLButtonElement>('[data-move="1"]')!.disabled = i === this.order.length - 1;
    });
  }

  private renderLines(axes = searchAxes(DEFAULT_SPACE, accuracyDomain(this.trials))): void {
    const lines = this.trials.map((trial) => ({ trial, passes: passes(trial, this.filters) }));
    part(this, 'plot').querySelector('[data-part="lines"]')!.innerHTML = linesMarkup(lines, axes, this.order, this.highlight);
    const shown = lines.filter((l) => l.passes).length;
    this.dataset['running'] = String(this.state?.concurrent ?? 0);
    this.dataset['mostRunning'] = String(this.mostRunning);
    this.dataset['epochsRun'] = String(this.state?.compute().epochsRun ?? 0);
    const best = this.state?.best();
    if (best) this.dataset['best'] = String(best.history.at(-1));
    else delete this.dataset['best'];
    part(this, 'plot-caption').textContent =
      lines.length === 0
        ? 'Each line will be one trial: its learning rate, hidden units, dropout, batch size and validation accuracy. Drag an axis title to move it; drag along an axis to filter.'
        : `${lines.length} trials, ${shown} inside the filters. Drag an axis title to move it; drag along an axis to filter.`;
  }

  private renderTable(): void {
    const tbody = part(this, 'tbody');
    const focusedOpen = (document.activeElement as Element | null)?.closest?.('[data-open]')?.getAttribute('data-open');
    const rows = sortTrials(this.trials, this.sort.key, this.sort.direction);
    const best = this.state?.best() ?? null;
    tbody.innerHTML = tableRowsMarkup(rows, (t) => passes(t, this.filters), best?.id ?? null);
    if (focusedOpen) tbody.querySelector<HTMLButtonElement>(`[data-open="${focusedOpen}"]`)?.focus();
    const hidden = rows.filter((t) => !passes(t, this.filters)).length;
    part(this, 'table-caption').textContent =
      hidden > 0 ? `Trials: ${rows.length - hidden} of ${rows.length} shown (the others are outside the filters)` : 'Trials';
    part<HTMLButtonElement>(this, 'open-best').disabled = best === null;
  }
}

if (!customElements.get('tk-hyper-search')) customElements.define('tk-hyper-search', HyperSearchElement);
