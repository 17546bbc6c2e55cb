import { describe, expect, it } from 'vitest';
import { KNOWN_VERSIONS, LAST_VISIT_LIMITS, checkProgress, emptyProgress, readLastVisit, readProgress } from './migrate.ts';
import { PROGRESS_VERSION, type ProgressData } from './types.ts';

const NOW = '2025-03-01T12:00:00.000Z';

const v2: ProgressData = {
  version: 2,
  lessons: { 'start-here': { readAt: '2025-01-01T00:00:00.000Z' } },
  exercises: { sigmoid: { passedAt: '2025-01-02T00:00:00.000Z', figure: 1, summary: 'All 6 cases pass' } },
  quizzes: {
    'q-loss': { answer: { kind: 'choice', selected: [1, 3] }, correct: true, answeredAt: '2025-01-03T00:00:00.000Z' },
    'q-rate': { answer: { kind: 'numeric', value: 0.01 }, correct: false, answeredAt: '2025-01-03T00:00:00.000Z' },
  },
  cells: { sigmoid: { code: 'function sigmoid(x) {}', starterHash: 'abcd1234', savedAt: '2025-01-02T00:00:00.000Z' } },
};

describe('checkProgress', () => {
  it('accepts the empty record and a full one', () => {
    expect(PROGRESS_VERSION).toBe(2);
    expect(checkProgress(emptyProgress())).toBeNull();
    expect(checkProgress(v2)).toBeNull();
  });

  it('names the first thing wrong in a damaged record', () => {
    expect(checkProgress(null)).toMatch(/not a JSON object/);
    expect(checkProgress([])).toMatch(/not a JSON object/);
    expect(checkProgress({ ...v2, lessons: [] })).toMatch(/"lessons" is not an object/);
    expect(checkProgress({ ...v2, cells: { a: { code: 1, starterHash: '', savedAt: NOW } } })).toMatch(/cells\["a"\]: "code" is not text/);
    expect(checkProgress({ ...v2, quizzes: { q: { answer: { kind: 'choice', selected: [-1] }, correct: true, answeredAt: NOW } } })).toMatch(
      /quizzes\["q"\].*selected/,
    );
    expect(checkProgress({ ...v2, quizzes: { q: { answer: { kind: 'text', value: 'x' }, correct: true, answeredAt: NOW } } })).toMatch(/kind/);
    expect(checkProgress({ ...v2, exercises: { e: { passedAt: NOW, figure: 'high' } } })).toMatch(/"figure" is not a number/);
    expect(checkProgress({ ...v2, lessons: { s: {} } })).toMatch(/readAt/);
    const { cells: _cells, ...withoutCells } = v2;
    expect(checkProgress(withoutCells)).toMatch(/"cells" is not an object/);
  });

  it('keeps fields it does not know', () => {
    const extra = { ...v2, settings: { theme: 'dark' } };
    const result = readProgress(extra, NOW);
    expect(result).toEqual({ kind: 'current', data: extra });
  });
});

describe('readProgress', () => {
  it('returns current data as it is', () => {
    expect(readProgress(structuredClone(v2), NOW)).toEqual({ kind: 'current', data: v2 });
  });

  it('marks the lessons a read lesson was split into as read, at the time it was read (src/lib/content/moved-lessons.ts)', () => {
    const readAt = '2025-02-02T00:00:00.000Z';
    const old = { ...structuredClone(v2), lessons: { 'neural-network-from-scratch': { readAt } } };
    const result = readProgress(old, NOW);
    expect(result.kind).toBe('current');
    expect(result.kind === 'current' && { ...result.data.lessons }).toEqual({
      'neural-network-from-scratch': { readAt },
      'neuron-from-scratch': { readAt },
      'network-from-scratch': { readAt },
    });
    // A new lesson read since keeps its own time.
    const later = { ...structuredClone(v2), lessons: { 'neural-network-from-scratch': { readAt }, 'network-from-scratch': { readAt: NOW } } };
    const again = readProgress(later, NOW);
    expect(again.kind === 'current' && again.data.lessons['network-from-scratch']).toEqual({ readAt: NOW });
    expect(again.kind === 'current' && again.data.lessons['neuron-from-scratch']).toEqual({ readAt });
  });

  it('migrates version 1, keeping everything it had', () => {
    const v1 = {
      version: 1,
      read: ['start-here', 'perceptron'],
      passed: ['sigmoid'],
      quiz: { 'q-loss': [2], 'q-many': [0, 3] },
      code: { sigmoid: 'function sigmoid(x) { return 1 / (1 + Math.exp(-x)); }', scratch: 'print(1)' },
    };
    const result = readProgress(v1, NOW);
    expect(result.kind).toBe('migrated');
    if (result.kind !== 'migrated') return;
    expect(result.from).toBe(1);
    expect(checkProgress(result.data)).toBeNull();
    expect(result.data).toEqual({
      version: 2,
      lessons: { 'start-here': { readAt: NOW }, perceptron: { readAt: NOW } },
      exercises: { sigmoid: { passedAt: NOW } },
      quizzes: {
        // Version 1 did not know whether an answer was right: kept, not counted as correct.
        'q-loss': { answer: { kind: 'choice', selected: [2] }, correct: false, answeredAt: NOW },
        'q-many': { answer: { kind: 'choice', selected: [0, 3] }, correct: false, answeredAt: NOW },
      },
      cells: {
        sigmoid: { code: v1.code.sigmoid, starterHash: '', savedAt: NOW },
        scratch: { code: 'print(1)', starterHash: '', savedAt: NOW },
      },
    });
  });

  it('does not change the version 1 input', () => {
    const v1 = { version: 1, read: [], passed: [], quiz: { q: [1] }, code: {} };
    const before = structuredClone(v1);
    const result = readProgress(v1, NOW);
    expect(result.kind).toBe('migrated');
    const answer = result.kind === 'migrated' ? result.data.quizzes.q?.answer : undefined;
    if (answer?.kind === 'choice') answer.selected.push(9);
    expect(v1).toEqual(before);
  });

  it('reports a damaged version 1 record as invalid, naming the field', () => {
    const result = readProgress({ version: 1, read: 'start-here', passed: [], quiz: {}, code: {} }, NOW);
    expect(result).toEqual({ kind: 'invalid', reason: expect.stringMatching(/format 1: "read"/) });
    expect(readProgress({ version: 1, read: [], passed: [], quiz: { q: ['a'] }, code: {} }, NOW).kind).toBe('invalid');
    expect(readProgress({ version: 1, read: [], passed: [], quiz: {}, code: { c: 5 } }, NOW).kind).toBe('invalid');
  });

  it('says when the version is newer than this code knows', () => {
    expect(readProgress({ version: 99, anything: true }, NOW)).toEqual({ kind: 'unknown-version', version: 99 });
    expect(readProgress({ version: PROGRESS_VERSION + 1 }, NOW).kind).toBe('unknown-version');
  });

  it('calls a record without a usable version invalid', () => {
    expect(readProgress({ lessons: {} }, NOW).kind).toBe('invalid');
    expect(readProgress({ ...v2, version: '2' }, NOW).kind).toBe('invalid');
    expect(readProgress({ ...v2, version: 0 }, NOW).kind).toBe('invalid');
    expect(readProgress({ ...v2, version: 1.5 }, NOW).kind).toBe('invalid');
    expect(readProgress('text', NOW).kind).toBe('invalid');
    expect(readProgress(null, NOW).kind).toBe('invalid');
  });

  it('knows versions 1 and 2', () => {
    expect(KNOWN_VERSIONS).toEqual([1, 2]);
  });
});

describe('the last visit (optional in version 2)', () => {
  const last = { slug: 'start-here', section: 'your-first-network', sectionTitle: 'Your first network', at: NOW };

  it('reads version 2 data with and without it, as version 2', () => {
    expect(readProgress({ ...v2, last }, NOW)).toEqual({ kind: 'current', data: { ...v2, last } });
    const without = readProgress(structuredClone(v2), NOW);
    expect(without).toEqual({ kind: 'current', data: v2 });
    expect(without.kind === 'current' && 'last' in without.data).toBe(false);
  });

  it('leaves a damaged one out and keeps everything else', () => {
    const damaged: unknown[] = [
      'start-here',
      null,
      [],
      { ...last, slug: '' },
      { ...last, slug: 7 },
      { ...last, section: null },
      { ...last, sectionTitle: undefined },
      { ...last, at: 'yesterday' },
      { ...last, at: 5 },
      { ...last, slug: 'x'.repeat(LAST_VISIT_LIMITS.slug + 1) },
      { ...last, sectionTitle: 'a\nb' },
      { section: 'a', sectionTitle: 'A', at: NOW },
    ];
    for (const value of damaged) {
      const result = readProgress({ ...structuredClone(v2), last: value }, NOW);
      expect(result, JSON.stringify(value)).toEqual({ kind: 'current', data: v2 });
    }
  });

  it('keeps only the fields it knows, and no section title without a section', () => {
    expect(readLastVisit({ ...last, extra: '<script>' })).toEqual(last);
    expect(readLastVisit({ ...last, section: '', sectionTitle: 'Stale' })).toEqual({ ...last, section: '', sectionTitle: '' });
  });

  it('is not carried over from version 1, which had none', () => {
    const result = readProgress({ version: 1, read: [], passed: [], quiz: {}, code: {} }, NOW);
    expect(result.kind === 'migrated' && result.data.last).toBeUndefined();
  });
});
