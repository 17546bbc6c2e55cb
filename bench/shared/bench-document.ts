/**
 * A deterministic, realistic lesson for the authoring benchmark (`npm run bench -- --only author`):
 * valid frontmatter, ~5,000 words of prose in `##` sections with `###` subsections, paragraphs with
 * inline maths, display maths, lists, fenced code, a Callout, a Figure and a Quiz, and exactly 100
 * formulas (inline and display) by default. The same options always give the same text.
 */
import { mulberry32 } from '../../src/lib/runtime/shuffle.ts';

export interface BenchDocumentOptions {
  /** Prose words to reach at least (default 5,000). */
  words?: number;
  /** Formulas, inline and display together, exactly (default 100). */
  formulas?: number;
}

const SECTION_TITLES = [
  'What a model is',
  'Data as tensors',
  'A single neuron',
  'Loss functions',
  'Gradient descent',
  'Backpropagation',
  'Layers and activations',
  'Overfitting and regularisation',
  'Measuring accuracy',
  'Training in the browser',
  'Batches and epochs',
  'Initialisation',
  'Learning rate schedules',
  'Convolutions',
  'Where to go next',
];

const SUBJECTS = [
  'the network',
  'each weight',
  'the loss',
  'a training example',
  'the gradient',
  'the learning rate',
  'every hidden unit',
  'the optimiser',
  'the test set',
  'a small batch',
  'the output layer',
  'the bias',
];
const VERBS = [
  'changes',
  'measures',
  'pushes',
  'depends on',
  'adds up',
  'follows',
  'reduces',
  'shapes',
  'describes',
  'limits',
  'balances',
  'explains',
];
const OBJECTS = [
  'how far the prediction is from the label',
  'the direction that lowers the error fastest',
  'a few thousand numbers at once',
  'the average over the whole data set',
  'what the previous layer computed',
  'the size of each step downhill',
  'the shape of the decision boundary',
  'how confident the model is',
  'the pixels of one handwritten digit',
  'the sum of many small contributions',
];
const OPENERS = [
  'In practice',
  'As you will see',
  'Put simply',
  'For this reason',
  'At first',
  'After a few epochs',
  'On a real data set',
  'In the widget above',
  'Surprisingly',
  'Most of the time',
];
const TAILS = [
  'and that is all there is to it',
  'which is easy to check by hand',
  'even when the data is noisy',
  'so the numbers stay small',
  'as long as the steps are not too large',
  'because every example counts the same',
  'and training slowly improves it',
  'without any special trick',
];

/** Inline formulas, varied by index so that no two are the same. */
function inlineFormula(k: number): string {
  const forms = [
    (i: number) => `w_{${i}}`,
    (i: number) => `\\sigma(z_{${i}})`,
    (i: number) => `\\frac{\\partial L}{\\partial w_{${i}}}`,
    (i: number) => `x^{(${i})} \\in \\mathbb{R}^{784}`,
    (i: number) => `\\eta = 0.${(i % 9) + 1}`,
    (i: number) => `\\hat{y}_{${i}} = \\operatorname{softmax}(z)_{${i}}`,
    (i: number) => `e^{-${i}x}`,
    (i: number) => `\\lVert w \\rVert_2^2 \\le ${i}`,
    (i: number) => `p_{${i}} \\approx 0.${(i % 9) + 1}`,
    (i: number) => `\\sum_{j=1}^{${i + 1}} a_j`,
  ];
  return forms[k % forms.length]!(k);
}

/** Display formulas, varied by index. */
function displayFormula(k: number): string {
  const forms = [
    (i: number) => `L(w) = \\frac{1}{N} \\sum_{i=1}^{N} \\left( y_i - \\hat{y}_i \\right)^2 + ${i}\\lambda \\lVert w \\rVert^2`,
    (i: number) => `w_{t+1} = w_t - \\eta \\, \\nabla_w L(w_t), \\qquad t = 0, 1, \\dots, ${i}`,
    (i: number) => `\\sigma(z) = \\frac{1}{1 + e^{-z}}, \\qquad \\sigma'(z) = \\sigma(z)\\bigl(1 - \\sigma(z)\\bigr) + 0 \\cdot ${i}`,
    (i: number) =>
      `\\begin{aligned}\n  z &= W x + b \\\\\n  a &= \\max(0, z) \\\\\n  \\hat{y} &= \\operatorname{softmax}(V a + c_{${i}})\n\\end{aligned}`,
    (i: number) => `\\frac{\\partial L}{\\partial w_{${i}}} = \\sum_{k} \\frac{\\partial L}{\\partial z_k} \\frac{\\partial z_k}{\\partial w_{${i}}}`,
    (i: number) => `\\operatorname{accuracy} = \\frac{\\#\\{\\, i : \\hat{y}_i = y_i \\,\\}}{N} \\approx 0.${90 + (i % 9)}`,
  ];
  return forms[k % forms.length]!(k);
}

/** Counts prose words of one text made by `sentence` (no maths or code in it). */
const wordsIn = (text: string): number => text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/**
 * The benchmark lesson. Defaults: at least 5,000 prose words and exactly 100 formulas.
 */
export function benchDocument(options: BenchDocumentOptions = {}): string {
  const targetWords = options.words ?? 5000;
  const totalFormulas = options.formulas ?? 100;
  if (!Number.isInteger(totalFormulas) || totalFormulas < 0) {
    throw new Error(`benchDocument: formulas must be a whole number from 0 up (got ${totalFormulas}).`);
  }
  const rand = mulberry32(7); // seeded, so the lesson is the same on every run
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const sentence = (): string => {
    // Now and then a phrase in bold or italics, as lessons have.
    const style = rand();
    const object = pick(OBJECTS);
    const styled = style < 0.1 ? `**${object}**` : style < 0.18 ? `_${object}_` : object;
    return `${pick(OPENERS)}, ${pick(SUBJECTS)} ${pick(VERBS)} ${styled}, ${pick(TAILS)}.`;
  };

  const displayCount = Math.min(totalFormulas, Math.floor(totalFormulas / 10));
  const inlineCount = totalFormulas - displayCount;
  // Inline formulas, each in a sentence of its own (their words count towards the target too).
  const mathSentences = Array.from({ length: inlineCount }, (_, k) => `Here ${pick(SUBJECTS)} is $${inlineFormula(k)}$, ${pick(TAILS)}.`);
  let words = mathSentences.reduce((sum, text) => sum + wordsIn(text.replace(/\$[^$]*\$/g, '')), 0);

  // Paragraphs of plain prose, until the word target is met.
  const paragraphs: string[] = [];
  while (words < targetWords) {
    const count = 4 + Math.floor(rand() * 3);
    const text = Array.from({ length: count }, sentence).join(' ');
    paragraphs.push(text);
    words += wordsIn(text);
  }
  if (paragraphs.length === 0) paragraphs.push(sentence());

  const sectionCount = Math.max(3, Math.min(SECTION_TITLES.length, Math.round(paragraphs.length / 5)));

  // The maths sentences, spread evenly over the paragraphs.
  let inlineIndex = 0;
  const withMaths = paragraphs.map((text, p) => {
    const want = Math.floor(((p + 1) * inlineCount) / paragraphs.length) - Math.floor((p * inlineCount) / paragraphs.length);
    const extra = mathSentences.slice(inlineIndex, inlineIndex + want);
    inlineIndex += want;
    // Put the maths sentences in the middle of the paragraph, and wrap lines as authors do.
    const sentences = text.split(/(?<=\.) /);
    sentences.splice(Math.ceil(sentences.length / 2), 0, ...extra);
    return wrap(sentences.join(' '), 96);
  });

  const out: string[] = [
    '---',
    'title: Training a network, step by step',
    'summary: "A long benchmark lesson: losses, gradients and layers, with many formulas to typeset."',
    'order: 90',
    'track: foundations',
    'objectives:',
    '  - Write the loss of a model as a formula and say what it measures',
    '  - Follow one step of gradient descent by hand',
    '  - Explain why a network overfits and what regularisation does',
    'minutes: 60',
    'datasets: [mnist]',
    '---',
    '',
    "import Callout from '../../src/components/Callout.astro';",
    "import Figure from '../../src/components/Figure.astro';",
    "import Quiz from '../../src/components/Quiz.astro';",
    '',
  ];

  let displayIndex = 0;
  let paragraphIndex = 0;
  for (let s = 0; s < sectionCount; s++) {
    out.push(`## ${SECTION_TITLES[s % SECTION_TITLES.length]}`, '');
    const end = Math.round(((s + 1) * withMaths.length) / sectionCount);
    const sectionParagraphs = withMaths.slice(paragraphIndex, end);
    paragraphIndex = end;
    // Display formulas: spread over the sections, after the first paragraph.
    const displays = Math.floor(((s + 1) * displayCount) / sectionCount) - Math.floor((s * displayCount) / sectionCount);
    sectionParagraphs.forEach((paragraph, k) => {
      if (k === Math.ceil(sectionParagraphs.length / 2) && sectionParagraphs.length > 2) {
        out.push(`### ${SECTION_TITLES[(s + 5) % SECTION_TITLES.length]}, in detail`, '');
      }
      out.push(paragraph, '');
      if (k === 0) {
        for (let d = 0; d < displays; d++) out.push('$$', displayFormula(displayIndex++), '$$', '');
      }
      if (k === 1) out.push(...extraBlock(s));
    });
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Lists, code, a Callout, a Figure and a Quiz, placed in some sections (after their second paragraph). */
function extraBlock(section: number): string[] {
  switch (section % 5) {
    case 0:
      return [
        'The steps, in order:',
        '',
        '1. Pick a small batch of training examples.',
        '2. Run them through the network and compute the loss.',
        '3. Work out the gradient of the loss with respect to every weight.',
        '4. Move each weight a little against its gradient.',
        '',
      ];
    case 1:
      return [
        '```js',
        `// Section ${section + 1}: one step of gradient descent on a single weight.`,
        'let w = 0.5;',
        'const eta = 0.1;',
        'for (let step = 0; step < 100; step++) {',
        '  const grad = 2 * (w * 3 - 6) * 3;',
        '  w -= eta * grad;',
        '}',
        "print('w =', w);",
        '```',
        '',
      ];
    case 2:
      return section === 2
        ? [
            '<Callout kind="tip" title="Check the shapes first">',
            '  Most bugs in a new model are shape bugs. Print the shape of every tensor before you',
            '  train, and compare it with what you wrote on paper.',
            '',
            '  A mismatch is far easier to find now than after an hour of training.',
            '</Callout>',
            '',
          ]
        : [
            '- **Underfitting**: the model is too simple, and both losses stay high.',
            '- **Overfitting**: the training loss falls while the test loss rises.',
            '  Stop early, or add regularisation.',
            '',
            '- **A good fit**: both losses fall and level off close together.',
            '',
          ];
    case 3:
      return section === 3
        ? [
            '<Figure caption="Chelsea the cat: 451 pixels wide, 300 high, three numbers per pixel.">',
            '  <img src="/images/samples/chelsea.png" alt="A tabby cat looking at the camera." width="451" height="300" />',
            '</Figure>',
            '',
          ]
        : [
            '| batch size | steps per epoch | noise |',
            '|---:|---:|---|',
            '| 1 | 60000 | high |',
            '| 32 | 1875 | medium |',
            '| 1024 | 59 | low |',
            '',
          ];
    default:
      return section === 4
        ? [
            '<Quiz',
            '  id="bench-learning-rate"',
            '  question="The loss jumps around and grows after each step. What should you try first?"',
            '  options={["A larger learning rate", "A smaller learning rate", "More hidden units", "More epochs"]}',
            '  answer={1}',
            '>',
            '  A smaller learning rate. Steps that are too large overshoot the minimum, so each update',
            '  lands higher up the other side of the valley.',
            '</Quiz>',
            '',
          ]
        : ['> A model is only as good as the data it learns from.', ''];
  }
}

/** Wraps text at spaces so no line is longer than `width` (a long word stays whole). */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  // Split at spaces, but keep each $…$ formula whole on one line.
  for (const word of text.match(/(?:\$[^$]*\$|[^ $])+/g) ?? []) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
