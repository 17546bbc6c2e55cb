/**
 * What the progress store keeps and reads, without the store itself: the storage keys, the
 * export envelope, kept-aside copies (what each is, in words, and the problem it is reported
 * as), and how a stored or imported text is classified and read (store.ts uses these; the
 * progress page shows them).
 */
import { readProgress } from './migrate.ts';
import { PROGRESS_VERSION, type ProgressData, type StorageProblem } from './types.ts';

/** The part of the Web Storage API the store uses (the browser's local storage has it). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export const PROGRESS_KEY = 'tinker-progress';
/** Prefix of the keys under which unreadable stored progress is kept aside. */
export const KEPT_PREFIX = 'tinker-progress-kept-';

/**
 * Prefix (under KEPT_PREFIX) of the keys where the original text of progress in an older format is
 * kept when its migration leaves something out (a field that format did not define).
 */
export const ORIGINAL_PREFIX = `${KEPT_PREFIX}original-`;

export const QUOTA_MESSAGE =
  "Your browser's storage for this site is full, so your latest change was not saved. Export your progress, then free some space.";

/** What an export file holds. */
export interface ProgressExport {
  app: 'tinker';
  /** What the file is, so other Tinker exports could share the envelope. */
  kind: 'progress';
  exportedAt: string;
  data: ProgressData;
}

/** A copy of unreadable stored progress, kept aside under its own key. */
export interface KeptCopy {
  key: string;
  /** When it was kept aside (ISO time, from the key). */
  keptAt: string;
  /**
   * corrupt: not JSON or not the shape of any known version; unknown-version: from a newer
   * version of Tinker; readable: this version of the site can read it (it can be imported);
   * original: an older format's text kept because its conversion left something out (`dropped`).
   */
  kind: 'corrupt' | 'unknown-version' | 'readable' | 'original';
  /** For an original: what the conversion left out, in words. */
  dropped?: string[];
  /** The format version it says it has, when it says one. */
  version?: number;
  /** Its length in characters. */
  size: number;
}

/** `keptAs`: where the file's original text was kept because converting it left something out. */
export type ImportResult = { ok: true; keptAs?: string; dropped?: string[] } | { ok: false; message: string };

/** True for the errors browsers throw when a storage quota is exceeded. */
export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  // Chrome/Safari: QuotaExceededError (code 22); old Firefox: NS_ERROR_DOM_QUOTA_REACHED (code 1014).
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Classifies a stored or imported text without changing anything. */
export function classifyText(text: string, now: string): { kind: KeptCopy['kind']; version?: number; dropped?: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'corrupt' };
  }
  const payload = isObject(value) && value.app === 'tinker' ? value.data : value;
  const result = readProgress(payload, now);
  const version = isObject(payload) && Number.isInteger(payload.version) ? (payload.version as number) : undefined;
  const kind = result.kind === 'invalid' ? 'corrupt' : result.kind === 'unknown-version' ? 'unknown-version' : 'readable';
  const dropped = result.kind === 'migrated' && result.dropped.length > 0 ? { dropped: result.dropped } : {};
  return version === undefined ? { kind, ...dropped } : { kind, version, ...dropped };
}

/**
 * Reads an import file: an export envelope ({ app: "tinker", data }) or a bare progress record of
 * any known version. Returns the data in the current format, or a message saying what is wrong.
 */
export function parseImport(
  text: string,
  now: string,
): { ok: true; data: ProgressData; from: number; dropped: string[] } | { ok: false; message: string } {
  const unchanged = 'Your progress is unchanged.';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      message: `This file is not a Tinker progress file: it is not JSON. Choose a file saved by “Export progress” (tinker-progress-….json). ${unchanged}`,
    };
  }
  let payload: unknown;
  if (isObject(value) && value.app === 'tinker') {
    payload = value.data;
  } else if (isObject(value) && 'version' in value && ['lessons', 'cells', 'read', 'code'].some((k) => k in value)) {
    payload = value; // a bare progress record, e.g. copied from a kept-aside copy
  } else {
    return {
      ok: false,
      message: `This file is not a Tinker progress file. Choose a file saved by “Export progress” (tinker-progress-….json). ${unchanged}`,
    };
  }
  const result = readProgress(payload, now);
  switch (result.kind) {
    case 'current':
      return { ok: true, data: result.data, from: PROGRESS_VERSION, dropped: [] };
    case 'migrated':
      return { ok: true, data: result.data, from: result.from, dropped: result.dropped };
    case 'unknown-version':
      return {
        ok: false,
        message:
          `This file was saved by a newer version of Tinker (progress format ${result.version}); this page reads formats up to ${PROGRESS_VERSION}. ` +
          `Reload the page to get the newest version of the site, then import it again. ${unchanged}`,
      };
    case 'invalid':
      return { ok: false, message: `This Tinker progress file is damaged (${result.reason}), so nothing was imported. ${unchanged}` };
  }
}

/** What a kept-aside copy is, in a sentence or two (the progress page shows it next to the copy). */
export function keptSummary(copy: KeptCopy): string {
  switch (copy.kind) {
    case 'corrupt':
      return 'Progress saved in this browser could not be read (it is damaged), so Tinker set it aside and started afresh.';
    case 'unknown-version':
      return (
        `Progress saved in this browser comes from a newer version of Tinker (format ${copy.version ?? '?'}), which this page cannot read. ` +
        'It was set aside unchanged: reload the page to get the newest site, then import the copy.'
      );
    case 'readable':
      return 'An earlier copy of your progress was set aside, and this version of Tinker can read it: import it to restore it.';
    case 'original':
      return (
        `Your progress was saved by an older version of Tinker (format ${copy.version ?? '?'}) and converted to the current format, ` +
        `which has no place for ${copy.dropped && copy.dropped.length > 0 ? copy.dropped.join(', ') : 'part of it'}. ` +
        'So the original was kept here unchanged: download it to keep what was left out.'
      );
  }
}

/** The problem a kept-aside copy is reported as (anywhere on the site). */
export function keptProblem(copy: KeptCopy): StorageProblem {
  return {
    kind: copy.kind === 'corrupt' ? 'corrupt' : copy.kind === 'original' ? 'migrated' : 'unknown-version',
    keptAs: copy.key,
    message: `${keptSummary(copy)} You can download it or discard it on the Progress page.`,
  };
}
