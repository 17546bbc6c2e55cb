/**
 * The words of the progress page (src/widgets/progress-page/): what a progress file holds, the
 * course totals, a kept-aside copy, file names, and what an import did. Pure, so it is tested
 * here; the widget only puts them in the page.
 */
import { plural } from '../format/numbers.ts';
import type { ImportResult, KeptCopy } from './stored-text.ts';
import { keptSummary } from './stored-text.ts';
import type { courseTotals } from './summary.ts';
import type { ProgressData } from './types.ts';

/** "2 lessons read, 1 exercise passed and the code of 3 cells" (only what there is). */
export function describeProgress(data: ProgressData): string {
  const n = (record: object) => Object.keys(record).length;
  const parts = [
    n(data.lessons) > 0 ? `${plural(n(data.lessons), 'lesson')} read` : '',
    n(data.exercises) > 0 ? `${plural(n(data.exercises), 'exercise')} passed` : '',
    n(data.quizzes) > 0 ? plural(n(data.quizzes), 'quiz answer') : '',
    n(data.cells) > 0 ? `the code of ${plural(n(data.cells), 'cell')}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return 'no progress yet';
  return parts.length === 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** "So far: 1 of 3 lessons read, 0 of 2 exercises passed." (exercises and quizzes only when the course has some). */
export function totalsText(t: ReturnType<typeof courseTotals>): string {
  const parts = [`${t.lessonsRead} of ${plural(t.lessonsTotal, 'lesson')} read`];
  if (t.exercisesTotal > 0) parts.push(`${t.exercisesPassed} of ${plural(t.exercisesTotal, 'exercise')} passed`);
  if (t.quizzesTotal > 0) parts.push(`${t.quizzesCorrect} of ${plural(t.quizzesTotal, 'quiz', 'quizzes')} answered correctly`);
  return `So far: ${parts.join(', ')}.`;
}

/** A local date as yyyy-mm-dd. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The name of an exported progress file: tinker-progress-2026-12-05.json. */
export function progressFileName(d: Date): string {
  return `tinker-progress-${isoDay(d)}.json`;
}

const KIND_TEXT: Record<KeptCopy['kind'], string> = {
  corrupt: 'damaged data that could not be read',
  'unknown-version': 'data from a newer version of Tinker',
  readable: 'an earlier copy this version can read',
  original: 'the original of progress converted from an older format',
};

/** A kept copy in words: what it is, when it was kept, and its size. `when` formats the date. */
export function keptCopyText(copy: KeptCopy, when: (iso: string) => string): string {
  const size = copy.size < 1024 ? plural(copy.size, 'character') : `${(copy.size / 1024).toFixed(1)} KB`;
  return `${keptSummary(copy)} Kept aside on ${when(copy.keptAt)}: ${KIND_TEXT[copy.kind]} (${size}).`;
}

/** The file a kept copy downloads as (text for damaged data, JSON otherwise) and its type. */
export function keptCopyFile(copy: KeptCopy): { name: string; type: string } {
  const corrupt = copy.kind === 'corrupt';
  return { name: `${copy.key.replace(/[^\w-]+/g, '-')}.${corrupt ? 'txt' : 'json'}`, type: corrupt ? 'text/plain' : 'application/json' };
}

/** What an import of `fileName` did, for the status line. */
export function importResultText(result: ImportResult, fileName: string): string {
  if (!result.ok) return result.message;
  if (result.keptAs === undefined) return `Imported your progress from “${fileName}”.`;
  return (
    `Imported your progress from “${fileName}”. It was saved by an older version of Tinker, and this version has no place for ` +
    `${(result.dropped ?? []).join(', ')}, so a copy of the whole file was kept: it is listed under Problems, where you can download it.`
  );
}
