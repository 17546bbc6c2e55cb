/**
 * Reading stored progress of any known format: shape checks, and migrations from older versions
 * to the current one (PROGRESS_VERSION in types.ts).
 *
 * Format history:
 * - Version 1 (first draft): `{ version: 1, read: string[], passed: string[],
 *   quiz: Record<quizId, number[]>, code: Record<cellId, string> }`.
 * - Version 2 (current): see ProgressData in types.ts.
 *
 * Migration 1 → 2 keeps everything version 1 defined (fields it did not define are listed in the
 * result's `dropped`, and the store then keeps the original text aside, see store.ts):
 * - read lessons and passed exercises get the migration time as their time (version 1 kept none);
 * - quiz answers keep the selected choices with `correct: false`, because version 1 did not say
 *   whether they were right. A quiz that restores an answer should check it again against its
 *   key (and record it again when it is right), so nothing the reader did is lost and no wrong
 *   answer is counted as right;
 * - saved code gets starterHash '' ("starter unknown"): the cell shows the reader's code and
 *   never replaces it by a newer starter.
 *
 * The optional `last` (LastVisit) came later within version 2 (no new version: older code keeps
 * it as a field it does not know). It is read with readLastVisit; a damaged one is left out of
 * the data read, without setting the rest aside.
 *
 * To add version 3: write `migrate2to3`, add it to MIGRATIONS, bump PROGRESS_VERSION and change
 * validateProgress to the new shape.
 */
import { slugsReadThroughMoves } from '../content/moved-lessons.ts';
import { PROGRESS_VERSION, type AnsweredQuiz, type LastVisit, type ProgressData, type QuizAnswer, type SavedCell } from './types.ts';

/** A fresh, empty progress record of the current version. */
export function emptyProgress(): ProgressData {
  return { version: PROGRESS_VERSION, lessons: ownMap(), exercises: ownMap(), quizzes: ownMap(), cells: ownMap() };
}

/**
 * A map for keys that come from data (lesson slugs, cell, quiz and exercise ids): an object with
 * no prototype, so `__proto__`, `constructor`, `toString` or `hasOwnProperty` are keys like any
 * other (on a plain object, `map.__proto__ = x` sets its prototype and is lost by JSON.stringify,
 * and `map.constructor` is always there). JSON.stringify writes it like a plain object.
 */
export function ownMap<T>(entries?: Record<string, T>): Record<string, T> {
  const map = Object.create(null) as Record<string, T>;
  // Object.assign copies own keys (JSON.parse makes `__proto__` an own key) and, on an object with
  // no prototype, sets `__proto__` as a plain property.
  if (entries) Object.assign(map, entries);
  return map;
}

/**
 * The four maps of current-version data made into ownMaps (other fields kept as they are), and
 * `last` kept only when it reads as a LastVisit.
 */
function withOwnMaps(data: ProgressData): ProgressData {
  const { last, ...rest } = data as Omit<ProgressData, 'last'> & { last?: unknown };
  const result: ProgressData = {
    ...rest,
    lessons: ownMap(data.lessons),
    exercises: ownMap(data.exercises),
    quizzes: ownMap(data.quizzes),
    cells: ownMap(data.cells),
  };
  const visit = readLastVisit(last);
  if (visit) result.last = visit;
  return result;
}

/** Longest slug, section id and section title a LastVisit may hold (a heading's id is far shorter). */
export const LAST_VISIT_LIMITS = { slug: 200, section: 200, sectionTitle: 300 } as const;

/** True when `text` holds a control character (U+0000–U+001F, U+007F): none belongs in a slug, an id or a title. */
const hasControl = (text: string): boolean => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

const isShortText = (value: unknown, max: number): value is string => isString(value) && value.length <= max && !hasControl(value);

/**
 * Reads stored data (untrusted: another version, another tab, an imported file) as a LastVisit:
 * a fresh copy with only the known fields, or null when anything is missing, of the wrong type,
 * too long, holds control characters, or `at` is not a time. A section title without a section is dropped.
 */
export function readLastVisit(value: unknown): LastVisit | null {
  if (!isObject(value)) return null;
  const { slug, section, sectionTitle, at } = value;
  if (!isShortText(slug, LAST_VISIT_LIMITS.slug) || slug === '') return null;
  if (!isShortText(section, LAST_VISIT_LIMITS.section)) return null;
  if (!isShortText(sectionTitle, LAST_VISIT_LIMITS.sectionTitle)) return null;
  if (!isString(at) || Number.isNaN(Date.parse(at))) return null;
  return { slug, section, sectionTitle: section === '' ? '' : sectionTitle, at };
}

/** What reading an unknown value as progress gave. */
export type ReadResult =
  | { kind: 'current'; data: ProgressData }
  /** `dropped`: what the migration could not carry over (e.g. `"theme" (a field format 1 did not define)`); empty when nothing. */
  | { kind: 'migrated'; data: ProgressData; from: number; dropped: string[] }
  | { kind: 'invalid'; reason: string }
  | { kind: 'unknown-version'; version: number };

type Check = string | null; // null: fine; otherwise what is wrong

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isString = (value: unknown): value is string => typeof value === 'string';

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function checkRecord(value: unknown, field: string, checkEntry: (entry: unknown) => Check): Check {
  if (!isObject(value)) return `"${field}" is not an object`;
  for (const [key, entry] of Object.entries(value)) {
    const problem = checkEntry(entry);
    if (problem !== null) return `${field}["${key}"]: ${problem}`;
  }
  return null;
}

function checkOptional(entry: Record<string, unknown>, field: string, ok: (v: unknown) => boolean, what: string): Check {
  return entry[field] === undefined || ok(entry[field]) ? null : `"${field}" is not ${what}`;
}

function checkQuizAnswer(value: unknown): Check {
  if (!isObject(value)) return '"answer" is not an object';
  if (value.kind === 'choice') {
    const selected = value.selected;
    if (!Array.isArray(selected) || !selected.every((n) => Number.isInteger(n) && (n as number) >= 0)) {
      return '"answer.selected" is not a list of choice numbers';
    }
    return null;
  }
  if (value.kind === 'numeric') return isNumber(value.value) ? null : '"answer.value" is not a number';
  return '"answer.kind" is neither "choice" nor "numeric"';
}

const checkLesson = (entry: unknown): Check => (isObject(entry) && isString(entry.readAt) ? null : 'needs a "readAt" time');

function checkExercise(entry: unknown): Check {
  if (!isObject(entry) || !isString(entry.passedAt)) return 'needs a "passedAt" time';
  return checkOptional(entry, 'figure', isNumber, 'a number') ?? checkOptional(entry, 'summary', isString, 'text');
}

function checkQuiz(entry: unknown): Check {
  if (!isObject(entry)) return 'is not an object';
  if (typeof entry.correct !== 'boolean') return '"correct" is not true or false';
  if (!isString(entry.answeredAt)) return 'needs an "answeredAt" time';
  return checkQuizAnswer(entry.answer);
}

function checkCell(entry: unknown): Check {
  if (!isObject(entry)) return 'is not an object';
  if (!isString(entry.code)) return '"code" is not text';
  if (!isString(entry.starterHash)) return '"starterHash" is not text';
  return isString(entry.savedAt) ? null : 'needs a "savedAt" time';
}

/**
 * Checks that `value` has the shape of current-version progress. Returns null when it does,
 * otherwise a short description of the first thing wrong (for the reader's report).
 * Fields this version does not know are allowed and kept.
 */
export function checkProgress(value: unknown): string | null {
  if (!isObject(value)) return 'it is not a JSON object';
  if (value.version !== PROGRESS_VERSION) return `its version is ${JSON.stringify(value.version)}, not ${PROGRESS_VERSION}`;
  return (
    checkRecord(value.lessons, 'lessons', checkLesson) ??
    checkRecord(value.exercises, 'exercises', checkExercise) ??
    checkRecord(value.quizzes, 'quizzes', checkQuiz) ??
    checkRecord(value.cells, 'cells', checkCell)
  );
}

// ---------------------------------------------------------------------------------------------
// Version 1

/** The first draft format, as it was stored. */
export interface ProgressV1 {
  version: 1;
  read: string[];
  passed: string[];
  quiz: Record<string, number[]>;
  code: Record<string, string>;
}

function checkV1(value: Record<string, unknown>): Check {
  const strings = (v: unknown) => Array.isArray(v) && v.every(isString);
  if (!strings(value.read)) return '"read" is not a list of lesson names';
  if (!strings(value.passed)) return '"passed" is not a list of exercise names';
  const quizProblem = checkRecord(value.quiz, 'quiz', (e) =>
    Array.isArray(e) && e.every((n) => Number.isInteger(n) && (n as number) >= 0) ? null : 'is not a list of choice numbers',
  );
  if (quizProblem !== null) return quizProblem;
  return checkRecord(value.code, 'code', (e) => (isString(e) ? null : 'is not text'));
}

const V1_FIELDS = new Set(['version', 'read', 'passed', 'quiz', 'code']);

/** What migrate1to2 leaves out: fields version 1 did not define. */
function droppedV1(value: Record<string, unknown>): string[] {
  return Object.keys(value)
    .filter((key) => !V1_FIELDS.has(key))
    .map((key) => `"${key}" (a field format 1 did not define)`);
}

function migrate1to2(v1: ProgressV1, now: string): ProgressData {
  const data = emptyProgress();
  for (const slug of v1.read) setOwn(data.lessons, slug, { readAt: now });
  for (const id of v1.passed) setOwn(data.exercises, id, { passedAt: now });
  for (const [id, selected] of Object.entries(v1.quiz)) {
    const answer: QuizAnswer = { kind: 'choice', selected: [...selected] };
    // Version 1 did not record correctness: see the note at the top of this file.
    const quiz: AnsweredQuiz = { answer, correct: false, answeredAt: now };
    setOwn(data.quizzes, id, quiz);
  }
  for (const [id, code] of Object.entries(v1.code)) {
    const cell: SavedCell = { code, starterHash: '', savedAt: now };
    setOwn(data.cells, id, cell);
  }
  return data;
}

interface Migration {
  /** Checks the shape of this version's data; null when fine. */
  check(value: Record<string, unknown>): Check;
  /** Turns checked data of this version into the next version. */
  up(value: Record<string, unknown>, now: string): Record<string, unknown>;
  /** What `up` leaves out of checked data of this version, in words (empty when nothing). */
  dropped(value: Record<string, unknown>): string[];
}

/** MIGRATIONS[v] reads version v and returns version v + 1. */
const MIGRATIONS: Record<number, Migration> = {
  1: {
    check: checkV1,
    up: (value, now) => migrate1to2(value as unknown as ProgressV1, now) as unknown as Record<string, unknown>,
    dropped: droppedV1,
  },
};

/** The versions this code can read, oldest first. */
export const KNOWN_VERSIONS: readonly number[] = [...Object.keys(MIGRATIONS).map(Number), PROGRESS_VERSION].sort((a, b) => a - b);

/**
 * Reads a parsed JSON value as progress of any known version, migrating older ones.
 * `now` (ISO time) stands in for times older versions did not keep. Never throws.
 */
export function readProgress(value: unknown, now: string): ReadResult {
  if (!isObject(value)) return { kind: 'invalid', reason: 'it is not a JSON object' };
  const version = value.version;
  if (!Number.isInteger(version) || (version as number) < 1) {
    return { kind: 'invalid', reason: 'it has no version number' };
  }
  const from = version as number;
  if (from > PROGRESS_VERSION) return { kind: 'unknown-version', version: from };
  let current: Record<string, unknown> = value;
  const dropped: string[] = [];
  for (let v = from; v < PROGRESS_VERSION; v++) {
    const step = Object.hasOwn(MIGRATIONS, v) ? MIGRATIONS[v] : undefined;
    if (!step) return { kind: 'invalid', reason: `format ${v} is not one this site can read` };
    const problem = step.check(current);
    if (problem !== null) return { kind: 'invalid', reason: `format ${v}: ${problem}` };
    dropped.push(...step.dropped(current));
    try {
      current = step.up(current, now);
    } catch (error) {
      return { kind: 'invalid', reason: `format ${v} could not be converted (${String(error)})` };
    }
  }
  const problem = checkProgress(current);
  if (problem !== null) return { kind: 'invalid', reason: problem };
  const data = withOwnMaps(current as unknown as ProgressData);
  followMovedLessons(data);
  return from === PROGRESS_VERSION ? { kind: 'current', data } : { kind: 'migrated', data, from, dropped };
}

/**
 * A lesson that was split or renamed (src/lib/content/moved-lessons.ts) stays read: reading the old
 * lesson marks every lesson that now holds its content as read, at the time the old one was read.
 * The old key is kept, so an export still says what was read then.
 */
function followMovedLessons(data: ProgressData): void {
  for (const { slug, from } of slugsReadThroughMoves(Object.keys(data.lessons))) {
    const old = data.lessons[from];
    if (old) setOwn(data.lessons, slug, { readAt: old.readAt });
  }
}

/**
 * Sets `map[key] = value` as an own, enumerable property whatever the key and whatever the map's
 * prototype (`__proto__` included), so a key from data is never lost or taken for the prototype.
 */
export function setOwn<T>(map: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}
