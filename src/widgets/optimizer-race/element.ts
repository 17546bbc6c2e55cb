/**
 * <tk-optimizer-race>: SGD, momentum, RMSProp and Adam start from one point on a 2-D loss surface
 * and take one step each per race step; their paths grow over the contours.
 *
 * The static markup (OptimizerRace.astro) already draws the contours, the start and the minimum.
 * The maths is src/lib/optim2d (the race, its sentences); the drawing strings are plot.ts; d3-contour
 * (contours.ts) loads only when the reader switches surface.
 *
 * For tests and assistive technology: `data-state` idle (ready or paused), running (playing), done
 * (the race ran its length); `data-steps` the steps taken; the `role="status"` line gives every
 * optimiser's loss and who reached the minimum first.
 */
import { formatRaceLoss, Race, raceStatus, readyStatus, type RaceSettings } from '../../lib/optim2d/race.ts';
import type { Point } from '../../lib/optim2d/steppers.ts';
import { clampToDomain, SURFACES } from '../../lib/optim2d/surfaces.ts';
import { part } from '../shared/html.ts';
import { readForm, settingsFromAttributes } from '../shared/settings.ts';
import { StatusLine } from '../shared/status.ts';
import { learningRateOf, rateIndex, SETTINGS, type RaceFormSettings } from './config.ts';
import { plotHint, raceMarkup } from './markup.ts';
import { marksMarkup, PLOT, plotLabel, plotMarkup, runnersMarkup } from './plot.ts';

/** Play shows a race in about this many frames, whatever its length. */
const PLAY_FRAMES = 400;
/** Arrow keys move the start by this fraction of the region (Shift: five times as far). */
const KEY_STEP = 1 / 40;

export class OptimizerRaceElement extends HTMLElement {
  private status: StatusLine | null = null;
  private form: RaceFormSettings = settingsFromAttributes(SETTINGS, this);
  private start: Point = SURFACES[this.form.surface].start;
  private race: Race | null = null;
  private frame: number | null = null;

  connectedCallback(): void {
    if (this.status) return;
    const fresh = !this.querySelector('[data-part="root"]');
    if (fresh) this.innerHTML = raceMarkup(this.form, '');
    this.status = new StatusLine(part(this, 'status'));
    this.form = readForm(SETTINGS, part(this, 'settings'));
    this.start = SURFACES[this.form.surface].start;
    // Markup made here has no contours yet (the page's markup does); a restored form may show another surface.
    if (fresh || this.form.surface !== part(this, 'plot').dataset.surface) void this.drawSurface();

    const settings = part<HTMLFieldSetElement>(this, 'settings');
    settings.addEventListener('input', (event) => this.onInput(event.target as HTMLInputElement));
    settings.addEventListener('change', (event) => {
      if ((event.target as HTMLElement).matches('[name="surface"]')) this.onSurface();
    });
    part(this, 'play').addEventListener('click', () => (this.frame === null ? this.play() : this.pause()));
    part(this, 'step').addEventListener('click', () => {
      this.pause();
      this.advance(1);
      this.announce();
    });
    part(this, 'reset').addEventListener('click', () => this.reset());
    const plot = part(this, 'plot');
    plot.addEventListener('click', (event) => this.onClick(event));
    plot.addEventListener('keydown', (event) => this.onKey(event));
    this.render();
  }

  disconnectedCallback(): void {
    this.pause();
  }

  private raceSettings(): RaceSettings {
    return { surface: this.form.surface, learningRate: learningRateOf(this.form), momentum: this.form.momentum, start: this.start };
  }

  /** A slider moved: show its value; the race so far no longer matches the settings, so it starts again. */
  private onInput(input: HTMLInputElement): void {
    if (input.type !== 'range') return;
    this.form = readForm(SETTINGS, part(this, 'settings'));
    const shown = input.name === 'rate' ? String(learningRateOf(this.form)) : this.form.momentum.toFixed(2);
    part(this, `${input.name}-value`).textContent = shown;
    if (input.name === 'rate') input.setAttribute('aria-valuetext', shown);
    this.reset();
  }

  private onSurface(): void {
    this.form = readForm(SETTINGS, part(this, 'settings'));
    const surface = SURFACES[this.form.surface];
    // Each surface comes with a learning rate that makes its race worth watching.
    this.start = surface.start;
    part(this, 'figure-body-caption').textContent = surface.description;
    void this.drawSurface();
    const rate = part<HTMLInputElement>(this, 'rate');
    rate.value = String(rateIndex(surface.learningRate));
    this.onInput(rate); // shows the rate and resets the race
  }

  /** Draw the contours of the chosen surface (d3-contour is loaded now, once). */
  private async drawSurface(): Promise<void> {
    const id = this.form.surface;
    // The axes follow the surface's region; the contours come once d3-contour is here.
    const plot = part(this, 'plot');
    plot.innerHTML = plotMarkup(SURFACES[id], this.start, '');
    plot.dataset.surface = id;
    this.render();
    let contourMarkup: (typeof import('./contours.ts'))['contourMarkup'];
    try {
      ({ contourMarkup } = await import('./contours.ts'));
    } catch {
      this.status?.announce('The contour map could not be loaded (is the connection lost?). The race still works; reload the page to see the map.');
      return;
    }
    if (id !== this.form.surface) return; // another switch came meanwhile
    part(this, 'contours').innerHTML = contourMarkup(SURFACES[id]);
    this.render();
  }

  private play(): void {
    if (!this.race || this.race.finished) this.reset();
    const race = this.ensureRace();
    const perFrame = Math.max(1, Math.ceil(race.length / PLAY_FRAMES));
    part(this, 'play').textContent = 'Pause';
    this.dataset.state = 'running';
    // Reduced motion: no animation, the whole race at once.
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
      this.advance(race.length);
      this.pause();
      this.announce();
      return;
    }
    const tick = () => {
      this.advance(perFrame);
      if (race.finished) {
        this.pause();
        this.announce();
        return;
      }
      this.status?.update(raceStatus(race));
      this.frame = requestAnimationFrame(tick);
    };
    this.frame = requestAnimationFrame(tick);
  }

  private pause(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    if (!this.status) return;
    part(this, 'play').textContent = 'Play';
    this.dataset.state = this.race?.finished ? 'done' : 'idle';
  }

  private ensureRace(): Race {
    this.race ??= new Race(this.raceSettings());
    return this.race;
  }

  private advance(steps: number): void {
    const race = this.ensureRace();
    for (let i = 0; i < steps && !race.finished; i++) race.step();
    this.render();
  }

  private announce(): void {
    const race = this.race;
    if (!race) this.status?.announce(readyStatus(this.raceSettings()));
    else this.status?.announce(race.finished ? `${raceStatus(race)} The race is over; Reset or Play runs it again.` : raceStatus(race));
  }

  private reset(): void {
    this.pause();
    this.race = null;
    this.dataset.state = 'idle';
    this.render();
    this.announce();
  }

  private moveStart(p: Point): void {
    this.start = clampToDomain(SURFACES[this.form.surface], p);
    this.reset();
  }

  private onClick(event: MouseEvent): void {
    const area = part<SVGSVGElement>(this, 'area');
    const box = area.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const px = ((event.clientX - box.left) / box.width) * PLOT.width;
    const py = ((event.clientY - box.top) / box.height) * PLOT.height;
    const [x0, x1] = SURFACES[this.form.surface].xDomain;
    const [y0, y1] = SURFACES[this.form.surface].yDomain;
    this.moveStart([x0 + (px / PLOT.width) * (x1 - x0), y0 + ((PLOT.height - py) / PLOT.height) * (y1 - y0)]);
  }

  private onKey(event: KeyboardEvent): void {
    const surface = SURFACES[this.form.surface];
    const far = event.shiftKey ? 5 : 1;
    const dx = (surface.xDomain[1] - surface.xDomain[0]) * KEY_STEP * far;
    const dy = (surface.yDomain[1] - surface.yDomain[0]) * KEY_STEP * far;
    const [x, y] = this.start;
    const moves: Record<string, Point> = {
      ArrowLeft: [x - dx, y],
      ArrowRight: [x + dx, y],
      ArrowUp: [x, y + dy],
      ArrowDown: [x, y - dy],
      Home: surface.start,
    };
    const next = moves[event.key];
    if (!next) return;
    event.preventDefault();
    this.moveStart(next);
  }

  private render(): void {
    const surface = SURFACES[this.form.surface];
    const race = this.race;
    part(this, 'marks').innerHTML = marksMarkup(surface, this.start);
    part(this, 'runners').innerHTML = race ? runnersMarkup(surface, race.runners) : '';
    part(this, 'svg').setAttribute('aria-label', plotLabel(surface, this.start));
    part(this, 'plot').setAttribute('aria-label', plotHint(this.start));
    const startLoss = surface.value(this.start[0], this.start[1]);
    for (const runner of race?.runners ?? []) {
      const loss = runner.divergedAt !== null ? 'diverged' : formatRaceLoss(runner.losses[runner.losses.length - 1]!);
      part(this, `loss-${runner.kind}`).textContent = loss;
    }
    if (!race) this.querySelectorAll('.tk-race__loss').forEach((el) => (el.textContent = formatRaceLoss(startLoss)));
    this.dataset.steps = String(race?.steps ?? 0);
  }
}

if (!customElements.get('tk-optimizer-race')) customElements.define('tk-optimizer-race', OptimizerRaceElement);
