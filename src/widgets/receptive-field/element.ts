/**
 * <tk-receptive-field>: the square of input pixels one unit of a CNN sees, growing layer by layer.
 *
 * The static markup (the image, the squares for the middle unit, the unit grid, the numbers) comes
 * from ReceptiveField.astro; this module wires it: the stack select, a click on a unit (or on the
 * image: the unit whose field is centred nearest), and the arrow keys on the grid. No tfjs, no d3.
 *
 * For tests and assistive technology: `data-stack`, `data-unit` ("x,y") and `data-field` (the last
 * layer's field in pixels) on the element, and the `role="status"` line
 * ("After layer 4 (max pool 2 × 2), unit (3, 3) of the 7 × 7 grid sees a 10 × 10 patch …").
 */
import { part } from '../shared/html.ts';
import { publishInlineSize } from '../shared/inline-size.ts';
import { StatusLine } from '../shared/status.ts';
import { IMAGE_SIZE, computeView, stackId, statusFor, unitAfterKey, type Unit, type View } from './model.ts';
import { gridCaption, squaresMarkup, tableMarkup, unitGridMarkup } from './markup.ts';

export class ReceptiveFieldElement extends HTMLElement {
  private view: View | null = null;
  private status: StatusLine | null = null;
  private stopWidths: (() => void) | null = null;

  connectedCallback(): void {
    const select = this.querySelector<HTMLSelectElement>('select[name="stack"]');
    // Created without its markup (not through the component): there is nothing to wire.
    if (!select) return;
    // The unit grid's cells follow its drawing's width (receptive-field.css).
    this.stopWidths ??= publishInlineSize([part(this, 'grid')]);
    if (this.status) return;
    this.status = new StatusLine(part(this, 'status'));
    // The select may hold a restored form value after a reload: it wins over the attribute.
    this.show(computeView(stackId(select.value || this.dataset.stack)), false, true);
    select.addEventListener('change', () => this.show(computeView(stackId(select.value)), false, true));
    const grid = part(this, 'grid');
    grid.addEventListener('click', (event) => {
      const cell = (event.target as Element).closest<HTMLElement>('[role="gridcell"]');
      if (cell) this.choose({ x: Number(cell.dataset.x), y: Number(cell.dataset.y) }, true);
    });
    grid.addEventListener('keydown', (event) => {
      if (!this.view) return;
      const next = unitAfterKey(this.view.unit, event.key, this.view.grid);
      if (!next) return;
      event.preventDefault();
      this.choose(next, true);
    });
    part(this, 'image').addEventListener('click', (event) => this.chooseAt(event));
  }

  disconnectedCallback(): void {
    this.stopWidths?.();
    this.stopWidths = null;
  }

  private choose(unit: Unit, focus: boolean): void {
    if (this.view) this.show(computeView(this.view.stack, unit), focus, false);
  }

  /** A click on the image picks the unit whose field is centred nearest the clicked pixel. */
  private chooseAt(event: MouseEvent): void {
    const view = this.view;
    if (!view) return;
    const box = part(this, 'image').getBoundingClientRect();
    const margin = (box.width / (IMAGE_SIZE + 4)) * 2;
    const pixel = (offset: number, extent: number) => ((offset - margin) / (extent - 2 * margin)) * IMAGE_SIZE - 0.5;
    const last = view.fields[view.fields.length - 1]!;
    const unitAt = (p: number) => Math.round((p - last.first - (last.field - 1) / 2) / last.jump);
    this.choose({ x: unitAt(pixel(event.clientX - box.left, box.width)), y: unitAt(pixel(event.clientY - box.top, box.height)) }, false);
  }

  private show(view: View, focus: boolean, rebuild: boolean): void {
    const previous = this.view;
    this.view = view;
    const last = view.squares[view.squares.length - 1]!;
    this.dataset.stack = view.stack;
    this.dataset.unit = `${view.unit.x},${view.unit.y}`;
    this.dataset.field = String(last.field);
    part(this, 'squares').innerHTML = squaresMarkup(view);
    const grid = part(this, 'grid');
    if (rebuild || !previous) {
      grid.innerHTML = unitGridMarkup(view);
      part(this, 'grid-caption').textContent = gridCaption(view);
      part(this, 'numbers').innerHTML = tableMarkup(view);
    } else {
      for (const cell of grid.querySelectorAll<HTMLElement>('[role="gridcell"]')) {
        const chosen = Number(cell.dataset.x) === view.unit.x && Number(cell.dataset.y) === view.unit.y;
        cell.tabIndex = chosen ? 0 : -1;
        cell.setAttribute('aria-selected', String(chosen));
      }
    }
    if (focus) grid.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
    this.status?.announce(statusFor(view));
  }
}

if (!customElements.get('tk-receptive-field')) customElements.define('tk-receptive-field', ReceptiveFieldElement);
