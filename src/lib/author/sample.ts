/**
 * What a new author sees first in /author: a short lesson that shows, and explains, every feature
 * the preview supports; and the cheat sheet beside the editor. Both are plain data.
 *
 * The sample must stay clean: valid frontmatter and no diagnostic at all (sample.test.ts renders it),
 * so the first thing an author sees is a lesson exactly as it will look, not an error.
 */

/** The lesson a new draft starts with (frontmatter and body). */
export const SAMPLE_DOCUMENT = `---
title: My first lesson
summary: A tour of the lesson editor, using softmax as the example. Change anything and watch the preview.
order: 10
track: foundations
objectives:
  - Write prose, maths and code the way a Tinker lesson does
  - Place callouts, figures, quizzes and widgets
minutes: 10
draft: true
---

Welcome! Type on the left and the preview on the right shows the lesson exactly as it will be
published. The block between the \`---\` lines at the top is the **frontmatter**: the title,
summary, track and objectives. A wrong field is marked on its own line with what to write
instead. \`draft: true\` keeps the lesson out of the built site until you are ready.

## Text

Write paragraphs as plain text, with *italic* (Ctrl/⌘+I), **bold** (Ctrl/⌘+B) and \`code\`.
A [link](https://en.wikipedia.org/wiki/Softmax_function) is Ctrl/⌘+K. Start a line with \`##\`
for a section heading and \`###\` for a subsection (Ctrl+Shift+H); they make the lesson's
table of contents.
To name a file of Tinker's own code, write
<SourceLink path="src/lib/nn/dense.ts">the engine's \`Dense\` layer</SourceLink>: it links to the
file when the site is built with a repository address, and reads as plain text otherwise.

### Lists and tables

- A dash starts a bullet list,
- one item per line.

1. A number and a dot start a numbered list.
2. Pipes and a line of dashes make a table:

| logit $z_k$ | $e^{z_k}$ | softmax $p_k$ |
| ---: | ---: | ---: |
| 2 | 7.389 | 0.665 |
| 1 | 2.718 | 0.245 |
| 0 | 1.000 | 0.090 |

> A blockquote starts with \`>\`: good for a definition or a quotation.

## Maths

Inline maths goes between single dollars (Ctrl+Shift+M): softmax turns the logits $z_1, \\dots, z_K$
into probabilities $p_k$, and the cross-entropy loss of the right class $y$ is $L = -\\log p_y$.
Display maths goes between double dollars on lines of their own (Ctrl+Shift+D):

$$
p_k = \\frac{e^{z_k}}{\\sum_{j=1}^{K} e^{z_j}},
\\qquad
L(\\mathbf{z}, y) = -\\log p_y = \\log \\sum_{j=1}^{K} e^{z_j} - z_y
$$

KaTeX renders the maths as you type. A formula it cannot read (try deleting a closing brace)
turns red with KaTeX's message, and the rest of the lesson keeps rendering.

## Code

A fenced code block (Ctrl+Shift+X) is highlighted exactly as in the published lesson:

${'```'}js
// Softmax of a list of logits, shifted by the largest for numerical safety.
function softmax(z) {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

softmax([2, 1, 0]); // [0.665, 0.245, 0.090]
${'```'}

## Components

Components are written like HTML tags, with a capital letter. Their content is Markdown, maths
included.

<Callout kind="note">
  A note, for something worth knowing. \`kind\` is \`note\`, \`tip\` or \`warning\`, and \`title\` is optional.
</Callout>

<Callout kind="tip" title="Try this">
  Add the same number $c$ to every logit and work out the softmax again: it does not change, since
  the factor $e^c$ cancels between the top and the bottom of the fraction.
</Callout>

<Callout kind="warning" title="Large logits">
  In floating point, $e^{1000}$ overflows to infinity: subtract $\\max_j z_j$ from every logit first, as the code does.
</Callout>

A margin note holds a short side remark. In the lesson it sits in the right margin beside the
paragraph before it on a wide screen, and in the text on a narrow one.

<MarginNote>Softmax is also called the *normalised exponential*.</MarginNote>

A quiz checks understanding; its content is the explanation, shown once the reader answers.
The \`id\` must be unique in the course. \`feedback\` answers the mistakes you expect: it shows
after "Not quite" when the reader picks that option (in a numeric quiz: \`{ value: 720000, text: "…" }\`,
or a range such as \`{ min: -1, max: 0, text: "…" }\`).

<Quiz id="my-first-lesson-softmax-sum" question="What do the softmax outputs $p_1, \\dots, p_K$ add up to?"
      options={["0", "1", "$K$, the number of classes", "It depends on the logits"]} answer={1}
      feedback={[
        { option: 2, text: "There are $K$ outputs, but each is a share of one whole, not a whole itself." },
        { option: 3, text: "The logits decide how the whole is shared out, not how large it is." }
      ]}>
  Always 1, whatever the logits: $\\sum_{k=1}^{K} p_k = \\frac{\\sum_k e^{z_k}}{\\sum_j e^{z_j}} = 1$.
</Quiz>

A live widget shows as a labelled box here and runs in the published lesson. Wrap it in a
\`Figure\` to give it a caption:

<Figure caption="A network learning to read handwritten digits, trained in your browser.">
  <MnistTrainer />
</Figure>

{/* A comment like this one is hidden in the preview and in the lesson. */}

## When you are done

Your draft is saved in this browser as you type; **Export** downloads it as an \`.mdx\` file, with
the import lines it needs, to drop into \`content/lessons/\`. Raw HTML is shown but cleaned of
anything that could run, and \`{…}\` expressions are never evaluated in the preview.
`;

/** One line of the cheat sheet. */
export interface CheatSheetEntry {
  label: string;
  /** What to type (may span lines). */
  syntax: string;
  note?: string;
}

/** The cheat sheet beside the editor: the syntax of each feature, shortest first. */
export const CHEAT_SHEET: readonly CheatSheetEntry[] = [
  { label: 'Heading', syntax: '## Section\n### Subsection', note: 'Ctrl+Shift+H. Headings make the table of contents.' },
  { label: 'Bold', syntax: '**bold**', note: 'Ctrl/⌘+B' },
  { label: 'Italic', syntax: '*italic*', note: 'Ctrl/⌘+I' },
  { label: 'Link', syntax: '[words](https://example.org)', note: 'Ctrl/⌘+K' },
  {
    label: 'Image',
    syntax: '![Chelsea the cat](/images/samples/chelsea.png)',
    note: 'A file in public/; the alt text says what it shows.',
  },
  { label: 'List', syntax: '- item\n- item\n\n1. first\n2. second' },
  { label: 'Table', syntax: '| x | $x^2$ |\n| ---: | ---: |\n| 2 | 4 |', note: 'Colons set the alignment.' },
  { label: 'Inline maths', syntax: '$\\sigma(z) = 1/(1+e^{-z})$', note: 'Ctrl+Shift+M. KaTeX syntax.' },
  {
    label: 'Display maths',
    syntax: '$$\nL = -\\frac{1}{N}\\sum_{i=1}^{N} \\log p_{y_i}\n$$',
    note: 'Ctrl+Shift+D. The $$ lines stand alone.',
  },
  { label: 'Code block', syntax: '```js\nconst x = tf.tensor([1, 2, 3]);\n```', note: 'Ctrl+Shift+X. js, ts, python, bash, json, …' },
  {
    label: 'Callout',
    syntax: '<Callout kind="tip" title="Try this">\n  Markdown and $maths$.\n</Callout>',
    note: 'kind: note, tip or warning; title is optional.',
  },
  {
    label: 'Figure',
    syntax: '<Figure caption="What it shows.">\n  <MnistTrainer />\n</Figure>',
    note: 'Wraps an image, a table or a widget. width="page" widens it into the right margin, width="screen" to the full screen width (see /about/style/).',
  },
  {
    label: 'Margin note',
    syntax: '<MarginNote>A short side remark.</MarginNote>',
    note: 'After the paragraph it belongs to: in the right margin on wide screens, in the text on narrow ones.',
  },
  {
    label: 'Quiz (choice)',
    syntax:
      '<Quiz id="my-quiz" question="What is $2 + 2$?"\n      options={["3", "4", "5"]} answer={1}>\n  The explanation, shown after answering.\n</Quiz>',
    note: 'answer counts from 0; add multiple and answer={[0, 2]} for several right options. feedback={[{ option: 2, text: "Why 2 is wrong" }]} answers a wrong pick.',
  },
  {
    label: 'Quiz (numeric)',
    syntax:
      '<Quiz id="my-number" question="What is $1/4$ as a decimal?"\n      numeric answer={0.25} tolerance={0.001}\n      feedback={[{ value: 4, text: "That is $4/1$: divide 1 by 4." }, { max: 0, text: "A quarter is positive." }]}>\n  $1/4 = 0.25$.\n</Quiz>',
    note: 'tolerance, relativeTolerance, percent or unit="ms" as needed. feedback: { value } (within the tolerance) or a range { min, max }; values win over ranges.',
  },
  { label: 'Comment', syntax: '{/* Not shown to readers. */}' },
  {
    label: 'Widgets',
    syntax: '<MnistTrainer />',
    note: 'Every widget shows as a placeholder box here and runs in the published lesson.',
  },
];
