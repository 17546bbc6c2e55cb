/**
 * <tk-model-builder>: the reader stacks dense and dropout layers, chooses how to train, sees the
 * parameters per layer, the network and the tfjs code, and trains on MNIST in a worker
 * (src/workers/builder) with live training and validation curves. A finished run is saved in the
 * browser for the model inspector. `OPEN_IN_BUILDER_EVENT` on the document fills it with a spec.
 *
 * For tests and assistive technology: `data-state`; the `role="status"` line ("Test accuracy 97.6%
 * on 10,000 test images after 3 epochs"); `dataset.testAccuracy` and `dataset.tensorsLeft` (the
 * tensors a run left behind, "0") once a run has ended.
 */
import { epochsElapsed } from '../../lib/format/progress.ts';
import { backendLine, trainingStatus } from '../../lib/format/status.ts';
import { addLayer, moveLayer, removeLayer } from '../../lib/supervised/layer-edit.ts';
import type { Activation, LayerSpec, ModelSpec } from '../../lib/supervised/model-spec.ts';
import { paramCounts } from '../../lib/supervised/param-counts.ts';
import { OPEN_IN_BUILDER_EVENT } from '../../lib/supervised/saved-model.ts';
import { readModelSpec, specIssues, specProblems } from '../../lib/supervised/spec-check.ts';
import type { BuilderRunHandle } from '../../workers/builder/client.ts';
import type { BuilderFromWorker, BuilderRequest } from '../../workers/builder/protocol.ts';
import { networkDiagram } from '../../viz/network-diagram.ts';
import { showAvailableBackends } from '../shared/backend-picker.ts';
import { datasetUrl } from '../shared/data-url.ts';
import { part } from '../shared/html.ts';
import { readForm } from '../shared/settings.ts';
import { stopAndDispose, TrainerLifecycle } from '../shared/trainer.ts';
import type { LossAccuracyCharts } from '../../viz/epoch-charts.ts';
import {
  NUMBER_FIELDS,
  SEED,
  SETTINGS,
  dataPlan,
  diagramLayers,
  propsFromAttributes,
  specOf,
  unsupportedInBuilder,
  type NumberField,
} from './config.ts';
import { builderMarkup, codeMarkup, emptyCharts, layersMarkup, paramsMarkup } from './markup.ts';
import { OPENED_STATUS, SAVED_NOTE, doneStatus, epochStatus, layerActionStatus, networkCaption, stoppedStatus } from './text.ts';

/** A number field's value; an empty or unreadable field is NaN (Number('') would be 0). */
const numberOf = (input: HTMLInputElement | HTMLSelectElement): number => (input.value.trim() === '' ? Number.NaN : Number(input.value));

/** aria-invalid="true" on a field with a problem (an empty aria-invalid would mean false). */
function markInvalid(field: Element | null, invalid: boolean): void {
  if (invalid) field?.setAttribute('aria-invalid', 'true');
  else field?.removeAttribute('aria-invalid');
}

export class ModelBuilderElement extends HTMLElement {
  private life: TrainerLifecycle<BuilderRunHandle> | null = null;
  private charts: LossAccuracyCharts | null = null;
  private readonly onOpen = (event: Event): void => this.open((event as CustomEvent<unknown>).detail);

  connectedCallback(): void {
    document.addEventListener(OPEN_IN_BUILDER_EVENT, this.onOpen);
    if (this.life) return;
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = builderMarkup(propsFromAttributes((name) => this.getAttribute(name)));
    this.life = new TrainerLifecycle<BuilderRunHandle>(this, {
      onStart: () => void this.start(),
      release: stopAndDispose,
      stoppingText: 'Stopping after this batch…',
    });
    const settings = part(this, 'settings');
    settings.addEventListener('input', () => this.refresh());
    settings.addEventListener('change', () => this.refresh());
    part(this, 'layers').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('[data-layer-action]');
      const row = button?.closest<HTMLElement>('[data-index]');
      if (button && row) this.layerAction(button.dataset.layerAction as 'up' | 'down' | 'remove', Number(row.dataset.index));
    });
    part(this, 'add-dense').addEventListener('click', () => this.add('dense'));
    part(this, 'add-dropout').addEventListener('click', () => this.add('dropout'));
    showAvailableBackends(this);
    this.refresh();
  }

  disconnectedCallback(): void {
    document.removeEventListener(OPEN_IN_BUILDER_EVENT, this.onOpen);
    this.life?.disconnect();
    this.charts?.destroy();
    this.charts = null;
  }

  /** The hidden layers as the form shows them. */
  private readLayers(): LayerSpec[] {
    return [...part(this, 'layers').querySelectorAll<HTMLElement>('[data-index]')].map((row) => {
      const field = (name: string) => row.querySelector<HTMLInputElement>(`[data-layer-field="${name}"]`)!;
      if (row.classList.contains('tk-layer--dropout')) return { kind: 'dropout', rate: numberOf(field('rate')) };
      return { kind: 'dense', units: numberOf(field('units')), activation: field('activation').value as Activation };
    });
  }

  /** The model as the form describes it (values unchecked). */
  private readSpec(): ModelSpec {
    const numbers = Object.fromEntries(NUMBER_FIELDS.map((name) => [name, numberOf(part<HTMLInputElement>(this, name))])) as Record<
      NumberField,
      number
    >;
    return specOf(this.readLayers(), readForm(SETTINGS, part(this, 'settings')), numbers);
  }

  /** Redraws what depends on the form: problems, the network, the parameter table, the code, the empty charts. */
  private refresh(): ModelSpec {
    const spec = this.readSpec();
    const issues = specIssues(spec);
    const line = part(this, 'problems');
    line.textContent = issues.map((p) => p.message).join(' ');
    line.hidden = issues.length === 0;
    // Each field with a problem is marked invalid (and outlined), the rest cleared.
    const bad = new Set<string>(issues.map((p) => p.field));
    for (const name of NUMBER_FIELDS) markInvalid(part(this, name), bad.has(name));
    part(this, 'layers')
      .querySelectorAll<HTMLElement>('[data-index]')
      .forEach((row) => markInvalid(row.querySelector('input'), bad.has(`layers.${row.dataset.index}`)));
    part(this, 'momentum-field').hidden = spec.optimizer !== 'momentum';
    const layersOk = !issues.some((p) => p.field.startsWith('layers'));
    if (layersOk) {
      part(this, 'network').innerHTML = networkDiagram(diagramLayers(spec.layers));
      part(this, 'params').innerHTML = paramsMarkup(spec);
    }
    part(this, 'network-caption').textContent = networkCaption(layersOk ? paramCounts(spec).total : null);
    part(this, 'code').innerHTML = codeMarkup(spec);
    if (!this.charts && Number.isInteger(spec.epochs) && spec.epochs >= 1 && spec.epochs <= 100)
      part(this, 'charts').innerHTML = emptyCharts(spec.epochs);
    return spec;
  }

  /** Re-renders the layer list and puts the focus on `focus` (a data-layer-action of row `index`, or an Add button). */
  private setLayers(layers: LayerSpec[], focus: { index: number; action: string } | 'add-dense' | 'add-dropout'): void {
    part(this, 'layers').innerHTML = layersMarkup(layers);
    this.refresh();
    if (typeof focus === 'string') {
      part<HTMLElement>(this, focus).focus();
      return;
    }
    // The same button on the layer's new row; at the top or the bottom the other move; else Remove.
    const order = [focus.action, focus.action === 'up' ? 'down' : 'up', 'remove'];
    const button = order
      .map((action) => this.querySelector<HTMLButtonElement>(`[data-index="${focus.index}"] [data-layer-action="${action}"]:not(:disabled)`))
      .find((b) => b !== null);
    (button ?? part<HTMLElement>(this, 'add-dense')).focus();
  }

  private add(kind: LayerSpec['kind']): void {
    const layers = addLayer(this.readLayers(), kind);
    this.setLayers(layers, kind === 'dense' ? 'add-dense' : 'add-dropout');
    this.life?.status.announce(layerActionStatus('added', layers.at(-1)!, layers.length - 1, layers.length));
  }

  private layerAction(action: 'up' | 'down' | 'remove', index: number): void {
    const before = this.readLayers();
    const layer = before[index];
    if (!layer) return;
    if (action === 'remove') {
      const layers = removeLayer(before, index);
      // Focus goes to the row that took its place, else the one before, else "Add dense layer".
      const next = Math.min(index, layers.length - 1);
      this.setLayers(layers, next >= 0 ? { index: next, action: 'remove' } : 'add-dense');
      this.life?.status.announce(layerActionStatus('removed', layer, index, layers.length));
      return;
    }
    const to = index + (action === 'up' ? -1 : 1);
    if (to < 0 || to >= before.length) return;
    this.setLayers(moveLayer(before, index, to - index), { index: to, action });
    this.life?.status.announce(layerActionStatus(action, layer, index, before.length));
  }

  /** OPEN_IN_BUILDER_EVENT: fill the form with a spec (checked: it comes from elsewhere), show it, focus it. */
  open(detail: unknown): void {
    const life = this.life;
    if (!life) return;
    const reading = readModelSpec(detail);
    if (!reading.ok) {
      life.status.announce(`That model could not be opened: ${reading.problems.join(' ')}`);
      return;
    }
    if (life.busy) {
      life.status.announce('A run is going on: stop it, then open the model again.');
      return;
    }
    const spec = reading.spec;
    const unsupported = unsupportedInBuilder(spec);
    if (unsupported) {
      life.status.announce(unsupported);
      return;
    }
    part(this, 'layers').innerHTML = layersMarkup(spec.layers);
    for (const name of NUMBER_FIELDS) part<HTMLInputElement>(this, name).value = String(spec[name]);
    part<HTMLSelectElement>(this, 'optimizer').value = spec.optimizer;
    this.refresh();
    this.scrollIntoView({ block: 'start' });
    this.querySelector<HTMLElement>('[data-part="layers"] :is(input, select), [data-part="add-dense"]')?.focus({ preventScroll: true });
    life.status.announce(OPENED_STATUS);
  }

  /** Start a run with the model of the form (what Start does). */
  async start(): Promise<void> {
    const life = this.life;
    if (!life || life.busy || life.handle) return;
    const spec = this.refresh();
    const problems = specProblems(spec);
    if (problems.length > 0) {
      life.fail({ title: 'This model cannot be trained yet', message: problems.join(' '), hint: 'Change the value named and press Start again.' });
      return;
    }
    const settings = readForm(SETTINGS, part(this, 'settings'));
    const id = life.begin();
    if (id === null) return;
    for (const name of ['saved', 'backend']) part(this, name).hidden = true;
    delete this.dataset.testAccuracy;
    delete this.dataset.tensorsLeft;
    const mods = await life.load(id, () => Promise.all([import('../../workers/builder/client.ts'), import('./charts.ts')]));
    if (!mods) return;
    const [client, { builderCharts }] = mods;
    this.charts?.destroy();
    this.charts = builderCharts(part(this, 'charts'), spec.epochs);
    const request: BuilderRequest = { spec, data: dataPlan(settings.trainLimit), seed: SEED, backend: settings.backend, dataUrl: datasetUrl() };
    life.attach(
      client.startBuilderRun(
        request,
        life.listen(id, (m: BuilderFromWorker) => this.onMessage(request, m)),
        { mode: 'auto' },
      ),
    );
  }

  private onMessage(request: BuilderRequest, m: BuilderFromWorker): void {
    const life = this.life;
    if (!life) return;
    const epochs = request.spec.epochs;
    const testImages = request.data.testLimit;
    switch (m.type) {
      case 'phase':
        if (m.phase === 'training') life.setState('running');
        else if (m.phase === 'loading-data') life.progress?.show('Download', 0, null);
        if (!life.stopping) life.status.announce(m.message);
        break;
      case 'backend': {
        const line = part(this, 'backend');
        line.textContent = backendLine(m.backend, life.handle?.mode ?? null, m.fallbackReason);
        line.hidden = false;
        break;
      }
      case 'download':
        life.download(m.file, m.loaded, m.total);
        break;
      case 'metrics': {
        const x = epochsElapsed({ epoch: m.epoch + 1, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch });
        this.charts?.add('train', x, m.loss, m.accuracy);
        life.progress?.show('Training', x, epochs);
        life.running(trainingStatus({ epoch: m.epoch + 1, epochs, batch: m.batch + 1, batchesPerEpoch: m.batchesPerEpoch, loss: m.loss }));
        break;
      }
      case 'epoch':
        if (m.valLoss !== null && m.valAccuracy !== null) this.charts?.add('val', m.epoch + 1, m.valLoss, m.valAccuracy);
        if (!life.stopping) life.status.announce(epochStatus(m.epoch + 1, epochs, m.trainAccuracy, m.valAccuracy));
        break;
      case 'saved':
      case 'save-failed': {
        const note = part(this, 'saved');
        note.textContent = m.type === 'saved' ? SAVED_NOTE : m.message;
        note.hidden = false;
        break;
      }
      case 'done':
        if (m.testAccuracy !== null) this.dataset.testAccuracy = m.testAccuracy.toFixed(4);
        this.dataset.tensorsLeft = String(m.tensorsLeft);
        if (m.stopped) life.finish(stoppedStatus(m.testAccuracy, testImages, m.epochsCompleted), 'idle');
        else life.finish(doneStatus(m.testAccuracy ?? 0, testImages, m.epochsCompleted), 'done');
        break;
      case 'error':
        life.fail({ title: 'Training failed', message: m.message, hint: m.hint });
        break;
    }
  }
}

if (!customElements.get('tk-model-builder')) customElements.define('tk-model-builder', ModelBuilderElement);

declare global {
  interface HTMLElementTagNameMap {
    'tk-model-builder': ModelBuilderElement;
  }
}
