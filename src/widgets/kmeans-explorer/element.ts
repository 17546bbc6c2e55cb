/**
 * <tk-kmeans-explorer>: k-means on the plane, one half-step at a time (assignment, then update), with
 * Step back, Run to convergence, centroids the reader drags (mouse, touch) or moves with the arrow keys,
 * points the reader adds by clicking, a bad start that leaves a cluster empty, the elbow plot, and DBSCAN
 * beside it on the same points.
 *
 * Not a trainer: no worker, no lifecycle, nothing heavy (the maths is src/lib/kmeans-explorer, the
 * drawings are SVG strings from plot.ts). The static markup (KMeansExplorer.astro) is already the figure.
 *
 * For tests and assistive technology: the `role="status"` line says what the last half-step did and
 * what comes next; on the element, `data-state` (idle, or done once converged), `data-step` (start,
 * assign, update, reseed, move), `data-iteration`, `data-converged`, `data-empty` (the empty clusters,
 * numbered from 1), `data-inertia`, `data-points`, `data-kmeans-accuracy` / `data-dbscan-accuracy`
 * (matched accuracy, 0–1, on a generated set), `data-dbscan-clusters` and `data-elbow` (inertias for k = 1…).
 */
import { ExplorerModel } from '../../lib/kmeans-explorer/explorer.ts';
import { PLANE } from '../../lib/kmeans-explorer/datasets.ts';
import { SET_NOTES } from '../../lib/kmeans-explorer/text.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { StatusLine } from '../shared/status.ts';
import { explorerSettings, SETTINGS, type FormSettings } from './config.ts';
import { dbscanPanel, elbowPanel, explorerMarkup, planeLabel, planeParts, readoutText } from './markup.ts';
import { PLOT, toPlane } from './plot.ts';

/** Arrow keys move a centroid by this much (Shift: five times as far). */
const KEY_STEP = 0.1;

export class KMeansExplorerElement extends HTMLElement {
  private status: StatusLine | null = null;
  private form: FormSettings = settingsFromAttributes(SETTINGS, this);
  private model: ExplorerModel | null = null;
  /** The centroid being dragged, and the pointer dragging it. */
  private drag: { centroid: number; pointer: number; moved: boolean } | null = null;
  /** A drag just ended: the click that follows it must not add a point. */
  private swallowClick = false;

  connectedCallback(): void {
    if (this.status) return;
    const fresh = !this.querySelector('[data-part="root"]');
    if (fresh) this.innerHTML = explorerMarkup(new ExplorerModel(explorerSettings(this.form)), this.form);
    this.status = new StatusLine(part(this, 'status'));
    // A form the browser restored may differ from the markup: the model follows the form.
    this.form = readForm(SETTINGS, part(this, 'settings'));
    this.model = new ExplorerModel(explorerSettings(this.form));

    const settings = part<HTMLFieldSetElement>(this, 'settings');
    settings.addEventListener('change', (event) => this.onSetting(event.target as HTMLInputElement | HTMLSelectElement));
    settings.addEventListener('input', (event) => {
      const input = event.target as HTMLInputElement;
      if (input.name === 'eps') part(this, 'eps-value').textContent = input.value;
    });
    part(this, 'step').addEventListener('click', () => this.act(() => this.model!.stepper?.step()));
    part(this, 'back').addEventListener('click', () => this.act(() => this.model!.stepper?.back(), 'Back: '));
    part(this, 'run').addEventListener('click', () => this.act(() => this.model!.stepper?.run()));
    part(this, 'reset').addEventListener('click', () => this.act(() => this.model!.restart({})));
    part(this, 'clear').addEventListener('click', () => {
      this.model!.clear();
      this.showPointsChoice();
      this.render();
    });

    const plane = part<SVGSVGElement>(this, 'plane');
    plane.addEventListener('click', (event) => this.onPlaneClick(event));
    plane.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    plane.addEventListener('pointermove', (event) => this.onPointerMove(event));
    plane.addEventListener('pointerup', (event) => this.onPointerUp(event));
    plane.addEventListener('pointercancel', (event) => this.onPointerUp(event));
    plane.addEventListener('keydown', (event) => this.onKey(event));
    this.render();
  }

  /** A control changed: new points, or the run starts again with the new k / start / seed, or DBSCAN is redone. */
  private onSetting(control: HTMLInputElement | HTMLSelectElement): void {
    const model = this.model!;
    this.form = readForm(SETTINGS, part(this, 'settings'));
    const next = explorerSettings(this.form);
    if (control.name === 'points') {
      model.settings = { ...model.settings, k: next.k, start: next.start, seed: next.seed, dbscan: next.dbscan };
      model.choosePoints(next.points);
      // A generated set comes with the k of its groups (the reader may change it after).
      const k = model.suggestedK();
      if (k !== null && k !== model.settings.k) {
        part<HTMLSelectElement>(this, 'k').value = String(k);
        this.form = readForm(SETTINGS, part(this, 'settings'));
        model.restart({ k });
      }
    } else if (control.name === 'eps' || control.name === 'minPoints') {
      model.setDbscan(next.dbscan);
    } else {
      model.restart({ k: next.k, start: next.start, seed: next.seed });
    }
    this.render();
  }

  /** Run an action on the model, then redraw and say what happened. */
  private act(action: () => unknown, prefix = ''): void {
    action();
    this.render(prefix);
  }

  /** Where a pointer event falls on the plane, in plane coordinates. */
  private planePoint(event: MouseEvent): [number, number] | null {
    const box = part<SVGSVGElement>(this, 'plane').getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return null;
    return toPlane(((event.clientX - box.left) / box.width) * PLOT.width, ((event.clientY - box.top) / box.height) * PLOT.height);
  }

  private centroidOf(target: EventTarget | null): number | null {
    const g = (target as Element | null)?.closest?.('[data-centroid]');
    return g ? Number(g.getAttribute('data-centroid')) : null;
  }

  private onPlaneClick(event: MouseEvent): void {
    if (this.swallowClick) {
      this.swallowClick = false;
      return;
    }
    if (this.centroidOf(event.target) !== null) return;
    const at = this.planePoint(event);
    if (!at) return;
    if (!this.model!.addPoint(at[0], at[1])) {
      this.status?.announce('The plane is full (400 points). Clear points to start again.');
      return;
    }
    this.showPointsChoice();
    this.render();
  }

  private onPointerDown(event: PointerEvent): void {
    this.swallowClick = false; // a drag's click may never come (pointer capture): forget it at the next press
    const c = this.centroidOf(event.target);
    if (c === null || !this.model!.stepper) return;
    event.preventDefault();
    this.drag = { centroid: c, pointer: event.pointerId, moved: false };
    part<SVGSVGElement>(this, 'plane').setPointerCapture(event.pointerId);
  }

  private onPointerMove(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointer) return;
    const at = this.planePoint(event);
    if (!at) return;
    const x = Math.min(PLANE.x[1], Math.max(PLANE.x[0], at[0]));
    const y = Math.min(PLANE.y[1], Math.max(PLANE.y[0], at[1]));
    // The first move of a drag is a history entry of its own; the rest of the drag replaces it.
    this.model!.stepper!.moveCentroid(drag.centroid, x, y, !drag.moved);
    drag.moved = true;
    this.render('', false);
  }

  private onPointerUp(event: PointerEvent): void {
    const drag = this.drag;
    if (!drag || event.pointerId !== drag.pointer) return;
    this.drag = null;
    this.swallowClick = true;
    if (drag.moved) this.render();
    this.focusCentroid(drag.centroid);
  }

  private onKey(event: KeyboardEvent): void {
    const c = this.centroidOf(event.target);
    const stepper = this.model!.stepper;
    if (c === null || !stepper) return;
    const far = event.shiftKey ? 5 : 1;
    const [dx, dy] = ({ ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] } as Record<string, [number, number]>)[
      event.key
    ] ?? [0, 0];
    if (dx === 0 && dy === 0) return;
    event.preventDefault();
    const cs = stepper.current.centroids;
    const x = Math.min(PLANE.x[1], Math.max(PLANE.x[0], cs[2 * c]! + dx * KEY_STEP * far));
    const y = Math.min(PLANE.y[1], Math.max(PLANE.y[0], cs[2 * c + 1]! + dy * KEY_STEP * far));
    stepper.moveCentroid(c, x, y);
    this.render();
    this.focusCentroid(c);
  }

  private focusCentroid(c: number): void {
    this.querySelector<SVGGElement>(`[data-centroid="${c}"]`)?.focus();
  }

  /** The points select follows the model (a click makes the points the reader's own). */
  private showPointsChoice(): void {
    const select = part<HTMLSelectElement>(this, 'points');
    select.value = this.model!.settings.points;
    this.form = readForm(SETTINGS, part(this, 'settings'));
  }

  /** Redraw everything from the model; `announce` false while dragging (the status says it once, at the end). */
  private render(prefix = '', announce = true): void {
    const model = this.model!;
    const focused = this.centroidOf(document.activeElement);
    const inner = planeParts(model);
    part(this, 'cells').innerHTML = inner.cells;
    part(this, 'dots').innerHTML = inner.points;
    part(this, 'centroids').innerHTML = inner.centroids;
    part(this, 'plane-title').textContent = planeLabel(model);
    part(this, 'readout').textContent = readoutText(model);
    part(this, 'note').textContent = SET_NOTES[model.settings.points];
    const db = dbscanPanel(model);
    part(this, 'dbscan-svg').innerHTML = db.svg;
    part(this, 'dbscan-caption').textContent = db.caption;
    part(this, 'elbow').innerHTML = elbowPanel(model);
    if (focused !== null && !this.drag) this.focusCentroid(focused);

    const stepper = model.stepper;
    const s = stepper?.current;
    (part(this, 'step') as HTMLButtonElement).disabled = !stepper || stepper.next === null;
    (part(this, 'run') as HTMLButtonElement).disabled = !stepper || stepper.next === null;
    (part(this, 'back') as HTMLButtonElement).disabled = !stepper?.canStepBack;
    (part(this, 'reset') as HTMLButtonElement).disabled = !stepper?.canStepBack;
    (part(this, 'clear') as HTMLButtonElement).disabled = model.n === 0;

    const data = this.dataset;
    data.state = s?.converged ? 'done' : 'idle';
    data.step = s?.kind ?? 'none';
    data.iteration = String(s?.iteration ?? 0);
    data.converged = String(s?.converged ?? false);
    data.empty = s?.labels ? s.sizes.flatMap((size, c) => (size === 0 ? [c + 1] : [])).join(',') : '';
    data.inertia = s?.inertia == null ? '' : s.inertia.toFixed(3);
    data.points = String(model.n);
    data.kmeansAccuracy = model.comparison?.kmeans.accuracy?.toFixed(4) ?? '';
    data.dbscanAccuracy = model.comparison?.dbscan.accuracy?.toFixed(4) ?? '';
    data.dbscanClusters = String(model.comparison?.dbscan.clusters ?? 0);
    data.elbow = model.elbow.map((v) => v.toFixed(2)).join(',');
    if (announce) this.status?.announce(prefix + model.sentence());
  }
}

if (!customElements.get('tk-kmeans-explorer')) customElements.define('tk-kmeans-explorer', KMeansExplorerElement);
