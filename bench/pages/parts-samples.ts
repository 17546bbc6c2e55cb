/**
 * Sample code and output items for the hidden parts page (parts-harness.ts). Pure data.
 */
import type { OutputItem } from '../../src/workers/code/protocol.ts';

export const SAMPLE_CODE = `// Sigmoid squashes any number into (0, 1).
function sigmoid(z) {
  return 1 / (1 + Math.exp(-z));
}

const xs = [-4, -2, 0, 2, 4];
for (const x of xs) {
  print(\`sigmoid(\${x}) = \${sigmoid(x).toFixed(3)}\`);
}
const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1] }));
return { ok: true, count: xs.length, pattern: /ab+c/g };
`;

export const NEW_STARTER = `// Sigmoid squashes any number into (0, 1).
function sigmoid(z) {
  // TODO: return 1 / (1 + e^(-z))
  return 0;
}

print(sigmoid(0));
`;

/** A 28×28 RGBA test picture: a ring whose radius depends on `seed`, dark ink on white. */
function ringImage(seed: number): Uint8ClampedArray {
  const side = 28;
  const rgba = new Uint8ClampedArray(side * side * 4);
  const r = 5 + (seed % 6);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const d = Math.hypot(x - 13.5, y - 13.5);
      const ink = Math.max(0, 1 - Math.abs(d - r) / 1.6);
      const v = Math.round(255 * (1 - ink));
      const o = (y * side + x) * 4;
      rgba[o] = v;
      rgba[o + 1] = seed % 3 === 0 ? v : Math.min(255, v + 40 * ink);
      rgba[o + 2] = v;
      rgba[o + 3] = 255;
    }
  }
  return rgba;
}

function lossCurve(epochs: number): OutputItem {
  const train: Array<[number, number]> = [];
  const test: Array<[number, number]> = [];
  for (let e = 0; e <= epochs; e++) {
    train.push([e, 2.3 * Math.exp(-e / 4) + 0.08]);
    test.push([e, 2.3 * Math.exp(-e / 5) + 0.15]);
  }
  return {
    kind: 'plot',
    plot: 'line',
    key: 'loss',
    title: 'Loss while training',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [
      { name: 'training', points: train },
      { name: 'test', points: test },
    ],
  };
}

function clusters(): OutputItem {
  const series = [0, 1, 2].map((c) => {
    const points: Array<[number, number]> = [];
    for (let i = 0; i < 40; i++) {
      const a = (i * 2.399) % (2 * Math.PI);
      const r = 0.3 + ((i * 37) % 10) / 12;
      points.push([Math.cos(c * 2.1) * 3 + r * Math.cos(a), Math.sin(c * 2.1) * 3 + r * Math.sin(a)]);
    }
    return { name: `class ${c}`, points };
  });
  return { kind: 'plot', plot: 'scatter', key: 'clusters', title: 'Three clusters', xLabel: 'x₁', yLabel: 'x₂', series };
}

export function sampleItems(): OutputItem[] {
  return [
    { kind: 'text', stream: 'print', text: 'sigmoid(-4) = 0.018' },
    { kind: 'text', stream: 'print', text: 'sigmoid(0) = 0.500' },
    { kind: 'text', stream: 'log', text: 'Tensor\n  [[1, 2],\n   [3, 4]]' },
    { kind: 'text', stream: 'info', text: 'Loaded 1,000 training images.' },
    { kind: 'text', stream: 'warn', text: 'The learning rate 5 is very large; training may diverge.' },
    { kind: 'text', stream: 'error', text: 'NaN loss at epoch 3' },
    { kind: 'progress', fraction: 0.25, label: 'Training' },
    lossCurve(4),
    clusters(),
    {
      kind: 'images',
      title: 'Test pictures',
      images: Array.from({ length: 12 }, (_, i) => ({ width: 28, height: 28, rgba: ringImage(i), label: String(i % 10) })),
    },
    {
      kind: 'table',
      title: 'Accuracy per class',
      columns: ['class', 'accuracy', 'examples', 'hard?'],
      rows: [
        ['zero', 0.9871, 980, false],
        ['one', 0.9912, 1135, false],
        ['eight', 0.912345678, 974, true],
        ['nine', null, 1009, null],
      ],
    },
    lossCurve(12), // same key: updates the first plot in place
    { kind: 'progress', fraction: 0.6, label: 'Training' },
    { kind: 'truncated', hiddenLines: 1234 },
  ];
}
