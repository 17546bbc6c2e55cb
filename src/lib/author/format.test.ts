import { describe, expect, it } from 'vitest';
import { applyFormat, FORMAT_COMMANDS, type FormatCommand, type TextEdit } from './format.ts';

/**
 * Runs a command on a document written with its selection marked: «…» around a selection, or a
 * single | for a cursor. Returns the new document marked the same way.
 */
function run(command: FormatCommand, marked: string): string {
  const cursor = marked.indexOf('|');
  let doc: string;
  let from: number;
  let to: number;
  if (cursor >= 0) {
    doc = marked.slice(0, cursor) + marked.slice(cursor + 1);
    from = to = cursor;
  } else {
    from = marked.indexOf('«');
    to = marked.indexOf('»') - 1;
    doc = marked.replace('«', '').replace('»', '');
  }
  const edit = applyFormat(command, doc, { from, to });
  checkChanges(edit, doc.length);
  const next = applyChanges(doc, edit);
  const { from: a, to: b } = edit.selection;
  expect(a).toBeGreaterThanOrEqual(0);
  expect(b).toBeLessThanOrEqual(next.length);
  return a === b ? next.slice(0, a) + '|' + next.slice(a) : next.slice(0, a) + '«' + next.slice(a, b) + '»' + next.slice(b);
}

function applyChanges(doc: string, edit: TextEdit): string {
  let out = '';
  let pos = 0;
  for (const change of edit.changes) {
    out += doc.slice(pos, change.from) + change.insert;
    pos = change.to;
  }
  return out + doc.slice(pos);
}

/** Changes must be sorted, non-overlapping and inside the document. */
function checkChanges(edit: TextEdit, length: number): void {
  let pos = 0;
  for (const change of edit.changes) {
    expect(change.from).toBeGreaterThanOrEqual(pos);
    expect(change.to).toBeGreaterThanOrEqual(change.from);
    pos = change.to;
  }
  expect(pos).toBeLessThanOrEqual(length);
}

describe('FORMAT_COMMANDS', () => {
  it('lists every command once with its key and label', () => {
    expect(FORMAT_COMMANDS.map((c) => [c.command, c.key, c.keyLabel])).toEqual([
      ['bold', 'Mod-b', 'Ctrl+B'],
      ['italic', 'Mod-i', 'Ctrl+I'],
      ['link', 'Mod-k', 'Ctrl+K'],
      ['inline-math', 'Mod-Shift-m', 'Ctrl+Shift+M'],
      ['display-math', 'Mod-Shift-d', 'Ctrl+Shift+D'],
      ['code-block', 'Mod-Shift-x', 'Ctrl+Shift+X'],
      ['heading', 'Mod-Shift-h', 'Ctrl+Shift+H'],
    ]);
    for (const c of FORMAT_COMMANDS) expect(c.label.length).toBeGreaterThan(2);
  });
});

describe('bold, italic, inline maths', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(run('bold', 'a «word» b')).toBe('a **«word»** b');
    expect(run('italic', 'a «word» b')).toBe('a _«word»_ b');
    expect(run('inline-math', 'so «x^2» is')).toBe('so $«x^2»$ is');
  });

  it('leaves spaces at the ends of the selection outside the markers', () => {
    expect(run('bold', 'a« word »b')).toBe('a **«word»** b');
  });

  it('accepts a backwards selection', () => {
    const edit = applyFormat('bold', 'a word b', { from: 6, to: 2 });
    expect(edit.changes).toEqual([
      { from: 2, to: 2, insert: '**' },
      { from: 6, to: 6, insert: '**' },
    ]);
  });

  it('inserts an empty pair with the cursor between, and takes it away again', () => {
    expect(run('bold', 'a |b')).toBe('a **|**b');
    expect(run('bold', 'a **|**b')).toBe('a |b');
    expect(run('italic', '|')).toBe('_|_');
    expect(run('inline-math', 'x |')).toBe('x $|$');
    expect(run('inline-math', 'x $|$')).toBe('x |');
  });

  it('toggles off when the markers are inside the selection', () => {
    expect(run('bold', 'a «**word**» b')).toBe('a «word» b');
    expect(run('italic', 'a «_word_» b')).toBe('a «word» b');
    expect(run('italic', 'a «*word*» b')).toBe('a «word» b');
    expect(run('inline-math', '«$x$»')).toBe('«x»');
  });

  it('toggles off when the markers are just outside the selection', () => {
    expect(run('bold', 'a **«word»** b')).toBe('a «word» b');
    expect(run('italic', 'a _«word»_ b')).toBe('a «word» b');
    expect(run('inline-math', 'a $«x + 1»$ b')).toBe('a «x + 1» b');
  });

  it('does not take bold for italic', () => {
    expect(run('italic', 'a **«word»** b')).toBe('a **_«word»_** b');
    expect(run('bold', 'a _«word»_ b')).toBe('a _**«word»**_ b');
  });

  it('wraps each line of a multi-line selection on its own, after list markers', () => {
    expect(run('bold', '- «one\n- two\n\n- three»')).toBe('- **«one**\n- **two**\n\n- **three»**');
    expect(run('italic', 'fir«st line\nsecond» line')).toBe('fir_«st line_\n_second»_ line');
  });

  it('unwraps a multi-line selection when every line is wrapped', () => {
    expect(run('bold', '«**one**\n**two**»')).toBe('«one\ntwo»');
    expect(run('bold', '«**one**\ntwo»')).toBe('«**one**\n**two»**');
  });

  it('keeps inline maths over several lines as one formula', () => {
    expect(run('inline-math', '«a +\nb»')).toBe('$«a +\nb»$');
  });
});

describe('link', () => {
  it('links the selected text and selects the URL to type', () => {
    expect(run('link', 'see «the docs» now')).toBe('see [the docs](«https://») now');
  });

  it('inserts a link with its text selected when nothing is selected', () => {
    expect(run('link', 'see | now')).toBe('see [«link text»](https://) now');
  });

  it('uses a selected URL as the address and selects the text', () => {
    expect(run('link', '«https://example.org/a»')).toBe('[«link text»](https://example.org/a)');
  });
});

describe('display maths and code blocks', () => {
  it('puts $$ on their own lines with blank lines around, selecting the formula', () => {
    expect(run('display-math', 'The sum «a + b» is')).toBe('The sum\n\n$$\n«a + b»\n$$\n\nis');
    expect(run('display-math', 'Intro\n\n«x^2»\n\nNext')).toBe('Intro\n\n$$\n«x^2»\n$$\n\nNext');
    expect(run('display-math', 'Intro\n«x^2»\nNext')).toBe('Intro\n\n$$\n«x^2»\n$$\n\nNext');
  });

  it('inserts an empty block with the cursor inside', () => {
    expect(run('display-math', '|')).toBe('$$\n|\n$$');
    expect(run('display-math', 'Text\n\n|')).toBe('Text\n\n$$\n|\n$$');
    expect(run('code-block', 'Text|')).toBe('Text\n\n```js\n|\n```');
  });

  it('turns selected inline maths into display maths without its dollars', () => {
    expect(run('display-math', '«$e^x$»')).toBe('$$\n«e^x»\n$$');
  });

  it('wraps several lines, leaving a final line break outside', () => {
    expect(run('code-block', 'Code:\n\n«let a = 1;\nlet b = 2;\n»\nDone')).toBe('Code:\n\n```js\n«let a = 1;\nlet b = 2;»\n```\n\nDone');
    expect(run('display-math', '«a\n\\\\ b»')).toBe('$$\n«a\n\\\\ b»\n$$');
  });

  it('uses a longer fence when the code holds backticks', () => {
    expect(run('code-block', '«```\nx\n```»')).toBe('````js\n«```\nx\n```»\n````');
  });
});

describe('heading', () => {
  it('cycles the line through ## → ### → plain → ##', () => {
    expect(run('heading', 'Ti|tle')).toBe('## Ti|tle');
    expect(run('heading', '## Ti|tle')).toBe('### Ti|tle');
    expect(run('heading', '### Ti|tle')).toBe('Ti|tle');
  });

  it('replaces any other heading level with ##', () => {
    expect(run('heading', '# Ti|tle')).toBe('## Ti|tle');
    expect(run('heading', '#### Ti|tle')).toBe('## Ti|tle');
  });

  it('only changes the cursor line', () => {
    expect(run('heading', 'a\nb|\nc')).toBe('a\n## b|\nc');
    expect(run('heading', '|')).toBe('## |');
  });

  it('changes every line of a multi-line selection, following the first line, skipping blank lines', () => {
    expect(run('heading', '«one\n\n## two»')).toBe('## «one\n\n## two»');
    expect(run('heading', '## «one\ntwo»')).toBe('### «one\n### two»');
    expect(run('heading', '### «one\n## two»')).toBe('«one\ntwo»');
  });

  it('does not take the line a selection ends at the start of', () => {
    expect(run('heading', '«one\n»two')).toBe('## «one\n»two');
  });
});
