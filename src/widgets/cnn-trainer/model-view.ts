/**
 * The CNN trainer's results, drawn from its model worker (src/workers/feature-maps, imported on
 * first use): for the model shown (pretrained or the reader's own) the first layer's filters, the
 * confusion matrix with the class names, the gallery of mistakes, and every layer's feature maps
 * for a chosen test image (a strip of one image per class, previous/next through all of them, or a
 * mistake). Two models can be loaded; the reader switches between them and sees both accuracies.
 */
import { confusionCounts } from '../../lib/digits/confusion.ts';
import { firstOfEachClass, mistakes, shadeLevel, stepIndex } from '../../lib/cnn-trainer/picks.ts';
import { formatPercent } from '../../lib/format/numbers.ts';
import type { FeatureMapClient, ProgressMessage } from '../../workers/feature-maps/client.ts';
import type { Evaluation, Filters, ModelKey } from '../../workers/feature-maps/protocol.ts';
import { part } from '../shared/html.ts';
import { MISTAKES_SHOWN } from './config.ts';
import { drawFilters, drawMaps, imageCanvas } from './draw.ts';
import { cellName, className, filtersCaption, mapsCaption, mistakesCaption, modelStatus, MODEL_NAMES } from './text.ts';

interface Loaded {
  evaluation: Evaluation;
  filters: Filters | null;
}

export interface ModelViewHooks {
  /** A sentence for the status line (a model loaded, a failure). */
  say(text: string): void;
  /** Progress of a model load (max null: indeterminate); done() hides it. */
  progress(label: string, value: number, max: number | null): void;
  done(): void;
  /** Whether the filters panel is showing a live run (then a loaded model does not redraw it). */
  training(): boolean;
}

export class ModelView {
  private client: FeatureMapClient | null = null;
  private readonly models = new Map<ModelKey, Loaded>();
  private shown: ModelKey | null = null;
  private chosen: number | null = null;
  private strip: number[] = [];
  private loading: Promise<boolean> | null = null;
  private readonly pending = new Set<ModelKey>();

  constructor(
    private readonly host: HTMLElement,
    private readonly hooks: ModelViewHooks,
  ) {
    part<HTMLSelectElement>(host, 'model-choice').addEventListener('change', (e) => this.show((e.target as HTMLSelectElement).value as ModelKey));
    part(host, 'mistakes').addEventListener('click', (e) => this.onPick(e, true));
    part(host, 'strip').addEventListener('click', (e) => this.onPick(e, false));
    part(host, 'previous').addEventListener('click', () => this.step(-1));
    part(host, 'next').addEventListener('click', () => this.step(1));
  }

  get hasModel(): boolean {
    return this.models.size > 0;
  }

  /** Whether model `key` is loaded, or on its way. */
  has(key: ModelKey): boolean {
    return this.models.has(key) || this.pending.has(key);
  }

  /** Loads model `key` from `url` into the worker, tests it and shows it. False (and said) when it fails. */
  load(key: ModelKey, url: string, data: { dataUrl: string; testLimit: number }): Promise<boolean> {
    this.pending.add(key);
    const run = (this.loading ?? Promise.resolve(true)).then(() => this.doLoad(key, url, data)).finally(() => this.pending.delete(key));
    this.loading = run;
    return run;
  }

  private async doLoad(key: ModelKey, url: string, data: { dataUrl: string; testLimit: number }): Promise<boolean> {
    this.host.dataset.model = 'loading';
    try {
      const client = await this.ensureClient();
      const onProgress = (p: ProgressMessage): void => this.hooks.progress(p.text, p.loaded ?? 0, p.loaded === undefined ? null : (p.total ?? null));
      const answer = await client.request({ type: 'load', key, modelUrl: url, ...data }, 'loaded', onProgress);
      this.models.set(key, { evaluation: answer.evaluation, filters: answer.filters });
      const option = this.host.querySelector<HTMLOptionElement>(`[data-part="model-choice"] option[value="${key}"]`);
      if (option) option.disabled = false;
      if (this.strip.length === 0) await this.fillStrip(answer.evaluation);
      await this.show(key);
      this.hooks.say(modelStatus(key, answer.evaluation.accuracy, answer.evaluation.labels.length));
      return true;
    } catch (err) {
      const e = err as { message?: string; hint?: string };
      this.hooks.say(`${e.message ?? String(err)} ${e.hint ?? ''}`.trim());
      return false;
    } finally {
      this.hooks.done();
      this.host.dataset.model = this.shown ?? 'none';
    }
  }

  private async ensureClient(): Promise<FeatureMapClient> {
    if (!this.client) {
      const { createFeatureMapClient } = await import('../../workers/feature-maps/client.ts');
      this.client = createFeatureMapClient();
    }
    return this.client;
  }

  /** Shows model `key`: filters, confusion matrix, mistakes, the comparison, and the chosen image's maps. */
  async show(key: ModelKey): Promise<void> {
    const model = this.models.get(key);
    if (!model) return;
    this.shown = key;
    this.host.dataset.model = key;
    part<HTMLSelectElement>(this.host, 'model-choice').value = key;
    part(this.host, 'results').hidden = false;
    if (model.filters && !this.hooks.training()) this.showFilters(model.filters, { key });
    this.fillConfusion(model.evaluation);
    this.fillComparison();
    await this.fillMistakes(key, model.evaluation);
    if (this.mapsOpen()) await this.drawChosen();
  }

  /** Draws filters (a live run's or a model's) in the figure. */
  showFilters(filters: Filters, source: { key: ModelKey } | { examplesSeen: number }): void {
    drawFilters(part(this.host, 'filter-list'), filters);
    part(this.host, 'filters-caption').textContent = filtersCaption(source, filters.shape[3], filters.shape[0]);
  }

  /** The feature-map view was opened: draw the chosen image (the first of the strip by default). */
  async opened(): Promise<void> {
    if (this.shown) await this.drawChosen();
  }

  private mapsOpen(): boolean {
    return (part(this.host, 'maps-view') as HTMLDetailsElement).open;
  }

  private fillConfusion(evaluation: Evaluation): void {
    const counts = confusionCounts(evaluation.labels, evaluation.predicted);
    const max = Math.max(...counts);
    const cells = this.host.querySelectorAll<HTMLTableCellElement>('[data-part="confusion"] tbody td');
    cells.forEach((td, i) => {
      const truth = Math.floor(i / 10);
      const guess = i % 10;
      const count = counts[i] ?? 0;
      td.textContent = String(count);
      td.className = `tk-cnn__cell tk-cnn__cell--${shadeLevel(count, max)}${truth === guess ? ' tk-cnn__cell--right' : ''}`;
      td.title = cellName(truth, guess, count);
    });
  }

  private fillComparison(): void {
    const parts = (['pretrained', 'own'] as const)
      .filter((k) => this.models.has(k))
      .map((k) => `${MODEL_NAMES[k]}: ${formatPercent(this.models.get(k)!.evaluation.accuracy)}`);
    part(this.host, 'comparison').textContent = `Test accuracy of ${parts.join('; ')}.`;
  }

  private async fillMistakes(key: ModelKey, evaluation: Evaluation): Promise<void> {
    const { indices, total } = mistakes(evaluation.labels, evaluation.predicted, MISTAKES_SHOWN);
    part(this.host, 'mistakes-caption').textContent = mistakesCaption(key, indices.length, total, evaluation.labels.length);
    const pixels = indices.length > 0 ? (await this.client!.request({ type: 'images', indices }, 'images')).pixels : new Uint8Array(0);
    if (this.shown !== key) return;
    const items = indices.map((index, i) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tk-cnn__pick';
      button.dataset.index = String(index);
      const truth = document.createElement('span');
      truth.textContent = `true: ${className(evaluation.labels[index]!)}`;
      const guess = document.createElement('span');
      guess.textContent = `guess: ${className(evaluation.predicted[index]!)}`;
      button.append(imageCanvas(pixels, i), truth, guess);
      item.append(button);
      return item;
    });
    part(this.host, 'mistakes').replaceChildren(...items);
  }

  private async fillStrip(evaluation: Evaluation): Promise<void> {
    this.strip = firstOfEachClass(evaluation.labels);
    const { pixels } = await this.client!.request({ type: 'images', indices: this.strip }, 'images');
    const items = this.strip.map((index, i) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tk-cnn__pick';
      button.dataset.index = String(index);
      button.setAttribute('aria-pressed', 'false');
      const label = document.createElement('span');
      label.textContent = className(evaluation.labels[index]!);
      button.append(imageCanvas(pixels, i), label);
      item.append(button);
      return item;
    });
    part(this.host, 'strip').replaceChildren(...items);
    this.chosen ??= this.strip[0] ?? null;
  }

  private onPick(event: Event, fromMistakes: boolean): void {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-index]');
    if (!button) return;
    this.chosen = Number(button.dataset.index);
    const view = part(this.host, 'maps-view') as HTMLDetailsElement;
    if (fromMistakes && !view.open)
      view.open = true; // the toggle event draws it
    else void this.drawChosen();
    if (fromMistakes) view.scrollIntoView({ block: 'nearest' });
  }

  private step(delta: number): void {
    const model = this.shown ? this.models.get(this.shown) : null;
    if (!model) return;
    this.chosen = stepIndex(this.chosen ?? 0, delta, model.evaluation.labels.length);
    void this.drawChosen();
  }

  private async drawChosen(): Promise<void> {
    const key = this.shown;
    const model = key ? this.models.get(key) : null;
    if (!key || !model || this.chosen === null || !this.client) return;
    const index = this.chosen;
    part(this.host, 'strip')
      .querySelectorAll('button[data-index]')
      .forEach((b) => b.setAttribute('aria-pressed', String(Number((b as HTMLElement).dataset.index) === index)));
    try {
      const outputs = await this.client.maps(key, index);
      if (!outputs || this.shown !== key || this.chosen !== index) return;
      const maps = part(this.host, 'maps');
      drawMaps(maps, outputs);
      maps.dataset.index = String(index);
      part(this.host, 'maps-caption').textContent = mapsCaption(
        key,
        index,
        model.evaluation.labels[index]!,
        model.evaluation.predicted[index] ?? null,
      );
    } catch (err) {
      const e = err as { message?: string; hint?: string };
      part(this.host, 'maps-caption').textContent = `${e.message ?? String(err)} ${e.hint ?? ''}`.trim();
    }
  }

  /** Ends the worker (the widget left the page); the models are forgotten, a later load starts a new worker. */
  dispose(): void {
    this.client?.dispose();
    this.client = null;
    this.models.clear();
    this.shown = null;
    this.strip = [];
    this.loading = null;
    part(this.host, 'strip').replaceChildren();
    part(this.host, 'results').hidden = true;
    this.host.querySelectorAll<HTMLOptionElement>('[data-part="model-choice"] option').forEach((o) => (o.disabled = true));
    this.host.dataset.model = 'none';
  }
}
