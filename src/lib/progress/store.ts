/**
 * The reader's progress, kept as one JSON text under PROGRESS_KEY in a key-value storage
 * (the browser's localStorage in the site, a plain in-memory one in tests).
 *
 * Rules (issue 3, "Saved progress"):
 * - Nothing the reader did is lost. Stored text that cannot be read (not JSON, a damaged shape,
 *   or a version newer than this code knows) is first copied, byte for byte, to a key of its own
 *   (`tinker-progress-kept-<ISO time>`), and only then removed from PROGRESS_KEY. If it cannot
 *   be copied (storage full), it is left where it is and nothing is written over it. Kept copies
 *   stay until the reader discards them on the progress page; each is reported as a problem.
 * - Older versions are migrated in memory (migrate.ts) and the result written back; the old text
 *   is replaced only by a successful write of its migrated form (setItem replaces it whole), so
 *   there is no state in which neither exists. When the migration leaves something out (a field
 *   the old format did not define), the original text is first kept under its own key
 *   (`tinker-progress-kept-original-<ISO time>`, kind 'original'); if that copy cannot be made,
 *   nothing is written over it. The same holds for an imported file of an older format.
 * - Keys that come from data (slugs, ids) live in maps without a prototype (migrate.ts ownMap),
 *   so `__proto__`, `constructor` and the like are stored, read and exported like any other.
 * - Every change re-reads the latest stored text and applies itself to that, so two tabs that
 *   change different things do not undo each other's changes.
 * - When a write fails (storage full), the change stays in memory and is tried again with the
 *   next change; the reader is told in plain words.
 *
 * Keys, kept copies and the reading of stored or imported text: stored-text.ts.
 */
import { errorText } from '../format/error-text.ts';
import { emptyProgress, readProgress } from './migrate.ts';
import {
  classifyText,
  type ImportResult,
  isQuotaError,
  KEPT_PREFIX,
  type KeptCopy,
  keptProblem,
  type KeyValueStorage,
  ORIGINAL_PREFIX,
  parseImport,
  PROGRESS_KEY,
  type ProgressExport,
  QUOTA_MESSAGE,
} from './stored-text.ts';
import type { ProgressData, StorageProblem } from './types.ts';

export { isQuotaError, KEPT_PREFIX, keptProblem, keptSummary, ORIGINAL_PREFIX, parseImport, PROGRESS_KEY, QUOTA_MESSAGE } from './stored-text.ts';
export type { ImportResult, KeptCopy, KeyValueStorage, ProgressExport } from './stored-text.ts';

/** A change to progress; applied to the latest stored data, and again after a failed write. */
export type Change = (data: ProgressData) => void;

export interface ProgressStoreOptions {
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  /** Set when the real storage could not be used and `storage` is a stand-in kept in memory. */
  unavailable?: StorageProblem;
}

export class ProgressStore {
  private readonly storage: KeyValueStorage;
  private readonly now: () => Date;
  private readonly unavailable: StorageProblem | undefined;
  private current: ProgressData;
  /** Changes not yet written (a write failed); keyed so a newer change of the same thing replaces an older one. */
  private readonly pending = new Map<string, Change>();
  private pendingCount = 0;
  /** Why the last write failed, until one succeeds. */
  private writeProblem: StorageProblem | null = null;
  /** Set while PROGRESS_KEY holds unreadable text that could not be kept aside: nothing may overwrite it. */
  private blocked: StorageProblem | null = null;
  private lastReadMigrated = false;

  constructor(storage: KeyValueStorage, options: ProgressStoreOptions = {}) {
    this.storage = storage;
    this.now = options.now ?? (() => new Date());
    this.unavailable = options.unavailable;
    this.current = this.readLatest();
    // Write a migrated record back at once, so its times do not change on every load.
    if (this.lastReadMigrated) this.flush();
  }

  /** The progress as this page knows it (stored data plus changes not yet written). Treat as read-only. */
  data(): ProgressData {
    return this.current;
  }

  /** What is wrong with saving, in plain words: failed writes, then kept-aside copies. */
  problems(): StorageProblem[] {
    const list: StorageProblem[] = [];
    if (this.unavailable) list.push(this.unavailable);
    if (this.blocked) list.push(this.blocked);
    if (this.writeProblem) list.push(this.writeProblem);
    for (const copy of this.keptCopies()) list.push(keptProblem(copy));
    return list;
  }

  /**
   * Applies `change` to the latest stored progress and writes it. Returns whether it was saved;
   * when not, the change is kept in memory and written with the next change. `key` names what
   * the change sets (e.g. "cell:sigmoid"), so that an unsaved older change of the same thing is
   * replaced rather than replayed.
   */
  update(change: Change, key?: string): boolean {
    const id = key ?? `#${this.pendingCount++}`;
    this.pending.delete(id);
    this.pending.set(id, change);
    return this.flush();
  }

  /** Re-reads storage, e.g. after another tab changed it. Writes nothing. */
  refresh(): void {
    const latest = this.readLatest();
    for (const change of this.pending.values()) change(latest);
    this.current = latest;
  }

  /** The export file's text (pretty-printed JSON with a small envelope). */
  exportJson(): string {
    const file: ProgressExport = { app: 'tinker', kind: 'progress', exportedAt: this.now().toISOString(), data: this.current };
    return JSON.stringify(file, null, 2) + '\n';
  }

  /**
   * Replaces all progress by the file's (after checking it; older formats are migrated).
   * On any error nothing changes and the message says what was wrong.
   */
  importJson(text: string): ImportResult {
    const parsed = parseImport(text, this.now().toISOString());
    if (!parsed.ok) return parsed;
    this.readLatest(); // sets unreadable stored text aside before it is replaced
    if (this.blocked) {
      return {
        ok: false,
        message:
          'The progress stored in this browser cannot be read and there was no room to keep a copy of it, so Tinker will not replace it. ' +
          'Free some space, then import again. Your progress is unchanged.',
      };
    }
    let keptAs: string | undefined;
    try {
      // A file whose conversion leaves something out is kept whole too (the reader may lose the file).
      if (parsed.dropped.length > 0) keptAs = this.keepOriginal(text);
      this.storage.setItem(PROGRESS_KEY, JSON.stringify(parsed.data));
    } catch (error) {
      if (keptAs !== undefined) this.storage.removeItem(keptAs);
      const why = isQuotaError(error) ? "your browser's storage for this site is full" : `the browser refused (${errorText(error)})`;
      return {
        ok: false,
        message: `The file is fine, but it could not be saved: ${why}. Free some space, then import again. Your progress is unchanged.`,
      };
    }
    this.pending.clear();
    this.writeProblem = null;
    this.current = parsed.data;
    return keptAs === undefined ? { ok: true } : { ok: true, keptAs, dropped: parsed.dropped };
  }

  /** Forgets all progress (the page asks the reader first). Kept-aside copies stay. */
  reset(): void {
    this.readLatest(); // unreadable stored text is kept aside rather than removed
    this.pending.clear();
    this.writeProblem = null;
    if (!this.blocked) this.storage.removeItem(PROGRESS_KEY);
    this.current = emptyProgress();
  }

  /** Copies of unreadable stored progress, oldest first. */
  keptCopies(): KeptCopy[] {
    const now = this.now().toISOString();
    const copies: KeptCopy[] = [];
    for (const key of this.keptKeys()) {
      const text = this.storage.getItem(key);
      if (text === null) continue;
      const classified = classifyText(text, now);
      const original = key.startsWith(ORIGINAL_PREFIX);
      const kind = original && classified.kind === 'readable' ? 'original' : classified.kind;
      const keptAt = key.slice(original ? ORIGINAL_PREFIX.length : KEPT_PREFIX.length).replace(/-\d+$/, '');
      const copy: KeptCopy = { key, keptAt, kind, size: text.length };
      if (classified.version !== undefined) copy.version = classified.version;
      if (kind === 'original') copy.dropped = classified.dropped ?? [];
      copies.push(copy);
    }
    return copies.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** The exact text of a kept-aside copy (null if there is none under that key). */
  keptText(key: string): string | null {
    return key.startsWith(KEPT_PREFIX) ? this.storage.getItem(key) : null;
  }

  /** Deletes a kept-aside copy for good (the page asks the reader first). */
  discardKept(key: string): void {
    if (key.startsWith(KEPT_PREFIX)) this.storage.removeItem(key);
  }

  // -------------------------------------------------------------------------------------------

  private keptKeys(): string[] {
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key !== null && key.startsWith(KEPT_PREFIX)) keys.push(key);
    }
    return keys;
  }

  /**
   * The latest stored progress as a fresh object (safe to change). Unreadable text is kept aside
   * on the way; older versions come back migrated (lastReadMigrated says so).
   */
  private readLatest(): ProgressData {
    this.lastReadMigrated = false;
    this.blocked = null;
    const raw = this.storage.getItem(PROGRESS_KEY);
    if (raw === null) return emptyProgress();
    const now = this.now().toISOString();
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return this.keepAside(raw, 'corrupt');
    }
    const result = readProgress(value, now);
    switch (result.kind) {
      case 'current':
        return result.data;
      case 'migrated':
        if (result.dropped.length > 0) {
          // The migrated form is written over the stored text: keep the original first, or write nothing.
          try {
            this.keepOriginal(raw);
          } catch (error) {
            const why = isQuotaError(error) ? "your browser's storage for this site is full" : errorText(error);
            this.blocked = {
              kind: 'migrated',
              message:
                `Progress saved in this browser comes from an older version of Tinker, and converting it leaves out ${result.dropped.join(', ')}. ` +
                `Tinker could not keep a copy of the original (${why}), so it is left untouched and nothing you do on this page is saved until you free some space. Export your progress to keep it.`,
            };
            return result.data;
          }
        }
        this.lastReadMigrated = true;
        return result.data;
      case 'invalid':
        return this.keepAside(raw, 'corrupt');
      case 'unknown-version':
        return this.keepAside(raw, 'unknown-version');
    }
  }

  /** Copies unreadable stored text to a key of its own, then clears PROGRESS_KEY. */
  private keepAside(raw: string, kind: 'corrupt' | 'unknown-version'): ProgressData {
    // Another tab (or an earlier attempt) may have kept the same text already.
    let key = this.keptKeys().find((k) => this.storage.getItem(k) === raw);
    try {
      if (key === undefined) {
        key = this.freeKeptKey();
        this.storage.setItem(key, raw);
      }
      if (this.storage.getItem(key) !== raw) throw new Error('the copy reads back differently');
      this.storage.removeItem(PROGRESS_KEY);
    } catch (error) {
      const what = kind === 'corrupt' ? 'cannot be read (it is damaged)' : 'comes from a newer version of Tinker';
      const why = isQuotaError(error) ? "your browser's storage for this site is full" : errorText(error);
      this.blocked = {
        kind,
        message:
          `Progress saved in this browser ${what}, and Tinker could not keep a copy of it aside (${why}). ` +
          'It is left untouched, so nothing you do on this page is saved until you free some space. Export your progress to keep it.',
      };
    }
    return emptyProgress();
  }

  /** Keeps `raw` (an older format's text) under an ORIGINAL_PREFIX key, once; returns the key. Throws if it cannot. */
  private keepOriginal(raw: string): string {
    const existing = this.keptKeys().find((k) => this.storage.getItem(k) === raw);
    if (existing !== undefined) return existing;
    const key = this.freeKeptKey(ORIGINAL_PREFIX);
    this.storage.setItem(key, raw);
    if (this.storage.getItem(key) !== raw) throw new Error('the copy reads back differently');
    return key;
  }

  private freeKeptKey(prefix = KEPT_PREFIX): string {
    const base = prefix + this.now().toISOString();
    let key = base;
    for (let n = 2; this.storage.getItem(key) !== null; n++) key = `${base}-${n}`;
    return key;
  }

  /** Writes the latest stored progress with every pending change applied. */
  private flush(): boolean {
    const next = this.readLatest();
    for (const change of this.pending.values()) change(next);
    this.current = next;
    if (this.blocked) return false;
    try {
      this.storage.setItem(PROGRESS_KEY, JSON.stringify(next));
    } catch (error) {
      this.writeProblem = isQuotaError(error)
        ? { kind: 'quota', message: QUOTA_MESSAGE }
        : {
            kind: 'unavailable',
            message: `Your browser refused to save your latest change (${errorText(error)}). Export your progress so you keep it; Tinker tries again with your next change.`,
          };
      return false;
    }
    this.pending.clear();
    this.writeProblem = null;
    return true;
  }
}
