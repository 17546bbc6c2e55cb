/**
 * The layout of a network diagram, in the spirit of TensorFlow Playground: each layer a column of
 * unit nodes (a big layer shows its first few units and a "+N" ellipsis), edges between the shown
 * units of neighbouring layers, and under each column its name, units, activation and parameter
 * count. Pure: numbers in, positions and words out; network-diagram.ts turns it into SVG.
 */
import { formatCount } from '../lib/format/numbers.ts';

export interface LayerSpec {
  /** "Input", "Hidden", "Output"… */
  name: string;
  units: number;
  /** "ReLU", "softmax"; none for the input. */
  activation?: string;
  /** A note on the input's shape, e.g. "28×28 pixels". */
  note?: string;
}

export interface DiagramNode {
  x: number;
  y: number;
}

export interface DiagramColumn {
  x: number;
  layer: LayerSpec;
  /** Weights and biases of the dense layer into this one; 0 for the input. */
  params: number;
  nodes: DiagramNode[];
  /** Units not drawn ("+N" below the last node), 0 when every unit is drawn. */
  hidden: number;
  /** Where the "+N" goes. */
  ellipsis: DiagramNode | null;
  /** The label lines under the column: name, units, activation (when any), parameters (after the input). */
  lines: string[];
}

export interface DiagramEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface NetworkLayout {
  width: number;
  height: number;
  radius: number;
  /** Baseline of the first label line, and the distance between lines. */
  labelTop: number;
  lineHeight: number;
  columns: DiagramColumn[];
  edges: DiagramEdge[];
  /** Every weight and bias. */
  totalParams: number;
  /** The whole diagram in one sentence (the text alternative). */
  description: string;
}

export interface LayoutOptions {
  /** Most nodes drawn in a column, the ellipsis included. Default 8. */
  maxNodes?: number;
  /** Horizontal distance between columns. Default 120. */
  columnGap?: number;
  /** Vertical distance between nodes. Default 22. */
  nodeGap?: number;
  /** Node radius. Default 7. */
  radius?: number;
  /** Height of one label line. Default 15. */
  lineHeight?: number;
}

/** Weights and biases of a dense layer from `inputs` to `units`: 784 → 128 has 100,480. */
export function denseParams(inputs: number, units: number): number {
  return inputs * units + units;
}

/** "1 unit", "784 units". */
const unitsText = (n: number): string => `${formatCount(n)} ${n === 1 ? 'unit' : 'units'}`;
const paramsText = (n: number): string => `${formatCount(n)} ${n === 1 ? 'parameter' : 'parameters'}`;

/** The layout of `layers` (input first); throws on an empty list or a layer without units. */
export function layoutNetwork(layers: readonly LayerSpec[], options: LayoutOptions = {}): NetworkLayout {
  if (layers.length === 0) throw new Error('A network diagram needs at least one layer.');
  for (const l of layers) {
    if (!(Number.isInteger(l.units) && l.units > 0)) throw new Error(`Layer "${l.name}" needs a whole number of units, got ${l.units}.`);
  }
  const { maxNodes = 8, columnGap = 120, nodeGap = 22, radius = 7, lineHeight = 15 } = options;
  const shownMax = Math.max(2, maxNodes);
  const margin = { top: radius + 6, side: columnGap / 2 };

  // How many nodes each column draws: every unit, or (shownMax − 1) units and the ellipsis.
  const slots = layers.map((l) => (l.units <= shownMax ? l.units : shownMax));
  const tallest = Math.max(...slots);
  const nodesHeight = (tallest - 1) * nodeGap;
  const labelTop = margin.top + nodesHeight + radius + 16;
  const lineCount = Math.max(...layers.map((l, i) => 2 + (l.activation ? 1 : 0) + (l.note ? 1 : 0) + (i > 0 ? 1 : 0)));

  const columns: DiagramColumn[] = layers.map((layer, i) => {
    const x = margin.side + i * columnGap;
    const drawnUnits = layer.units <= shownMax ? layer.units : shownMax - 1;
    const hidden = layer.units - drawnUnits;
    const count = slots[i]!;
    // Centre the column's slots on the tallest column.
    const top = margin.top + ((tallest - count) * nodeGap) / 2;
    const nodes = Array.from({ length: drawnUnits }, (_, k) => ({ x, y: top + k * nodeGap }));
    const ellipsis = hidden > 0 ? { x, y: top + drawnUnits * nodeGap } : null;
    const params = i === 0 ? 0 : denseParams(layers[i - 1]!.units, layer.units);
    const lines = [layer.name, unitsText(layer.units)];
    if (layer.note) lines.push(layer.note);
    if (layer.activation) lines.push(layer.activation);
    if (i > 0) lines.push(paramsText(params));
    return { x, layer, params, nodes, hidden, ellipsis, lines };
  });

  const edges: DiagramEdge[] = [];
  for (let i = 1; i < columns.length; i++) {
    for (const a of columns[i - 1]!.nodes) {
      for (const b of columns[i]!.nodes) edges.push({ x1: a.x + radius, y1: a.y, x2: b.x - radius, y2: b.y });
    }
  }

  const totalParams = networkParams(layers);
  const description =
    `A network diagram: ` +
    columns.map((c) => [c.layer.name.toLowerCase(), unitsText(c.layer.units), c.layer.activation].filter(Boolean).join(' ')).join(' → ') +
    `; ${paramsText(totalParams)} in all.`;

  return {
    width: margin.side * 2 + (layers.length - 1) * columnGap,
    height: labelTop + (lineCount - 1) * lineHeight + 6,
    radius,
    labelTop,
    lineHeight,
    columns,
    edges,
    totalParams,
    description,
  };
}

/** Every weight and bias of dense layers joining `layers` in order: [784, 128, 10] → 101,770. */
export function networkParams(layers: readonly Pick<LayerSpec, 'units'>[]): number {
  let total = 0;
  for (let i = 1; i < layers.length; i++) total += denseParams(layers[i - 1]!.units, layers[i]!.units);
  return total;
}

/** Activation names as the diagram writes them. */
const ACTIVATION_NAMES: Readonly<Record<string, string>> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid', softmax: 'softmax' };

/**
 * The diagram layers of a from-scratch network (src/lib/nn: dense layers, each maybe followed by an
 * activation) after `inputs` inputs: [dense 8, tanh, dense 1] → Input 2, Hidden 8 tanh, Output 1.
 * A dense layer with no activation after it is "linear"; `outputActivation` names what the loss puts
 * on the last one (a sigmoid for a single logit).
 */
export function layersFromStack(
  inputs: number,
  stack: readonly ({ kind: 'dense'; units: number } | { kind: string })[],
  options: { inputNote?: string; outputActivation?: string } = {},
): LayerSpec[] {
  const out: LayerSpec[] = [{ name: 'Input', units: inputs, ...(options.inputNote ? { note: options.inputNote } : {}) }];
  for (const layer of stack) {
    if ('units' in layer) out.push({ name: 'Hidden', units: layer.units, activation: 'linear' });
    else if (out.length > 1) out[out.length - 1]!.activation = ACTIVATION_NAMES[layer.kind] ?? layer.kind;
  }
  const last = out[out.length - 1]!;
  if (out.length > 1) {
    last.name = 'Output';
    if (options.outputActivation && last.activation === 'linear') last.activation = options.outputActivation;
  }
  return out;
}
