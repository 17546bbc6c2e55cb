import { describe, expect, it } from 'vitest';
import { answerQuiz, forgetCell, markRead, passExercise, saveCell, visitLesson } from './changes.ts';
import { MemoryStorage } from './memory-storage.ts';
import { KEPT_PREFIX, PROGRESS_KEY, ProgressStore, QUOTA_MESSAGE, isQuotaError, parseImport, type ProgressExport } from './store.ts';
import { PROGRESS_VERSION, type ProgressData } from './types.ts';

const T0 = '2025-03-01T12:00:00.000Z';
const fixedClock = () => new Date(T0);

/** A DOMException-like error as browsers throw when localStorage is full. */
function quotaError(): Error {
  const error = new Error("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.");
  error.name = 'QuotaExceededError';
  return error;
}

/** Storage whose writes fail with a quota error while `full` is true. */
class FullStorage extends MemoryStorage {
  full = true;
  writes = 0;
  override setItem(key: string, value: string): void {
    this.writes++;
    if (this.full) throw quotaError();
    super.setItem(key, value);
  }
}

const stored = (storage: MemoryStorage): unknown => JSON.parse(storage.getItem(PROGRESS_KEY) ?? 'null');
const keptKeys = (storage: MemoryStorage): string[] => {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(KEPT_PREFIX)) keys.push(key);
  }
  return keys;
};

describe('ProgressStore: loading', () => {
  it('starts empty when nothing is stored, and writes nothing until a change', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.data()).toEqual({ version: PROGRESS_VERSION, lessons: {}, exercises: {}, quizzes: {}, cells: {} });
    expect(store.problems()).toEqual([]);
    expect(storage.length).toBe(0);
  });

  it('reads what an earlier page saved', () => {
    const storage = new MemoryStorage();
    new ProgressStore(storage, { now: fixedClock }).update(markRead('start-here', T0));
    const again = new ProgressStore(storage, { now: fixedClock });
    expect(again.data().lessons).toEqual({ 'start-here': { readAt: T0 } });
  });

  it('keeps text that is not JSON aside, reports it, and still works', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, '{not json');
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.data().lessons).toEqual({});
    const [problem] = store.problems();
    expect(problem).toMatchObject({ kind: 'corrupt', keptAs: `${KEPT_PREFIX}${T0}` });
    expect(problem?.message).toMatch(/could not be read/);
    expect(storage.getItem(`${KEPT_PREFIX}${T0}`)).toBe('{not json');
    expect(store.keptText(`${KEPT_PREFIX}${T0}`)).toBe('{not json');
    expect(store.keptCopies()).toEqual([{ key: `${KEPT_PREFIX}${T0}`, keptAt: T0, kind: 'corrupt', size: 9 }]);
    // The reader carries on; the next change is saved normally.
    expect(store.update(markRead('start-here', T0))).toBe(true);
    expect(stored(storage)).toMatchObject({ version: 2, lessons: { 'start-here': { readAt: T0 } } });
    expect(storage.getItem(`${KEPT_PREFIX}${T0}`)).toBe('{not json');
  });

  it('keeps a damaged shape aside as corrupt', () => {
    const storage = new MemoryStorage();
    const damaged = JSON.stringify({ version: 2, lessons: 'oops', exercises: {}, quizzes: {}, cells: {} });
    storage.setItem(PROGRESS_KEY, damaged);
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.problems().map((p) => p.kind)).toEqual(['corrupt']);
    expect(storage.getItem(`${KEPT_PREFIX}${T0}`)).toBe(damaged);
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
  });

  it('keeps progress from a newer version aside, unchanged, and never writes over it', () => {
    const storage = new MemoryStorage();
    const future = JSON.stringify({ version: 99, something: { new: true } });
    storage.setItem(PROGRESS_KEY, future);
    const store = new ProgressStore(storage, { now: fixedClock });
    const [problem] = store.problems();
    expect(problem).toMatchObject({ kind: 'unknown-version', keptAs: `${KEPT_PREFIX}${T0}` });
    expect(problem?.message).toMatch(/newer version of Tinker \(format 99\)/);
    store.update(markRead('start-here', T0));
    expect(storage.getItem(`${KEPT_PREFIX}${T0}`)).toBe(future);
    expect(store.keptCopies()[0]).toMatchObject({ kind: 'unknown-version', version: 99 });
  });

  it('does not keep the same text twice when two pages find it', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, 'garbage');
    new ProgressStore(storage, { now: fixedClock });
    storage.setItem(PROGRESS_KEY, 'garbage'); // e.g. an old tab wrote it again
    new ProgressStore(storage, { now: fixedClock });
    expect(keptKeys(storage)).toEqual([`${KEPT_PREFIX}${T0}`]);
    storage.setItem(PROGRESS_KEY, 'other garbage');
    new ProgressStore(storage, { now: fixedClock });
    expect(keptKeys(storage).sort()).toEqual([`${KEPT_PREFIX}${T0}`, `${KEPT_PREFIX}${T0}-2`]);
  });

  it('leaves unreadable text in place, and writes nothing over it, when no copy fits', () => {
    const storage = new FullStorage();
    storage.full = false;
    storage.setItem(PROGRESS_KEY, '{not json');
    storage.full = true;
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.problems()).toEqual([{ kind: 'corrupt', message: expect.stringMatching(/could not keep a copy.*storage for this site is full/) }]);
    expect(store.update(markRead('start-here', T0))).toBe(false);
    expect(storage.getItem(PROGRESS_KEY)).toBe('{not json');
    expect(store.data().lessons['start-here']).toEqual({ readAt: T0 }); // kept in memory
    // Space is freed: the next change keeps the text aside, then saves everything.
    storage.full = false;
    expect(store.update(passExercise('sigmoid', {}, T0))).toBe(true);
    expect(storage.getItem(`${KEPT_PREFIX}${T0}`)).toBe('{not json');
    expect(stored(storage)).toMatchObject({ lessons: { 'start-here': {} }, exercises: { sigmoid: {} } });
    expect(store.problems().map((p) => p.kind)).toEqual(['corrupt']); // only the kept copy now
    expect(store.problems()[0]?.keptAs).toBe(`${KEPT_PREFIX}${T0}`);
  });

  it('migrates version 1 and writes the result back, losing nothing', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      PROGRESS_KEY,
      JSON.stringify({ version: 1, read: ['start-here'], passed: ['sigmoid'], quiz: { q1: [2] }, code: { sigmoid: 'x' } }),
    );
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.problems()).toEqual([]);
    const expected: ProgressData = {
      version: 2,
      lessons: { 'start-here': { readAt: T0 } },
      exercises: { sigmoid: { passedAt: T0 } },
      quizzes: { q1: { answer: { kind: 'choice', selected: [2] }, correct: false, answeredAt: T0 } },
      cells: { sigmoid: { code: 'x', starterHash: '', savedAt: T0 } },
    };
    expect(store.data()).toEqual(expected);
    expect(stored(storage)).toEqual(expected);
    expect(keptKeys(storage)).toEqual([]);
  });

  it('keeps version 1 stored as it was when the migrated record cannot be written', () => {
    const storage = new FullStorage();
    storage.full = false;
    const v1 = JSON.stringify({ version: 1, read: ['start-here'], passed: [], quiz: {}, code: {} });
    storage.setItem(PROGRESS_KEY, v1);
    storage.full = true;
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.data().lessons).toEqual({ 'start-here': { readAt: T0 } });
    expect(storage.getItem(PROGRESS_KEY)).toBe(v1);
    expect(store.problems()).toEqual([{ kind: 'quota', message: QUOTA_MESSAGE }]);
  });
});

describe('ProgressStore: changes', () => {
  it('records cells, passes, quiz answers and lessons read', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    store.update(saveCell('sigmoid', 'code', 'abcd0123', T0));
    store.update(passExercise('sigmoid', { figure: 1, summary: 'All cases pass' }, T0));
    store.update(answerQuiz('q1', { kind: 'numeric', value: 0.5 }, true, T0));
    store.update(markRead('start-here', T0));
    store.update(markRead('start-here', '2030-01-01T00:00:00.000Z')); // the first read counts
    const expected = {
      version: 2,
      lessons: { 'start-here': { readAt: T0 } },
      exercises: { sigmoid: { passedAt: T0, figure: 1, summary: 'All cases pass' } },
      quizzes: { q1: { answer: { kind: 'numeric', value: 0.5 }, correct: true, answeredAt: T0 } },
      cells: { sigmoid: { code: 'code', starterHash: 'abcd0123', savedAt: T0 } },
    };
    expect(store.data()).toEqual(expected);
    expect(stored(storage)).toEqual(expected);
    store.update(forgetCell('sigmoid'));
    expect(stored(storage)).toMatchObject({ cells: {} });
  });

  it('applies each change to the latest stored data, so two tabs keep each other’s changes', () => {
    const storage = new MemoryStorage();
    const tabA = new ProgressStore(storage, { now: fixedClock });
    const tabB = new ProgressStore(storage, { now: fixedClock });
    tabA.update(markRead('start-here', T0));
    tabB.update(saveCell('free-1', 'print(1)', '', T0));
    tabA.update(passExercise('sigmoid', {}, T0));
    expect(stored(storage)).toMatchObject({
      lessons: { 'start-here': {} },
      cells: { 'free-1': { code: 'print(1)' } },
      exercises: { sigmoid: {} },
    });
    // Tab B sees tab A's changes after a refresh (the browser's storage event).
    expect(tabB.data().exercises).toEqual({});
    tabB.refresh();
    expect(tabB.data().exercises).toHaveProperty('sigmoid');
  });

  it('gives a new snapshot object after each change and leaves old ones alone', () => {
    const store = new ProgressStore(new MemoryStorage(), { now: fixedClock });
    const before = store.data();
    store.update(markRead('a', T0));
    expect(store.data()).not.toBe(before);
    expect(before.lessons).toEqual({});
  });

  it('when storage is full: reports it in plain words, keeps the change in memory and saves it with the next change', () => {
    const storage = new FullStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.update(saveCell('sigmoid', 'v1', 'h', T0), 'cell:sigmoid')).toBe(false);
    expect(store.problems()).toEqual([{ kind: 'quota', message: QUOTA_MESSAGE }]);
    expect(store.data().cells.sigmoid?.code).toBe('v1');
    expect(store.update(markRead('start-here', T0))).toBe(false);
    expect(store.update(saveCell('sigmoid', 'v2', 'h', T0), 'cell:sigmoid')).toBe(false);
    expect(store.data().cells.sigmoid?.code).toBe('v2');
    storage.full = false;
    expect(store.update(passExercise('sigmoid', {}, T0))).toBe(true);
    expect(store.problems()).toEqual([]);
    expect(stored(storage)).toMatchObject({
      lessons: { 'start-here': {} },
      exercises: { sigmoid: {} },
      cells: { sigmoid: { code: 'v2' } },
    });
  });

  it('reports other write errors too, without throwing', () => {
    const storage = new MemoryStorage();
    storage.setItem = () => {
      throw new Error('SecurityError: access denied');
    };
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.update(markRead('x', T0))).toBe(false);
    expect(store.problems()).toEqual([{ kind: 'unavailable', message: expect.stringMatching(/refused.*access denied/) }]);
  });

  it('lists the stand-in problem it was given when the real storage is unavailable', () => {
    const problem = { kind: 'unavailable' as const, message: 'Your browser does not let this site keep data.' };
    const store = new ProgressStore(new MemoryStorage(), { now: fixedClock, unavailable: problem });
    expect(store.problems()).toEqual([problem]);
  });
});

describe('ProgressStore: the last visit', () => {
  it('records the latest lesson and section, replacing the one before, and keeps it through export and import', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    store.update(visitLesson('start-here', 'digits', '  Digits ', T0), 'last');
    store.update(visitLesson('images', 'channels', 'Channels', T0), 'last');
    expect(stored(storage)).toMatchObject({ version: 2, last: { slug: 'images', section: 'channels', sectionTitle: 'Channels', at: T0 } });
    expect(new ProgressStore(storage).data().last).toEqual({ slug: 'images', section: 'channels', sectionTitle: 'Channels', at: T0 });
    const fresh = new ProgressStore(new MemoryStorage());
    expect(fresh.importJson(store.exportJson())).toEqual({ ok: true });
    expect(fresh.data().last?.section).toBe('channels');
  });

  it('trims the title, and records nothing it could not read back', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    store.update(visitLesson('start-here', 'digits', ' Digits\n', T0), 'last');
    expect(store.data().last?.sectionTitle).toBe('Digits');
    store.update(visitLesson('', 'x', 'X', T0), 'last');
    store.update(visitLesson('images', 'a\u0000b', 'X', T0), 'last');
    expect(store.data().last?.slug).toBe('start-here');
  });

  it('drops a damaged stored visit without setting the rest of the progress aside', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      PROGRESS_KEY,
      JSON.stringify({ version: 2, lessons: { a: { readAt: T0 } }, exercises: {}, quizzes: {}, cells: {}, last: { slug: 5 } }),
    );
    const store = new ProgressStore(storage);
    expect(store.data().last).toBeUndefined();
    expect(Object.keys(store.data().lessons)).toEqual(['a']);
    expect(keptKeys(storage)).toEqual([]);
    expect(store.problems()).toEqual([]);
  });
});

describe('ProgressStore: export, import, reset and kept copies', () => {
  function storeWithProgress() {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    store.update(markRead('start-here', T0));
    store.update(passExercise('sigmoid', { figure: 1 }, T0));
    store.update(saveCell('sigmoid', 'my code', 'h1', T0));
    return { storage, store };
  }

  it('exports an envelope that imports back into a fresh browser', () => {
    const { store } = storeWithProgress();
    const text = store.exportJson();
    const file = JSON.parse(text) as ProgressExport;
    expect(file).toEqual({ app: 'tinker', kind: 'progress', exportedAt: T0, data: store.data() });
    const fresh = new ProgressStore(new MemoryStorage(), { now: fixedClock });
    expect(fresh.importJson(text)).toEqual({ ok: true });
    expect(fresh.data()).toEqual(store.data());
    expect(new ProgressStore(new MemoryStorage(), { now: fixedClock }).importJson(JSON.stringify(store.data()))).toEqual({ ok: true });
  });

  it('imports replace what was there', () => {
    const { storage, store } = storeWithProgress();
    const other = { version: 2, lessons: { perceptron: { readAt: T0 } }, exercises: {}, quizzes: {}, cells: {} };
    expect(store.importJson(JSON.stringify({ app: 'tinker', kind: 'progress', exportedAt: T0, data: other }))).toEqual({ ok: true });
    expect(store.data()).toEqual(other);
    expect(stored(storage)).toEqual(other);
  });

  it('imports and migrates a version 1 record', () => {
    const store = new ProgressStore(new MemoryStorage(), { now: fixedClock });
    const v1 = { version: 1, read: ['start-here'], passed: [], quiz: {}, code: {} };
    expect(store.importJson(JSON.stringify({ app: 'tinker', exportedAt: T0, data: v1 }))).toEqual({ ok: true });
    expect(store.data().lessons).toEqual({ 'start-here': { readAt: T0 } });
  });

  it('rejects files that are not JSON, not Tinker’s, damaged or too new, changing nothing', () => {
    const { storage, store } = storeWithProgress();
    const before = storage.getItem(PROGRESS_KEY);
    const snapshot = store.data();
    const cases: [string, RegExp][] = [
      ['hello', /not a Tinker progress file: it is not JSON/],
      ['{"name":"my-package","version":"1.0.0"}', /not a Tinker progress file\./],
      ['[1,2,3]', /not a Tinker progress file\./],
      [JSON.stringify({ app: 'other', data: {} }), /not a Tinker progress file\./],
      [JSON.stringify({ app: 'tinker', data: { version: 2, lessons: {} } }), /damaged \("exercises" is not an object\)/],
      [JSON.stringify({ app: 'tinker', data: { version: 99 } }), /newer version of Tinker \(progress format 99\)/],
    ];
    for (const [text, message] of cases) {
      const result = store.importJson(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.message).toMatch(message);
        expect(result.message).toMatch(/Your progress is unchanged\./);
      }
    }
    expect(storage.getItem(PROGRESS_KEY)).toBe(before);
    expect(store.data()).toBe(snapshot);
  });

  it('says so, and changes nothing, when an import does not fit', () => {
    const storage = new FullStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    const result = store.importJson(JSON.stringify({ version: 2, lessons: { a: { readAt: T0 } }, exercises: {}, quizzes: {}, cells: {} }));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/storage for this site is full.*unchanged/) });
    expect(store.data().lessons).toEqual({});
  });

  it('parseImport tells the version it read', () => {
    const result = parseImport(JSON.stringify({ version: 1, read: [], passed: [], quiz: {}, code: {} }), T0);
    expect(result).toMatchObject({ ok: true, from: 1 });
  });

  it('reset forgets progress but keeps kept-aside copies', () => {
    const { storage, store } = storeWithProgress();
    storage.setItem(`${KEPT_PREFIX}2024-01-01T00:00:00.000Z`, '{bad');
    store.reset();
    expect(store.data()).toEqual({ version: 2, lessons: {}, exercises: {}, quizzes: {}, cells: {} });
    expect(storage.getItem(PROGRESS_KEY)).toBeNull();
    expect(store.keptCopies().map((c) => c.key)).toEqual([`${KEPT_PREFIX}2024-01-01T00:00:00.000Z`]);
    expect(new ProgressStore(storage, { now: fixedClock }).data().lessons).toEqual({});
  });

  it('reset drops changes that were waiting for space', () => {
    const storage = new FullStorage();
    const store = new ProgressStore(storage, { now: fixedClock });
    store.update(markRead('a', T0));
    store.reset();
    storage.full = false;
    store.update(markRead('b', T0));
    expect(Object.keys(store.data().lessons)).toEqual(['b']);
    expect(store.problems()).toEqual([]);
  });

  it('lists, reads and discards kept copies; a copy this version can read says so', () => {
    const storage = new MemoryStorage();
    const readable = JSON.stringify({ version: 1, read: ['a'], passed: [], quiz: {}, code: {} });
    storage.setItem(`${KEPT_PREFIX}2024-02-01T00:00:00.000Z`, readable);
    storage.setItem(`${KEPT_PREFIX}2024-01-01T00:00:00.000Z`, '{bad');
    storage.setItem('tinker-theme', 'dark');
    const store = new ProgressStore(storage, { now: fixedClock });
    expect(store.keptCopies()).toEqual([
      { key: `${KEPT_PREFIX}2024-01-01T00:00:00.000Z`, keptAt: '2024-01-01T00:00:00.000Z', kind: 'corrupt', size: 4 },
      { key: `${KEPT_PREFIX}2024-02-01T00:00:00.000Z`, keptAt: '2024-02-01T00:00:00.000Z', kind: 'readable', version: 1, size: readable.length },
    ]);
    expect(store.problems().map((p) => p.message)).toEqual([expect.stringMatching(/damaged/), expect.stringMatching(/can read it/)]);
    // A kept copy can be imported as it is.
    expect(store.importJson(store.keptText(`${KEPT_PREFIX}2024-02-01T00:00:00.000Z`) ?? '')).toEqual({ ok: true });
    store.discardKept(`${KEPT_PREFIX}2024-01-01T00:00:00.000Z`);
    store.discardKept('tinker-theme'); // only kept copies can be discarded
    expect(store.keptCopies()).toHaveLength(1);
    expect(storage.getItem('tinker-theme')).toBe('dark');
    expect(store.keptText('tinker-theme')).toBeNull();
  });
});

describe('isQuotaError', () => {
  it('recognises the errors browsers throw for a full storage', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  it('recognises a real DOMException when the runtime has one', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
  });
});
