/**
 * A small x–y plot (line or scatter) for the output of reader code: any number of series, axis
 * labels, a legend when there are several series, a text alternative. `update()` replaces the
 * data in place (live-updating plots); drawing happens at most once per animation frame.
 *
 * Series are told apart by colour (var(--tk-plot-1..6)) and by dash pattern (lines) or marker
 * shape (scatters), so colour is never the only cue. Scatter markers of a series are one <path>,
 * so thousands of points stay cheap; more than `maxPoints` per series are thinned.
 *
 * The line chart of the trainer widgets (line-chart.ts) is built for series known up front that
 * grow point by point; reader plots arrive whole, with any series names, and may be scatters.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { line } from 'd3-shape';
import { drawHorizontalGrid } from './grid.ts';
import type { Point } from './scales.ts';
import {
  describePlot,
  finitePoints,
  markerIsStroked,
  markerPath,
  plotDomains,
  pointsToDraw,
  seriesStyle,
  type MarkerShape,
  type XyPlotSpec,
} from './xy-model.ts';

export type { XyPlotSpec } from './xy-model.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 10, right: 16, bottom: 42, left: 56 };
const HEIGHT = 200;
const MAX_POINTS = 2000;
const MARKER_R = 3.5;

const tickFormat = (v: number): string =>
  Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(4)));

export class XyPlot {
  readonly element: HTMLElement;
  private spec: XyPlotSpec;
  private readonly caption: HTMLElement;
  private readonly legend: HTMLUListElement;
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly plot: Selection<SVGGElement, unknown, null, undefined>;
  private readonly resizeObserver: ResizeObserver | null;
  private frame = 0;
  private width = 0;
  private destroyed = false;

  constructor(host: HTMLElement, spec: XyPlotSpec) {
    this.spec = spec;
    this.element = document.createElement('figure');
    this.element.className = 'tk-plot';
    this.caption = document.createElement('figcaption');
    this.caption.className = 'tk-plot__title';
    const svgEl = document.createElementNS(SVG_NS, 'svg');
    this.legend = document.createElement('ul');
    this.legend.className = 'tk-plot__legend';
    this.element.append(this.caption, svgEl, this.legend);
    host.append(this.element);

    this.svg = select(svgEl).attr('class', 'tk-plot__svg').attr('role', 'img');
    this.plot = this.svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    this.plot.append('g').attr('class', 'tk-plot__grid');
    this.plot.append('g').attr('class', 'tk-plot__axis tk-plot__axis--x').attr('transform', `translate(0,${HEIGHT})`);
    this.plot.append('g').attr('class', 'tk-plot__axis tk-plot__axis--y');
    this.plot.append('text').attr('class', 'tk-plot__axis-title tk-plot__axis-title--x').attr('text-anchor', 'middle');
    this.plot
      .append('text')
      .attr('class', 'tk-plot__axis-title tk-plot__axis-title--y')
      .attr('text-anchor', 'middle')
      .attr('transform', `translate(${-MARGIN.left + 14},${HEIGHT / 2}) rotate(-90)`);
    this.plot.append('g').attr('class', 'tk-plot__series');

    this.resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.schedule()) : null;
    this.resizeObserver?.observe(this.element);
    this.renderLegend();
    this.render();
  }

  /** Replace the plot's data (and title, labels, kind) and redraw on the next frame. */
  update(spec: XyPlotSpec): void {
    const legendChanged =
      spec.kind !== this.spec.kind ||
      spec.series.length !== this.spec.series.length ||
      spec.series.some((s, i) => s.name !== this.spec.series[i]?.name);
    this.spec = spec;
    if (legendChanged) this.renderLegend();
    this.schedule();
  }

  describe(): string {
    return describePlot(this.spec);
  }

  /** Draw now (normally once per frame after a change). */
  render(): void {
    if (this.destroyed) return;
    this.frame = 0;
    const { spec } = this;
    this.caption.textContent = spec.title ?? '';
    this.caption.hidden = !spec.title;

    const measured = this.element.clientWidth;
    if (measured > 0) this.width = measured;
    const outer = this.width > 0 ? this.width : 480;
    const w = Math.max(80, outer - MARGIN.left - MARGIN.right);
    const totalHeight = HEIGHT + MARGIN.top + MARGIN.bottom;
    this.svg.attr('width', outer).attr('height', totalHeight).attr('viewBox', `0 0 ${outer} ${totalHeight}`);
    this.svg.attr('aria-label', this.describe());

    const domains = plotDomains(spec.series, spec.kind);
    const x = scaleLinear().domain(domains.x).range([0, w]);
    const y = scaleLinear().domain(domains.y).range([HEIGHT, 0]);
    const xTicks = Math.max(2, Math.min(10, Math.floor(w / 70)));
    this.plot.select<SVGGElement>('.tk-plot__axis--x').call(
      axisBottom(x)
        .ticks(xTicks)
        .tickFormat((v) => tickFormat(Number(v)))
        .tickSizeOuter(0),
    );
    this.plot.select<SVGGElement>('.tk-plot__axis--y').call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((v) => tickFormat(Number(v)))
        .tickSizeOuter(0),
    );
    this.plot
      .select<SVGTextElement>('.tk-plot__axis-title--x')
      .attr('x', w / 2)
      .attr('y', HEIGHT + 36)
      .text(spec.xLabel ?? '');
    this.plot.select<SVGTextElement>('.tk-plot__axis-title--y').text(spec.yLabel ?? '');
    drawHorizontalGrid(this.plot.select<SVGGElement>('.tk-plot__grid'), y, w);

    const pathFor = line<Point>()
      .x((p) => x(p.x))
      .y((p) => y(p.y));
    const data = spec.series.map((s, i) => ({ style: seriesStyle(i), points: pointsToDraw(spec.kind, finitePoints(s.points), MAX_POINTS) }));
    this.plot
      .select<SVGGElement>('.tk-plot__series')
      .selectAll<SVGPathElement, (typeof data)[number]>('path')
      .data(data)
      .join('path')
      .attr('class', spec.kind === 'line' ? 'tk-plot__line' : 'tk-plot__markers')
      .attr('d', (d) => {
        if (d.points.length === 0) return null;
        if (spec.kind === 'line') return pathFor(d.points as Point[]);
        return d.points.map((p) => markerPath(d.style.marker, x(p.x), y(p.y), MARKER_R)).join('');
      })
      .style('stroke', (d) => d.style.color)
      .style('stroke-dasharray', (d) => (spec.kind === 'line' ? d.style.dash : 'none'))
      .style('fill', (d) => (spec.kind === 'scatter' && !markerIsStroked(d.style.marker) ? d.style.color : 'none'))
      .style('fill-opacity', spec.kind === 'scatter' ? '0.8' : '1');
  }

  destroy(): void {
    this.destroyed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizeObserver?.disconnect();
    this.element.remove();
  }

  private renderLegend(): void {
    const { spec } = this;
    // One series needs no legend; its name is in the text alternative.
    this.legend.hidden = spec.series.length < 2;
    this.legend.replaceChildren(
      ...spec.series.map((s, i) => {
        const item = document.createElement('li');
        item.append(swatch(spec.kind, seriesStyle(i)));
        item.append(document.createTextNode(s.name));
        return item;
      }),
    );
  }

  private schedule(): void {
    if (this.destroyed || this.frame) return;
    this.frame = requestAnimationFrame(() => this.render());
  }
}

/** A small sample of a series' look (dash pattern or marker) for the legend. */
function swatch(kind: 'line' | 'scatter', style: { color: string; dash: string; marker: MarkerShape }): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'tk-plot__swatch');
  svg.setAttribute('width', '26');
  svg.setAttribute('height', '12');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG_NS, 'path');
  if (kind === 'line') {
    path.setAttribute('d', 'M1,6H25');
    path.setAttribute('style', `stroke:${style.color};stroke-width:2.5;fill:none;stroke-dasharray:${style.dash}`);
  } else {
    path.setAttribute('d', markerPath(style.marker, 13, 6, 4));
    const filled = !markerIsStroked(style.marker);
    path.setAttribute('style', `stroke:${style.color};stroke-width:1.5;fill:${filled ? style.color : 'none'}`);
  }
  svg.append(path);
  return svg;
}
