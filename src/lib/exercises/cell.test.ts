import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../runtime/shuffle.ts';
import {
  MAX_SHARE_CHARS,
  ShareLinkError,
  decodeShareFragment,
  encodeShareFragment,
  errorStatus,
  finishedStatus,
  decideGrade,
  gradeStatus,
  planRestore,
  syntaxErrorStatus,
} from './cell.ts';

// A stand-in hash that is easy to reason about in tests.
const hash = (text: string) => `h${text.length}:${text.slice(0, 8)}`;

describe('planRestore', () => {
  const starter = 'function f() {\n  // TODO\n}\n';

  it('shows the starter when nothing is saved', () => {
    expect(planRestore(undefined, starter, hash)).toEqual({ code: starter, source: 'starter', starterChanged: false });
  });

  it("shows the reader's code when it grew from this starter", () => {
    const plan = planRestore({ code: 'mine', starterHash: hash(starter) }, starter, hash);
    expect(plan).toEqual({ code: 'mine', source: 'saved', starterChanged: false });
  });

  it("keeps the reader's changed code when the site ships a new starter, and says so", () => {
    const old = 'function f() {}\n';
    const plan = planRestore({ code: 'my own work', starterHash: hash(old) }, starter, hash);
    expect(plan).toEqual({ code: 'my own work', source: 'saved', starterChanged: true });
  });

  it('replaces an untouched old starter with the new one', () => {
    const old = 'function f() {}\n';
    const plan = planRestore({ code: old, starterHash: hash(old) }, starter, hash);
    expect(plan).toEqual({ code: starter, source: 'new-starter', starterChanged: false });
  });

  it('keeps code whose starter is unknown (migrated data) without a notice', () => {
    expect(planRestore({ code: 'x', starterHash: '' }, starter, hash)).toEqual({ code: 'x', source: 'saved', starterChanged: false });
  });
});

describe('status sentences', () => {
  it('say how long a run took and what it returned', () => {
    expect(finishedStatus(1234)).toMatch(/^Ran in 1\.2 ?s\.$/);
    expect(finishedStatus(80, 'the number 0.5')).toMatch(/It returned the number 0\.5\.$/);
  });

  it('lead with the verdict and the figure', () => {
    expect(gradeStatus({ pass: true, figureText: '96.1% of 10,000 test images', message: 'Well done.' })).toBe(
      'Passed: 96.1% of 10,000 test images. Well done.',
    );
    expect(gradeStatus({ pass: false, message: 'sigmoid(0) returned 0; expected 0.5.' })).toBe(
      'Not passed yet. sigmoid(0) returned 0; expected 0.5.',
    );
  });

  it('never say Passed while a test case fails, whatever the result claims', () => {
    const forged = { pass: true, message: 'Passed. 6 of 7 test cases fail.', cases: [true, false, false, false, false, false, false] };
    expect(decideGrade(forged).pass).toBe(false);
    expect(gradeStatus(forged)).toMatch(/^Not passed yet\. 6 of 7 test cases fail, so this is not a pass\./);
    expect(gradeStatus(forged)).not.toMatch(/^Passed/);
    const honest = { pass: true, message: 'All 7 test cases pass: sigmoid works.', cases: [true, true, true, true, true, true, true] };
    expect(decideGrade(honest)).toBe(honest);
    expect(gradeStatus(honest)).toBe('Passed. All 7 test cases pass: sigmoid works.');
  });

  it('drop the Markdown of a grader message from the status line', () => {
    expect(gradeStatus({ pass: false, message: 'Check that `update()` *stores* a value.' })).toBe(
      'Not passed yet. Check that update() stores a value.',
    );
  });

  it('name the line of an error', () => {
    expect(errorStatus('ReferenceError', 'x is not defined', 3)).toBe('ReferenceError on line 3: x is not defined');
    expect(errorStatus('', 'boom')).toBe('Error: boom');
    expect(syntaxErrorStatus('Unexpected token (2:4)', 2)).toMatch(/^Syntax error on line 2: .*Nothing ran/);
  });
});

describe('share links', () => {
  it('round-trip code, including non-ASCII text and symbols', async () => {
    const code = 'const π = Math.PI; // “quotes” & <tags>\nprint(`${π}`);\n';
    const fragment = await encodeShareFragment('sigmoid', code);
    expect(fragment).toMatch(/^cell=sigmoid&code=[A-Za-z0-9_-]+$/);
    await expect(decodeShareFragment(`#${fragment}`)).resolves.toEqual({ cellId: 'sigmoid', code });
  });

  it('ignore fragments that are not code links', async () => {
    await expect(decodeShareFragment('#summary')).resolves.toBeNull();
    await expect(decodeShareFragment('')).resolves.toBeNull();
  });

  it('report damaged code clearly', async () => {
    await expect(decodeShareFragment('cell=a&code=not*base64')).rejects.toThrow(ShareLinkError);
    await expect(decodeShareFragment('cell=a&code=AAAA')).rejects.toThrow(/damaged/);
  });

  it('refuse code too long for a link', async () => {
    // Random text does not compress, so it stays long.
    let text = '';
    const random = mulberry32(7);
    for (let i = 0; i < MAX_SHARE_CHARS; i++) text += String.fromCharCode(33 + Math.floor(random() * 90));
    await expect(encodeShareFragment('a', text)).rejects.toThrow(/too long/);
  });
});
