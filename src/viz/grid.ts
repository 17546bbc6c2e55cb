/** Horizontal grid lines at the y ticks, shared by the d3 charts. */
import type { ScaleLinear } from 'd3-scale';
import type { Selection } from 'd3-selection';

/** Draws (or moves) one line per y tick across `width` in `group`. */
export function drawHorizontalGrid(
  group: Selection<SVGGElement, unknown, null, undefined>,
  y: ScaleLinear<number, number>,
  width: number,
  ticks = 5,
): void {
  group
    .selectAll('line')
    .data(y.ticks(ticks))
    .join('line')
    .attr('x1', 0)
    .attr('x2', width)
    .attr('y1', (d) => y(d))
    .attr('y2', (d) => y(d));
}
