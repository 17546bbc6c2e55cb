/**
 * A small reusable line chart drawn with d3: one or more series against a shared
 * x axis, with axis labels, a legend and a text alternative.
 *
 * - Colours come from CSS custom properties (with fallbacks), so the chart follows
 *   the light and dark themes without redrawing.
 * - The svg has role="img" and an aria-label that states the latest values.
 * - Appends are cheap: drawing happens at most once per animation frame, and long
 *   series are downsampled to `maxPoints` per series.
 * - Resizes with its container (ResizeObserver). `destroy()` removes everything,
 *   including the pending frame and the observer.
 * - Before any data it shows its empty axes over `xDomain` (and the `target` line); once there is
 *   data the x axis ends at the last point (`xDomainFor`: a chart ends where its data ends).
 *   chart-frame.ts draws the same empty axes as a string, for the markup built before any script.
 */
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select, type Selection } from 'd3-selection';
import { line } from 'd3-shape';
import { CHART_MARGIN as MARGIN, targetMarkup, type ChartTarget } from './chart-frame.ts';
import { drawHorizontalGrid } from './grid.ts';
import { downsample, lastFinite, niceDomain, xDomainFor, type Point } from './scales.ts';

export type { Point } from './scales.ts';

export interface SeriesSpec {
  id: string;
  /** Shown in the legend and the text alternative, e.g. "training loss". */
  label: string;
  /** Any CSS colour, typically `var(--tk-series-1, #0a66c2)`. */
  color: string;
  /** Draw dashed (tells series apart without relying on colour). */
  dashed?: boolean;
  /** Draw a marker at every point (for sparse series like per-epoch test accuracy). */
  markers?: boolean;
}

export interface LineChartOptions {
  /** Short name used in the text alternative, e.g. "Loss". */
  title: string;
  xLabel: string;
  yLabel: string;
  series: SeriesSpec[];
  /**
   * The x domain of the empty axes, before any data (e.g. 0 to the planned epochs). Default [0, 1].
   * With data, the axis runs from its start (or the first point, if earlier) to the last point.
   */
  xDomain?: [number, number];
  /** A dashed goal line, e.g. `{ y: 0.9, label: 'target 90%' }`; drawn before any data. */
  target?: ChartTarget;
  /** Fixed y domain (e.g. [0, 1] for accuracy). When absent, a nice domain around the data. */
  yDomain?: [number, number];
  /** With an automatic y domain: include zero. */
  yIncludeZero?: boolean;
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** Most points drawn per series. Default 400. */
  maxPoints?: number;
  /** Plot height in CSS pixels. Default 180. */
  height?: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

const defaultFormat = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : String(Number(v.toPrecision(3))));

export class LineChart {
  /** The chart's root element (a div holding the svg and the legend). */
  readonly element: HTMLDivElement;
  private readonly options: Required<Omit<LineChartOptions, 'yDomain' | 'target'>> & Pick<LineChartOptions, 'yDomain' | 'target'>;
  private readonly data = new Map<string, Point[]>();
  private readonly legendValues = new Map<string, HTMLElement>();
  private readonly svg: Selection<SVGSVGElement, unknown, null, undefined>;
  private readonly plot: Selection<SVGGElement, unknown, null, undefined>;
  private readonly xAxis: Selection<SVGGElement, unknown, null, undefined>;
  private readonly yAxis: Selection<SVGGElement, unknown, null, undefined>;
  private readonly xTitle: Selection<SVGTextElement, unknown, null, undefined>;
  private readonly resizeObserver: ResizeObserver | null;
  private frame = 0;
  private width = 0;
  private destroyed = false;

  constructor(host: HTMLElement, options: LineChartOptions) {
    this.options = {
      xDomain: [0, 1],
      yIncludeZero: false,
      formatX: defaultFormat,
      formatY: defaultFormat,
      maxPoints: 400,
      height: 180,
      ...options,
    };
    for (const s of options.series) this.data.set(s.id, []);

    this.element = document.createElement('div');
    this.element.className = 'tk-chart';
    host.append(this.element);

    const svgEl = document.createElementNS(SVG_NS, 'svg');
    this.element.append(svgEl);
    this.svg = select(svgEl)
      .attr('class', 'tk-chart__svg')
      .attr('role', 'img')
      .attr('height', this.options.height + MARGIN.top + MARGIN.bottom);

    this.plot = this.svg.append('g').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`);
    this.plot.append('g').attr('class', 'tk-chart__grid');
    this.plot.append('g').attr('data-part', 'target');
    this.xAxis = this.plot.append('g').attr('class', 'tk-chart__axis').attr('transform', `translate(0,${this.options.height})`);
    this.yAxis = this.plot.append('g').attr('class', 'tk-chart__axis');
    this.xTitle = this.plot
      .append('text')
      .attr('class', 'tk-chart__axis-title')
      .attr('text-anchor', 'middle')
      .attr('y', this.options.height + 34)
      .text(this.options.xLabel);
    this.plot
      .append('text')
      .attr('class', 'tk-chart__axis-title')
      .attr('text-anchor', 'middle')
      .attr('transform', `translate(${-MARGIN.left + 12},${this.options.height / 2}) rotate(-90)`)
      .text(this.options.yLabel);
    for (const s of options.series) {
      this.plot
        .append('path')
        .attr('class', 'tk-chart__line')
        .attr('data-series', s.id)
        .attr('fill', 'none')
        .style('stroke', s.color)
        .style('stroke-dasharray', s.dashed ? '6 4' : 'none');
      if (s.markers) this.plot.append('g').attr('class', 'tk-chart__markers').attr('data-series', s.id);
    }

    // Legend: real text, one entry per series, with the latest value.
    const legend = document.createElement('ul');
    legend.className = 'tk-chart__legend';
    for (const s of options.series) {
      const item = document.createElement('li');
      const swatch = document.createElementNS(SVG_NS, 'svg');
      swatch.setAttribute('class', 'tk-chart__swatch');
      swatch.setAttribute('width', '24');
      swatch.setAttribute('height', '10');
      swatch.setAttribute('aria-hidden', 'true');
      const sample = document.createElementNS(SVG_NS, 'line');
      sample.setAttribute('x1', '1');
      sample.setAttribute('x2', '23');
      sample.setAttribute('y1', '5');
      sample.setAttribute('y2', '5');
      sample.setAttribute('style', `stroke:${s.color};stroke-width:2.5${s.dashed ? ';stroke-dasharray:5 3' : ''}`);
      swatch.append(sample);
      if (s.markers) {
        const dot = document.createElementNS(SVG_NS, 'circle');
        dot.setAttribute('cx', '12');
        dot.setAttribute('cy', '5');
        dot.setAttribute('r', '3.5');
        dot.setAttribute('style', `fill:${s.color}`);
        swatch.append(dot);
      }
      const label = document.createElement('span');
      label.textContent = `${s.label}: `;
      const value = document.createElement('span');
      value.className = 'tk-chart__value';
      value.textContent = '—';
      item.append(swatch, label, value);
      legend.append(item);
      this.legendValues.set(s.id, value);
    }
    this.element.append(legend);

    this.resizeObserver =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            this.schedule();
          })
        : null;
    this.resizeObserver?.observe(this.element);
    this.render();
  }

  /** Append one point to a series and redraw on the next frame. */
  add(seriesId: string, point: Point): void {
    const points = this.series(seriesId);
    points.push(point);
    this.schedule();
  }

  /** Replace a series' points. */
  set(seriesId: string, points: readonly Point[]): void {
    this.data.set(seriesId, [...points]);
    this.series(seriesId);
    this.schedule();
  }

  /** Ids of the declared series. */
  seriesIds(): string[] {
    return this.options.series.map((s) => s.id);
  }

  /** Points of a series (a copy). */
  points(seriesId: string): Point[] {
    return [...this.series(seriesId)];
  }

  /** Change the minimum x domain, e.g. when the number of epochs changes. */
  setXDomain(domain: [number, number]): void {
    this.options.xDomain = domain;
    this.schedule();
  }

  /** Remove all points. */
  clear(): void {
    for (const id of this.data.keys()) this.data.set(id, []);
    this.schedule();
  }

  /** Text alternative: the latest value of each series. */
  describe(): string {
    const { title, xLabel, formatX, formatY } = this.options;
    const parts: string[] = [];
    let lastX: number | undefined;
    for (const s of this.options.series) {
      const last = lastFinite(this.data.get(s.id) ?? []);
      if (!last) continue;
      parts.push(`${s.label} ${formatY(last.y)}`);
      lastX = Math.max(lastX ?? -Infinity, last.x);
    }
    if (parts.length === 0) return `${title} chart: no data yet`;
    return `${title} chart: ${parts.join(', ')} at ${xLabel.toLowerCase()} ${formatX(lastX ?? 0)}`;
  }

  /** Draw now (normally called for you once per frame). */
  render(): void {
    if (this.destroyed) return;
    this.frame = 0;
    const { height, formatX, formatY, maxPoints } = this.options;
    const measured = this.element.clientWidth;
    if (measured > 0) this.width = measured;
    const outer = this.width > 0 ? this.width : 480;
    const w = Math.max(80, outer - MARGIN.left - MARGIN.right);
    this.svg.attr('width', outer).attr('viewBox', `0 0 ${outer} ${height + MARGIN.top + MARGIN.bottom}`);

    const all = [...this.data.values()].flat();
    const x = scaleLinear()
      .domain(
        xDomainFor(
          all.map((p) => p.x),
          this.options.xDomain,
        ),
      )
      .range([0, w]);
    const target = this.options.target;
    const yDomain =
      this.options.yDomain ?? niceDomain([...all.map((p) => p.y), ...(target ? [target.y] : [])], { includeZero: this.options.yIncludeZero });
    const y = scaleLinear().domain(yDomain).range([height, 0]);

    const xTicks = Math.max(2, Math.min(10, Math.floor(w / 70)));
    this.xAxis.call(
      axisBottom(x)
        .ticks(xTicks)
        .tickFormat((v) => formatX(Number(v)))
        .tickSizeOuter(0),
    );
    this.yAxis.call(
      axisLeft(y)
        .ticks(5)
        .tickFormat((v) => formatY(Number(v)))
        .tickSizeOuter(0),
    );
    this.xTitle.attr('x', w / 2);
    drawHorizontalGrid(this.plot.select<SVGGElement>('.tk-chart__grid'), y, w);
    // The goal line: the same markup as the empty frame's (chart-frame.ts), moved with the scales.
    this.plot.select('[data-part="target"]').html(target ? targetMarkup(target, y(target.y), w) : '');

    const path = line<Point>()
      .x((p) => x(p.x))
      .y((p) => y(p.y));
    for (const s of this.options.series) {
      const pts = downsample(this.data.get(s.id) ?? [], maxPoints);
      this.plot.select(`path[data-series="${s.id}"]`).attr('d', pts.length > 0 ? path(pts as Point[]) : null);
      if (s.markers) {
        this.plot
          .select(`g.tk-chart__markers[data-series="${s.id}"]`)
          .selectAll('circle')
          .data(pts)
          .join('circle')
          .attr('r', 3.5)
          .attr('cx', (p) => x(p.x))
          .attr('cy', (p) => y(p.y))
          .style('fill', s.color);
      }
      const last = lastFinite(this.data.get(s.id) ?? []);
      const value = this.legendValues.get(s.id);
      if (value) value.textContent = last ? formatY(last.y) : '—';
    }
    this.svg.attr('aria-label', this.describe());
  }

  /** Stop observing, cancel the pending frame and remove the chart from the page. */
  destroy(): void {
    this.destroyed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resizeObserver?.disconnect();
    this.element.remove();
  }

  private series(id: string): Point[] {
    const points = this.data.get(id);
    if (!points) throw new Error(`LineChart "${this.options.title}": unknown series "${id}"; declare it in options.series.`);
    return points;
  }

  private schedule(): void {
    if (this.destroyed || this.frame) return;
    this.frame = requestAnimationFrame(() => this.render());
  }
}
