import { describe, expect, it } from 'vitest';
import { emptyProgress } from './migrate.ts';
import { describeProgress, importResultText, isoDay, keptCopyFile, keptCopyText, progressFileName, totalsText } from './page-text.ts';
import type { KeptCopy } from './stored-text.ts';

const copy = (over: Partial<KeptCopy>): KeptCopy => ({
  key: 'tinker-progress-kept-2026-01-02T03:04:05.000Z',
  keptAt: '2026-01-02T03:04:05.000Z',
  kind: 'corrupt',
  size: 12,
  ...over,
});

describe('describeProgress', () => {
  it('says "no progress yet" for empty progress', () => {
    expect(describeProgress(emptyProgress())).toBe('no progress yet');
  });
  it('lists only what there is, joined with commas and a final "and"', () => {
    const data = emptyProgress();
    data.lessons['a'] = { readAt: 'x' } as never;
    data.lessons['b'] = { readAt: 'x' } as never;
    expect(describeProgress(data)).toBe('2 lessons read');
    data.exercises['e'] = { passedAt: 'x' } as never;
    data.cells['c1'] = { code: '', starterHash: '' } as never;
    data.cells['c2'] = { code: '', starterHash: '' } as never;
    data.cells['c3'] = { code: '', starterHash: '' } as never;
    expect(describeProgress(data)).toBe('2 lessons read, 1 exercise passed and the code of 3 cells');
    data.quizzes['q'] = { choice: [0] } as never;
    expect(describeProgress(data)).toBe('2 lessons read, 1 exercise passed, 1 quiz answer and the code of 3 cells');
  });
});

describe('totalsText', () => {
  it('counts lessons always, exercises and quizzes only when the course has them', () => {
    const base = { lessonsRead: 1, lessonsTotal: 3, exercisesPassed: 0, exercisesTotal: 0, quizzesCorrect: 0, quizzesTotal: 0 };
    expect(totalsText(base)).toBe('So far: 1 of 3 lessons read.');
    expect(totalsText({ ...base, lessonsTotal: 1, exercisesTotal: 2, exercisesPassed: 1, quizzesTotal: 1, quizzesCorrect: 1 })).toBe(
      'So far: 1 of 1 lesson read, 1 of 2 exercises passed, 1 of 1 quiz answered correctly.',
    );
    expect(totalsText({ ...base, quizzesTotal: 4, quizzesCorrect: 2 })).toBe('So far: 1 of 3 lessons read, 2 of 4 quizzes answered correctly.');
  });
});

describe('file names', () => {
  it('names an export by the local date', () => {
    const d = new Date(2026, 0, 5, 23, 59);
    expect(isoDay(d)).toBe('2026-01-05');
    expect(progressFileName(d)).toBe('tinker-progress-2026-01-05.json');
  });
  it('downloads a damaged copy as text and any other as JSON, under a safe name', () => {
    expect(keptCopyFile(copy({ kind: 'corrupt' }))).toEqual({ name: 'tinker-progress-kept-2026-01-02T03-04-05-000Z.txt', type: 'text/plain' });
    expect(keptCopyFile(copy({ kind: 'readable' }))).toEqual({
      name: 'tinker-progress-kept-2026-01-02T03-04-05-000Z.json',
      type: 'application/json',
    });
  });
});

describe('keptCopyText', () => {
  it('says what the copy is, when it was kept and its size', () => {
    const text = keptCopyText(copy({ kind: 'corrupt', size: 12 }), () => 'Jan 2');
    expect(text).toMatch(/^Progress saved in this browser could not be read/);
    expect(text).toContain('Kept aside on Jan 2: damaged data that could not be read (12 characters).');
    expect(keptCopyText(copy({ kind: 'readable', size: 1 }), (iso) => iso)).toContain('an earlier copy this version can read (1 character).');
    expect(keptCopyText(copy({ kind: 'original', size: 2048 }), (iso) => iso)).toContain('(2.0 KB).');
  });
});

describe('importResultText', () => {
  it('says a plain import, a failure, and an import that kept a copy', () => {
    expect(importResultText({ ok: true }, 'p.json')).toBe('Imported your progress from “p.json”.');
    expect(importResultText({ ok: false, message: 'Not a progress file.' }, 'p.json')).toBe('Not a progress file.');
    const kept = importResultText({ ok: true, keptAs: 'k', dropped: ['quiz answers', 'hints'] }, 'old.json');
    expect(kept).toMatch(/^Imported your progress from “old.json”. It was saved by an older version of Tinker/);
    expect(kept).toContain('no place for quiz answers, hints, so a copy of the whole file was kept');
  });
});
