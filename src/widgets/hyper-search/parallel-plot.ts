/**
 * The live parts of the parallel-coordinates plot, on d3 (imported with this module at Start):
 * a vertical brush on every axis (drag along an axis to filter) and dragging an axis title to
 * move the axis. The drawing itself is ./plot-svg.ts; the element keeps the order and filters.
 */
import { brushY } from 'd3-brush';
import { drag } from 'd3-drag';
import { select } from 'd3-selection';
import { brushToRange, rangeToBrush, slotAt, type Axis, type AxisKey, type Filters, type Range } from '../../lib/search-hp/parallel.ts';
import { PLOT, plotX, plotY } from './plot-svg.ts';

export interface PlotCallbacks {
  /** A brush moved (null: cleared). */
  brushed(key: AxisKey, range: Range | null): void;
  /** An axis title was dropped at slot `to`. */
  moved(key: AxisKey, to: number): void;
}

const BRUSH_HALF_WIDTH = 12;
const fractionAtY = (y: number): number => (PLOT.height - PLOT.bottom - y) / (PLOT.height - PLOT.top - PLOT.bottom);

export class ParallelInteractions {
  constructor(
    private readonly svg: SVGSVGElement,
    private readonly callbacks: PlotCallbacks,
  ) {}

  /** (Re)creates the brushes where the axes now are, showing `filters`, and makes the titles draggable. */
  layout(axes: readonly Axis[], order: readonly AxisKey[], filters: Filters): void {
    const layer = select(this.svg).select<SVGGElement>('[data-part="brushes"]');
    layer.selectAll('*').remove();
    for (const key of order) {
      const axis = axes.find((a) => a.key === key)!;
      const x = plotX(order, key);
      const brush = brushY<unknown>()
        .extent([
          [x - BRUSH_HALF_WIDTH, plotY(1)],
          [x + BRUSH_HALF_WIDTH, plotY(0)],
        ])
        .on('brush end', (event: { selection: [number, number] | null; sourceEvent: unknown }) => {
          if (!event.sourceEvent) return; // moved by layout(), not by the reader
          const s = event.selection;
          this.callbacks.brushed(key, s ? brushToRange(axis, fractionAtY(s[1]), fractionAtY(s[0])) : null);
        });
      const g = layer.append('g').attr('class', 'tk-hp__brush').attr('data-brush', key).call(brush);
      const range = filters[key];
      const f = range ? rangeToBrush(axis, range) : null;
      if (f) brush.move(g, [plotY(f[1]) - (f[1] === f[0] ? 3 : 0), plotY(f[0]) + (f[1] === f[0] ? 3 : 0)]);
    }
    const width = PLOT.width - PLOT.left - PLOT.right;
    const moved = this.callbacks.moved;
    select(this.svg)
      .selectAll<SVGTextElement, unknown>('[data-axis-title]')
      .call(
        drag<SVGTextElement, unknown>()
          .container(this.svg)
          .on('drag', function (event: { x: number }) {
            const x = Math.max(PLOT.left, Math.min(PLOT.width - PLOT.right, event.x));
            this.parentElement?.setAttribute('transform', `translate(${x},0)`);
            this.parentElement?.classList.add('tk-hp__axis--dragging');
          })
          .on('end', function (event: { x: number }) {
            const key = this.getAttribute('data-axis-title') as AxisKey;
            moved(key, slotAt(order, (event.x - PLOT.left) / width));
          }),
      );
  }
}
