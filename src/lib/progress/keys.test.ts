/**
 * Keys that come from data and happen to be names of Object.prototype (`__proto__`,
 * `constructor`, `toString`, `hasOwnProperty`) are ids like any other: saved, read back,
 * exported and imported; and a version-1 document whose conversion leaves something out is kept.
 */
import { describe, expect, it } from 'vitest';
import { answerQuiz, forgetCell, markRead, passExercise, saveCell } from './changes.ts';
import { MemoryStorage } from './memory-storage.ts';
import { emptyProgress, readProgress } from './migrate.ts';
import { KEPT_PREFIX, ORIGINAL_PREFIX, PROGRESS_KEY, ProgressStore, keptProblem, keptSummary, parseImport } from './store.ts';
import { lessonProgress } from './summary.ts';

const T0 = '2025-03-01T12:00:00.000Z';
const clock = () => new Date(T0);
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

function everything(store: ProgressStore): void {
  for (const name of NAMES) {
    store.update(saveCell(name, `code of ${name}`, 'h', T0));
    store.update(passExercise(name, { figure: 0.5 }, T0));
    store.update(answerQuiz(name, { kind: 'choice', selected: [1] }, true, T0));
    store.update(markRead(name, T0));
  }
}

function expectEverything(store: ProgressStore): void {
  const data = store.data();
  for (const name of NAMES) {
    expect(Object.hasOwn(data.cells, name), `cell ${name}`).toBe(true);
    expect(data.cells[name]?.code).toBe(`code of ${name}`);
    expect(data.exercises[name]?.figure).toBe(0.5);
    expect(data.quizzes[name]?.correct).toBe(true);
    expect(data.lessons[name]?.readAt).toBe(T0);
    expect(lessonProgress(data, { slug: name, exercises: [name], quizzes: [name] })).toMatchObject({
      read: true,
      exercisesPassed: 1,
      quizzesCorrect: 1,
    });
  }
}

describe('ids and slugs named like Object.prototype members', () => {
  it('are not taken as present before they are saved', () => {
    const data = emptyProgress();
    for (const name of NAMES) {
      expect(data.cells[name]).toBeUndefined();
      expect(lessonProgress(data, { slug: name, exercises: [name], quizzes: [name] }).started).toBe(false);
    }
  });

  it('are saved, and read back by a new page', () => {
    const storage = new MemoryStorage();
    everything(new ProgressStore(storage, { now: clock }));
    const text = storage.getItem(PROGRESS_KEY)!;
    for (const name of NAMES) expect(text).toContain(`"${name}":{"code"`);
    expectEverything(new ProgressStore(storage, { now: clock }));
  });

  it('are marked read the first time (constructor was never marked before)', () => {
    const store = new ProgressStore(new MemoryStorage(), { now: clock });
    store.update(markRead('constructor', T0));
    store.update(markRead('constructor', '2030-01-01T00:00:00.000Z'));
    expect(store.data().lessons.constructor).toEqual({ readAt: T0 });
  });

  it('survive export and import into a fresh browser', () => {
    const first = new ProgressStore(new MemoryStorage(), { now: clock });
    everything(first);
    const second = new ProgressStore(new MemoryStorage(), { now: clock });
    expect(second.importJson(first.exportJson())).toEqual({ ok: true });
    expectEverything(second);
  });

  it('can be forgotten one at a time', () => {
    const store = new ProgressStore(new MemoryStorage(), { now: clock });
    everything(store);
    store.update(forgetCell('__proto__'));
    expect(Object.hasOwn(store.data().cells, '__proto__')).toBe(false);
    expect(Object.hasOwn(store.data().cells, 'constructor')).toBe(true);
    expect(Object.getPrototypeOf(store.data().cells)).toBeNull();
  });

  it('come through a version-1 migration, and never change a prototype', () => {
    const v1 = `{"version":1,"read":["constructor","__proto__"],"passed":["toString"],"quiz":{"__proto__":[1]},"code":{"__proto__":"x = 1","hasOwnProperty":"y"}}`;
    const result = readProgress(JSON.parse(v1), T0);
    expect(result.kind).toBe('migrated');
    if (result.kind !== 'migrated') return;
    expect(Object.keys(result.data.lessons)).toEqual(['constructor', '__proto__']);
    expect(result.data.exercises.toString).toEqual({ passedAt: T0 });
    expect(result.data.quizzes.__proto__).toMatchObject({ answer: { kind: 'choice', selected: [1] } });
    expect(result.data.cells.__proto__?.code).toBe('x = 1');
    expect(result.data.cells['hasOwnProperty' as string]?.code).toBe('y');
    expect(({} as Record<string, unknown>).code).toBeUndefined(); // Object.prototype untouched
    expect(result.dropped).toEqual([]);
  });
});

describe('a version-1 document whose conversion leaves something out', () => {
  const V1 = JSON.stringify({ version: 1, read: ['start-here'], passed: [], quiz: {}, code: {}, theme: 'dark', notes: ['mine'] });

  it('says what is left out', () => {
    const result = readProgress(JSON.parse(V1), T0);
    expect(result).toMatchObject({
      kind: 'migrated',
      from: 1,
      dropped: ['"theme" (a field format 1 did not define)', '"notes" (a field format 1 did not define)'],
    });
  });

  it('is kept whole under its own key before the converted form is written, and the reader is told', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, V1);
    const store = new ProgressStore(storage, { now: clock });
    expect(store.data().lessons['start-here']).toEqual({ readAt: T0 });
    expect(JSON.parse(storage.getItem(PROGRESS_KEY)!).version).toBe(2);
    const copies = store.keptCopies();
    expect(copies).toHaveLength(1);
    const copy = copies[0]!;
    expect(copy.key.startsWith(ORIGINAL_PREFIX)).toBe(true);
    expect(copy).toMatchObject({ kind: 'original', version: 1, keptAt: T0 });
    expect(store.keptText(copy.key)).toBe(V1);
    expect(keptSummary(copy)).toContain('"theme" (a field format 1 did not define), "notes"');
    expect(keptSummary(copy)).toContain('the original was kept here unchanged');
    expect(store.problems()).toEqual([keptProblem(copy)]);
    expect(keptProblem(copy).kind).toBe('migrated');
    // A second page finds the migrated form: no second copy.
    new ProgressStore(storage, { now: clock });
    expect(new ProgressStore(storage, { now: clock }).keptCopies()).toHaveLength(1);
  });

  it('is not kept when nothing is left out', () => {
    const storage = new MemoryStorage();
    storage.setItem(PROGRESS_KEY, JSON.stringify({ version: 1, read: ['a'], passed: [], quiz: {}, code: {} }));
    expect(new ProgressStore(storage, { now: clock }).keptCopies()).toEqual([]);
  });

  it('stays where it is, and nothing is written over it, when the copy does not fit', () => {
    class Full extends MemoryStorage {
      override setItem(key: string, value: string): void {
        if (key.startsWith(KEPT_PREFIX)) {
          const error = new Error('full');
          error.name = 'QuotaExceededError';
          throw error;
        }
        super.setItem(key, value);
      }
    }
    const storage = new Full();
    storage.setItem(PROGRESS_KEY, V1);
    const store = new ProgressStore(storage, { now: clock });
    expect(storage.getItem(PROGRESS_KEY)).toBe(V1);
    expect(store.update(markRead('next', T0))).toBe(false);
    expect(storage.getItem(PROGRESS_KEY)).toBe(V1);
    expect(store.problems()[0]?.message).toContain('could not keep a copy of the original');
  });

  it('is kept when imported too, and the import says where', () => {
    const storage = new MemoryStorage();
    const store = new ProgressStore(storage, { now: clock });
    const parsed = parseImport(V1, T0);
    expect(parsed).toMatchObject({ ok: true, from: 1 });
    const result = store.importJson(V1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.keptAs?.startsWith(ORIGINAL_PREFIX)).toBe(true);
    expect(result.dropped).toHaveLength(2);
    expect(store.keptText(result.keptAs!)).toBe(V1);
  });
});
