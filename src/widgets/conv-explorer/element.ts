/**
 * <tk-conv-explorer>: the convolution explorer. Not a trainer (no Start): the settings redraw the
 * grids, the formula, the im2col matrix and the code at once; pointing at (or focusing) a cell lights
 * the cells linked to it; Play / Step slide the window; the real op (tfjs, loaded on demand) runs when
 * its section is opened. All the maths is in src/lib/conv-explorer/; the markup in ./markup.ts.
 */
import { codeText } from '../../lib/conv-explorer/code.ts';
import { patchOf, readersOf } from '../../lib/conv-explorer/grids.ts';
import {
  applyTyped,
  CONTROL_NAMES,
  controlRanges,
  formulaText,
  settingProblem,
  settingSentence,
  type ControlName,
} from '../../lib/conv-explorer/setting.ts';
import { outputSize } from '../../lib/nn/conv-geometry.ts';
import { part } from '../shared/html.ts';
import { nextWidgetId } from '../shared/ids.ts';
import { StatusLine } from '../shared/status.ts';
import { axisDiagram } from './axis-diagram.ts';
import { moveFocus } from './focus.ts';
import { patchWords } from './grids-markup.ts';
import { explorerMarkup, figurePanels, realNote, stateFromAttributes, type ExplorerState } from './markup.ts';
import type { RealView } from './real-view.ts';

const PLAY_MS = 700;
const PLAY_MS_REDUCED = 1500;

class ConvExplorerElement extends HTMLElement {
  private state!: ExplorerState;
  private status!: StatusLine;
  /** Typed values that are impossible with the rest of the setting, kept as typed until they fit or are changed. */
  private pending = new Map<ControlName, string>();
  private lastTyped: ControlName | null = null;
  /** The animation's output cell (row-major index), -1 before the first step. */
  private step = -1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private real: RealView | null = null;
  private wired = false;

  connectedCallback(): void {
    if (this.wired) return;
    this.wired = true;
    this.state = stateFromAttributes((name) => this.getAttribute(name));
    if (!this.querySelector('[data-part="root"]')) this.innerHTML = explorerMarkup(nextWidgetId('tk-convx-js'), this.state);
    this.status = new StatusLine(part(this, 'status'));
    this.setAttribute('data-state', 'idle');
    this.wire();
  }

  disconnectedCallback(): void {
    this.pause();
  }

  private wire(): void {
    for (const name of CONTROL_NAMES) {
      part<HTMLInputElement>(this, name).addEventListener('input', (e) => this.onSlider(name, (e.target as HTMLInputElement).value));
      const typed = part<HTMLInputElement>(this, `${name}-typed`);
      typed.addEventListener('input', () => this.onTyped(name, typed.value, false));
      typed.addEventListener('change', () => this.onTyped(name, typed.value, true));
    }
    part<HTMLSelectElement>(this, 'mode').addEventListener('change', (e) => {
      this.state = { ...this.state, mode: (e.target as HTMLSelectElement).value as ExplorerState['mode'] };
      this.redraw();
    });
    part<HTMLSelectElement>(this, 'kernel').addEventListener('change', (e) => {
      this.state = { ...this.state, kernel: (e.target as HTMLSelectElement).value as ExplorerState['kernel'] };
      this.redraw();
    });
    part(this, 'play').addEventListener('click', () => (this.timer ? this.pause() : this.play()));
    part(this, 'step').addEventListener('click', () => this.advance());
    part(this, 'reset').addEventListener('click', () => {
      this.pause();
      this.step = -1;
      this.light(null);
    });
    part(this, 'copy').addEventListener('click', () => void this.copy());
    const real = part<HTMLDetailsElement>(this, 'real');
    real.addEventListener('toggle', () => {
      if (real.open) void this.openReal();
    });
    this.wireLinks();
  }

  // Settings ------------------------------------------------------------------------------------

  private onSlider(name: ControlName, value: string): void {
    this.pending.delete(name);
    this.state = { ...this.state, setting: { ...this.state.setting, [name]: Number(value) } };
    this.redraw();
  }

  /** A typed value: applied when possible; otherwise kept as typed, explained (on change) and the drawing left as it was. */
  private onTyped(name: ControlName, text: string, committed: boolean): void {
    this.lastTyped = name;
    const result = applyTyped(this.state.setting, name, text);
    if (result.ok) {
      this.pending.delete(name);
      if (result.setting[name] !== this.state.setting[name]) {
        this.state = { ...this.state, setting: result.setting };
        this.redraw();
      } else this.showProblem();
      return;
    }
    this.pending.set(name, text);
    if (committed) this.showProblem();
  }

  /** After a change, a value typed earlier may fit now: apply it; say why any still do not. */
  private retryPending(): void {
    for (const [name, text] of this.pending) {
      const result = applyTyped(this.state.setting, name, text);
      if (result.ok) {
        this.pending.delete(name);
        this.state = { ...this.state, setting: result.setting };
      }
    }
  }

  /** Mark every typed value that does not fit and say why, the one typed last first. */
  private showProblem(): void {
    const problem = part(this, 'problem');
    const messages: string[] = [];
    for (const name of CONTROL_NAMES) {
      const typed = part<HTMLInputElement>(this, `${name}-typed`);
      const text = this.pending.get(name);
      const result = text === undefined ? null : applyTyped(this.state.setting, name, text);
      if (result && !result.ok) {
        typed.setAttribute('aria-invalid', 'true');
        typed.setAttribute('aria-describedby', problem.id);
        if (name === this.lastTyped) messages.unshift(result.message);
        else messages.push(result.message);
      } else {
        typed.removeAttribute('aria-invalid');
        typed.removeAttribute('aria-describedby');
      }
    }
    problem.textContent = messages.length === 0 ? '' : `${messages.join(' ')} The drawing still shows the last possible setting.`;
    problem.hidden = messages.length === 0;
  }

  /** Redraw everything the setting drives. */
  private redraw(): void {
    this.retryPending();
    const { setting, mode } = this.state;
    if (settingProblem(setting) !== null) return; // never drawn: the controls keep a possible setting
    this.pause();
    this.step = -1;
    const ranges = controlRanges(setting);
    for (const name of CONTROL_NAMES) {
      const slider = part<HTMLInputElement>(this, name);
      slider.min = String(ranges[name].min);
      slider.max = String(ranges[name].max);
      slider.value = String(setting[name]);
      slider.setAttribute('aria-valuetext', String(setting[name]));
      if (!this.pending.has(name)) part<HTMLInputElement>(this, `${name}-typed`).value = String(setting[name]);
    }
    this.showProblem();
    const { grids } = figurePanels(this.state);
    part(this, 'input').innerHTML = grids.input;
    part(this, 'kernel-grid').innerHTML = grids.kernel;
    part(this, 'output').innerHTML = grids.output;
    part(this, 'im2col').innerHTML = grids.im2col;
    part(this, 'axis').firstElementChild!.innerHTML = axisDiagram(setting);
    part(this, 'kernel-title').textContent = mode === 'conv' ? 'Kernel' : 'Window';
    part(this, 'kernel-field').hidden = mode !== 'conv';
    part(this, 'code').textContent = codeText(setting, mode);
    part(this, 'copy-status').textContent = '';
    part(this, 'real-note').textContent = realNote(this.state);
    this.updateFormula();
    this.status.announce(settingSentence(setting, mode));
    this.light(null);
    this.real?.run(this.state);
  }

  private updateFormula(): void {
    const { setting } = this.state;
    const values: Record<string, number> = { ...setting, out: outputSize(setting) };
    for (const slot of part(this, 'formula-numbers').querySelectorAll<HTMLElement>('[data-slot]')) {
      const target = slot.querySelector('.mord') ?? slot;
      target.textContent = String(values[slot.dataset.slot!]);
    }
    part(this, 'formula-text').textContent = `Output size: ${formulaText(setting)}`;
  }

  // Linking and animation -------------------------------------------------------------------------

  private wireLinks(): void {
    const cellOf = (target: EventTarget | null): { kind: 'input' | 'output' | 'row'; y: number; x: number } | null => {
      const el = (target as Element | null)?.closest?.('[data-y]');
      if (!el || !this.contains(el)) return null;
      const kind = el.closest('[data-part="input"]')
        ? 'input'
        : el.closest('[data-part="output"]')
          ? 'output'
          : el.closest('[data-part="im2col"]')
            ? 'row'
            : null;
      return kind ? { kind, y: Number(el.getAttribute('data-y')), x: Number(el.getAttribute('data-x')) } : null;
    };
    const onPoint = (e: Event) => {
      const cell = cellOf(e.target);
      if (cell) this.light(cell.kind === 'input' ? { input: cell } : { output: cell });
    };
    this.addEventListener('pointerover', onPoint);
    this.addEventListener('focusin', onPoint);
    for (const name of ['input', 'output', 'im2col']) {
      part(this, name).addEventListener('pointerleave', () => this.light(null));
    }
    this.addEventListener('focusout', (e) => {
      if (!cellOf(e.relatedTarget)) this.light(null);
    });
    for (const name of ['input', 'output']) part(this, name).addEventListener('keydown', (e) => moveFocus(e));
  }

  /** Light the cells linked to one output cell or one input cell; null: back to the animation's cell, or nothing. */
  private light(what: { output: { y: number; x: number } } | { input: { y: number; x: number } } | null): void {
    for (const el of this.querySelectorAll('.is-lit, .is-source')) el.classList.remove('is-lit', 'is-source');
    const out = outputSize(this.state.setting);
    if (what === null && this.step >= 0) what = { output: { y: Math.floor(this.step / out), x: this.step % out } };
    const readout = part(this, 'readout');
    if (what === null) {
      readout.textContent = 'Point at an output cell to see the input patch it reads, or at an input cell to see every output that reads it.';
      return;
    }
    const { setting } = this.state;
    const mark = (grid: string, y: number, x: number, cls: string) =>
      this.querySelector(`[data-part="${grid}"] [data-y="${y}"][data-x="${x}"]`)?.classList.add(cls);
    if ('output' in what) {
      const { y, x } = what.output;
      mark('output', y, x, 'is-source');
      mark('im2col', y, x, 'is-lit');
      for (const t of patchOf(setting, y, x)) mark('input', t.y, t.x, 'is-lit');
      const value = this.querySelector(`[data-part="output"] [data-y="${y}"][data-x="${x}"]`)?.textContent ?? '';
      readout.textContent = `Output row ${y}, column ${x} = ${value}: it ${patchWords(setting, y, x)}.`;
      return;
    }
    const { y, x } = what.input;
    mark('input', y, x, 'is-source');
    const readers = readersOf(setting, y, x);
    for (const r of readers) {
      mark('output', r.y, r.x, 'is-lit');
      mark('im2col', r.y, r.x, 'is-lit');
    }
    const inside = y >= 0 && y < setting.n && x >= 0 && x < setting.n;
    const what2 = inside ? `Input row ${y}, column ${x}` : `Padding at row ${y}, column ${x}`;
    readout.textContent =
      readers.length === 0
        ? `${what2} is read by no output cell (the windows step over it).`
        : `${what2} is read by ${readers.length} output ${readers.length === 1 ? 'cell' : 'cells'}.`;
  }

  private advance(): void {
    const out = outputSize(this.state.setting);
    this.step = (this.step + 1) % (out * out);
    this.light(null);
  }

  private play(): void {
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.advance();
    this.timer = setInterval(() => this.advance(), reduced ? PLAY_MS_REDUCED : PLAY_MS);
    const button = part(this, 'play');
    button.textContent = 'Pause';
    button.setAttribute('aria-pressed', 'true');
  }

  private pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const button = this.querySelector('[data-part="play"]');
    if (button) {
      button.textContent = 'Play';
      button.setAttribute('aria-pressed', 'false');
    }
  }

  // Code and the real op -----------------------------------------------------------------------------

  private async copy(): Promise<void> {
    const status = part(this, 'copy-status');
    try {
      await navigator.clipboard.writeText(part(this, 'code').textContent ?? '');
      status.textContent = 'Copied.';
    } catch {
      status.textContent = 'This browser did not allow copying: select the code and copy it by hand.';
    }
  }

  private async openReal(): Promise<void> {
    if (!this.real) {
      const { RealView } = await import('./real-view.ts');
      this.real ??= new RealView(part(this, 'real'), (state, words) => {
        this.setAttribute('data-state', state);
        this.status.announce(state === 'done' ? `${settingSentence(this.state.setting, this.state.mode)}. ${words}` : words);
      });
    }
    await this.real.show(() => this.state);
  }
}

if (!customElements.get('tk-conv-explorer')) customElements.define('tk-conv-explorer', ConvExplorerElement);
