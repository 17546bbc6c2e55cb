/**
 * The reader's saved progress in this browser: one ProgressStore (src/lib/progress/store.ts)
 * over window.localStorage per page, shared by every widget that reads or saves progress.
 *
 * When localStorage cannot be used (site data blocked, some private windows), progress is kept
 * in memory for this page only and an 'unavailable' problem says so. `subscribe` hears this
 * page's changes and other tabs' (the 'storage' event).
 */
import * as change from '../../lib/progress/changes.ts';
import { MemoryStorage } from '../../lib/progress/memory-storage.ts';
import { KEPT_PREFIX, PROGRESS_KEY, ProgressStore, type Change, type ImportResult, type KeptCopy } from '../../lib/progress/store.ts';
import type { ProgressData, QuizAnswer, StorageProblem } from '../../lib/progress/types.ts';
import { browserStorage } from './browser-storage.ts';

export type { KeptCopy } from '../../lib/progress/store.ts';
export type { ProgressData, QuizAnswer, StorageProblem } from '../../lib/progress/types.ts';

export interface SavedProgress {
  /** Current snapshot (never throws). A new object after every change; treat it as read-only. */
  data(): ProgressData;
  /** Saves a cell's code now (callers debounce). */
  saveCell(cellId: string, code: string, starterHash: string): void;
  forgetCell(cellId: string): void;
  recordExercisePass(id: string, result: { figure?: number; summary?: string }): void;
  recordQuizAnswer(id: string, answer: QuizAnswer, correct: boolean): void;
  markLessonRead(slug: string): void;
  /** Records the lesson and section the reader is in (callers debounce). */
  recordVisit(slug: string, section: string, sectionTitle: string): void;
  /** Called with the new snapshot after this page's changes and other tabs'. Returns an unsubscribe function. */
  subscribe(listener: (data: ProgressData) => void): () => void;
  problems(): StorageProblem[];
  exportJson(): string;
  importJson(text: string): ImportResult;
  reset(): void;

  // For the progress page.
  /** Copies of unreadable stored progress kept aside, oldest first. */
  keptCopies(): KeptCopy[];
  /** The exact text of a kept copy, or null. */
  keptText(key: string): string | null;
  /** Deletes a kept copy for good. */
  discardKept(key: string): void;
}

const UNAVAILABLE_MESSAGE =
  'Your browser does not let this site keep data (site data may be blocked, or this is a private window), ' +
  'so your progress lasts only while this page is open. Export it before you leave, or allow site data for this site.';

function createSavedProgress(): SavedProgress {
  const found = browserStorage();
  const store =
    found.storage !== null
      ? new ProgressStore(found.storage)
      : new ProgressStore(new MemoryStorage(), { unavailable: { kind: 'unavailable', message: UNAVAILABLE_MESSAGE } });
  const listeners = new Set<(data: ProgressData) => void>();
  const now = () => new Date().toISOString();

  const notify = () => {
    const snapshot = store.data();
    for (const listener of [...listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        // One broken listener must not stop the others (or the save that triggered it).
        console.error('A saved-progress listener failed:', error);
      }
    }
  };
  const apply = (fn: Change, key: string) => {
    store.update(fn, key);
    notify();
  };

  if (found.storage !== null) {
    window.addEventListener('storage', (event) => {
      // key null: another tab cleared all storage of this site.
      if (event.storageArea !== found.storage) return;
      if (event.key === null || event.key === PROGRESS_KEY || event.key.startsWith(KEPT_PREFIX)) {
        store.refresh();
        notify();
      }
    });
  }

  return {
    data: () => store.data(),
    saveCell: (cellId, code, starterHash) => apply(change.saveCell(cellId, code, starterHash, now()), `cell:${cellId}`),
    forgetCell: (cellId) => apply(change.forgetCell(cellId), `cell:${cellId}`),
    recordExercisePass: (id, result) => apply(change.passExercise(id, result, now()), `exercise:${id}`),
    recordQuizAnswer: (id, answer, correct) => apply(change.answerQuiz(id, answer, correct, now()), `quiz:${id}`),
    markLessonRead: (slug) => {
      if (Object.hasOwn(store.data().lessons, slug)) return; // already read: nothing to write
      apply(change.markRead(slug, now()), `lesson:${slug}`);
    },
    recordVisit: (slug, section, sectionTitle) => {
      const last = store.data().last;
      if (last && last.slug === slug && last.section === section) return; // the same place: nothing new to write
      apply(change.visitLesson(slug, section, sectionTitle, now()), 'last');
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    problems: () => store.problems(),
    exportJson: () => store.exportJson(),
    importJson(text) {
      const result = store.importJson(text);
      if (result.ok) notify();
      return result;
    },
    reset() {
      store.reset();
      notify();
    },
    keptCopies: () => store.keptCopies(),
    keptText: (key) => store.keptText(key),
    discardKept(key) {
      store.discardKept(key);
      notify();
    },
  };
}

let instance: SavedProgress | undefined;

/** The page's saved progress (created on first use). */
export function savedProgress(): SavedProgress {
  instance ??= createSavedProgress();
  return instance;
}
