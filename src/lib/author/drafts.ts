/**
 * The author's drafts, kept in a key-value storage (the browser's localStorage on /author, a
 * MemoryStorage in tests).
 *
 * Keys (all under DRAFT_PREFIX = `tinker:author:`):
 * - `tinker:author:draft:<id>`: one draft, as JSON `{ "text", "createdAt", "updatedAt" }`. This
 *   key is the truth: everything else can be rebuilt from these keys.
 * - `tinker:author:index`: JSON `{ "version": 1, "drafts": [DraftSummary + createdAt] }`, so the
 *   drafts list does not have to read and parse every draft.
 * - `tinker:author:last-open`: the id of the draft open last.
 *
 * Nothing is thrown away:
 * - An index that is not JSON or not the expected shape is rebuilt from the draft keys (it holds
 *   nothing that is not in them). A draft key missing from the index is added to it; an index
 *   entry whose draft key is gone is dropped (there is no text to lose).
 * - A draft key that is not the JSON envelope (written by hand, or damaged) is read as the
 *   draft's text itself, and stays as it is until the author saves that draft.
 * - When a write fails (storage full, or storage disabled), `save` says so in plain words and the
 *   text is kept in this object's memory: `load` and `list` give it back, and the next `save` of
 *   that draft tries again. The page should offer to export it as a file.
 */
import { isQuotaError, type KeyValueStorage } from '../progress/store.ts';
import { parseFrontmatter } from './frontmatter.ts';
import type { Draft, DraftSummary } from './types.ts';
import { errorText } from '../format/error-text.ts';

export const DRAFT_PREFIX = 'tinker:author:';
export const DRAFT_INDEX_KEY = `${DRAFT_PREFIX}index`;
export const LAST_OPEN_KEY = `${DRAFT_PREFIX}last-open`;
const DRAFT_KEY_PREFIX = `${DRAFT_PREFIX}draft:`;

/** The storage key of one draft. */
export function draftKey(id: string): string {
  return DRAFT_KEY_PREFIX + id;
}

export const UNTITLED = 'Untitled draft';

export type SaveResult = { ok: true } | { ok: false; message: string };

/**
 * What `create` gives back: the new draft always (so the page can keep editing it even when it
 * could not be stored: a later `save(draft.id, text)` stores it), and whether it was stored.
 */
export type CreateResult = { ok: true; draft: Draft } | { ok: false; message: string; draft: Draft };

export interface DraftStoreOptions {
  /** The clock, in ms since epoch (tests pass a fixed one). */
  now?: () => number;
  /** Makes a new draft id (tests pass a counter). Ids must be usable in a storage key. */
  newId?: () => string;
}

interface IndexEntry extends DraftSummary {
  createdAt: number;
}

/** The title a draft is listed under: its frontmatter title, else its first `# ` heading, else "Untitled draft". */
export function draftTitle(text: string): string {
  const frontmatter = parseFrontmatter(text);
  const title = frontmatter.raw?.title;
  if (typeof title === 'string' && title.trim() !== '') return title.trim();
  const body = text.slice(frontmatter.bodyOffset);
  const heading = /^#[ \t]+(.+?)[ \t]*#*[ \t]*$/m.exec(body);
  const words = heading?.[1]?.trim();
  return words ? words : UNTITLED;
}

/** Why a write failed, in plain words. */
function saveFailure(error: unknown): string {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : 'Error';
  const why = isQuotaError(error) ? `storage is full (${name})` : `storage is not available (${name})`;
  return `Could not save this draft in the browser: ${why}. Export it as a file to keep it, then delete old drafts.`;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function defaultId(now: number): string {
  return `${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export class DraftStore {
  private readonly storage: KeyValueStorage;
  private readonly now: () => number;
  private readonly newId: () => string;
  /** Drafts whose latest text could not be written, by id (see the module comment). */
  private readonly unsaved = new Map<string, Draft>();

  constructor(storage: KeyValueStorage, options: DraftStoreOptions = {}) {
    this.storage = storage;
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? (() => defaultId(this.now()));
  }

  /** Every draft, newest first (by last save; ties by id). Repairs the index when it has to. */
  list(): DraftSummary[] {
    const entries = new Map(this.readIndex().map((e) => [e.id, e]));
    for (const draft of this.unsaved.values()) entries.set(draft.id, summaryOf(draft));
    return [...entries.values()]
      .map(({ id, title, updatedAt, length }) => ({ id, title, updatedAt, length }))
      .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** The draft with this id (its unsaved text when its last save failed), or null. */
  load(id: string): Draft | null {
    const pending = this.unsaved.get(id);
    if (pending) return { ...pending };
    return this.readDraft(id);
  }

  /** Makes a new draft holding `text` and stores it; see CreateResult. */
  create(text: string): CreateResult {
    let id = this.newId();
    for (let n = 2; this.read(draftKey(id)) !== null || this.unsaved.has(id); n++) id = `${this.newId()}-${n}`;
    const result = this.save(id, text);
    const draft = this.load(id) ?? { id, text, createdAt: this.now(), updatedAt: this.now() };
    return result.ok ? { ok: true, draft } : { ok: false, message: result.message, draft };
  }

  /** Stores the whole text of a draft (creating it when there is none with this id). */
  save(id: string, text: string): SaveResult {
    const now = this.now();
    const previous = this.unsaved.get(id) ?? this.readDraft(id);
    const draft: Draft = { id, text, createdAt: previous?.createdAt ?? now, updatedAt: now };
    try {
      this.storage.setItem(draftKey(id), JSON.stringify({ text, createdAt: draft.createdAt, updatedAt: now }));
    } catch (error) {
      this.unsaved.set(id, draft);
      return { ok: false, message: saveFailure(error) };
    }
    this.unsaved.delete(id);
    // The draft itself is stored; an index that cannot be written is rebuilt on a later list().
    const index = this.readIndex().filter((e) => e.id !== id);
    index.push(summaryOf(draft));
    this.writeIndex(index);
    return { ok: true };
  }

  /** Deletes a draft (and forgets it as the last open one). */
  remove(id: string): SaveResult {
    this.unsaved.delete(id);
    try {
      this.storage.removeItem(draftKey(id));
    } catch (error) {
      return { ok: false, message: `Could not delete this draft: ${errorText(error)}` };
    }
    this.writeIndex(this.readIndex().filter((e) => e.id !== id));
    if (this.read(LAST_OPEN_KEY) === id) this.tryRemove(LAST_OPEN_KEY);
    return { ok: true };
  }

  /** The id of the draft open last, when that draft still exists. */
  lastOpenId(): string | null {
    const id = this.read(LAST_OPEN_KEY);
    if (id === null) return null;
    return this.unsaved.has(id) || this.read(draftKey(id)) !== null ? id : null;
  }

  /** Remembers the draft open now (best effort: failing to remember it loses nothing). */
  setLastOpen(id: string | null): void {
    try {
      if (id === null) this.storage.removeItem(LAST_OPEN_KEY);
      else this.storage.setItem(LAST_OPEN_KEY, id);
    } catch {
      // Storage full or disabled: the page simply opens the newest draft next time.
    }
  }

  /** Whether the latest text of this draft is only in memory (its last save failed). */
  isUnsaved(id: string): boolean {
    return this.unsaved.has(id);
  }

  // -------------------------------------------------------------------------------------------

  private read(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null; // storage disabled: as if empty
    }
  }

  private tryRemove(key: string): void {
    try {
      this.storage.removeItem(key);
    } catch {
      // nothing to do: a stale key is ignored when read
    }
  }

  /** The ids of every draft key in the storage. */
  private storedIds(): string[] {
    const ids: string[] = [];
    try {
      for (let i = 0; i < this.storage.length; i++) {
        const key = this.storage.key(i);
        if (key?.startsWith(DRAFT_KEY_PREFIX)) ids.push(key.slice(DRAFT_KEY_PREFIX.length));
      }
    } catch {
      // storage disabled
    }
    return ids;
  }

  /** A stored draft: the JSON envelope, or (anything else) the stored text itself. */
  private readDraft(id: string, fallbackTime?: number): Draft | null {
    const stored = this.read(draftKey(id));
    if (stored === null) return null;
    try {
      const value: unknown = JSON.parse(stored);
      if (typeof value === 'object' && value !== null) {
        const { text, createdAt, updatedAt } = value as Record<string, unknown>;
        if (typeof text === 'string' && isFiniteNumber(createdAt) && isFiniteNumber(updatedAt)) {
          return { id, text, createdAt, updatedAt };
        }
      }
    } catch {
      // not JSON: the value is the text
    }
    const time = fallbackTime ?? this.now();
    return { id, text: stored, createdAt: time, updatedAt: time };
  }

  /**
   * The index, reconciled with the draft keys: entries without a draft key dropped, draft keys
   * without an entry added (read from the draft). Written back when it changed or was unreadable.
   */
  private readIndex(): IndexEntry[] {
    const stored = this.read(DRAFT_INDEX_KEY);
    let entries = parseIndex(stored);
    let changed = entries === null && stored !== null;
    entries ??= [];
    const ids = new Set(this.storedIds());
    const seen = new Set<string>();
    const kept = entries.filter((e) => ids.has(e.id) && !seen.has(e.id) && seen.add(e.id));
    if (kept.length !== entries.length) changed = true;
    const known = new Set(kept.map((e) => e.id));
    for (const id of ids) {
      if (known.has(id)) continue;
      const draft = this.readDraft(id, 0);
      if (draft) {
        kept.push(summaryOf(draft));
        changed = true;
      }
    }
    if (changed) this.writeIndex(kept);
    return kept;
  }

  private writeIndex(entries: IndexEntry[]): void {
    try {
      this.storage.setItem(DRAFT_INDEX_KEY, JSON.stringify({ version: 1, drafts: entries }));
    } catch {
      // Storage full: the index is rebuilt from the draft keys on a later read.
    }
  }
}

function summaryOf(draft: Draft): IndexEntry {
  return {
    id: draft.id,
    title: draftTitle(draft.text),
    updatedAt: draft.updatedAt,
    createdAt: draft.createdAt,
    length: draft.text.length,
  };
}

/** The stored index, or null when it is missing or not the expected shape. */
function parseIndex(stored: string | null): IndexEntry[] | null {
  if (stored === null) return null;
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== 'object' || value === null || !Array.isArray((value as { drafts?: unknown }).drafts)) return null;
    const entries: IndexEntry[] = [];
    for (const item of (value as { drafts: unknown[] }).drafts) {
      if (typeof item !== 'object' || item === null) return null;
      const { id, title, updatedAt, createdAt, length } = item as Record<string, unknown>;
      if (typeof id !== 'string' || typeof title !== 'string' || !isFiniteNumber(updatedAt)) return null;
      if (!isFiniteNumber(createdAt) || !isFiniteNumber(length)) return null;
      entries.push({ id, title, updatedAt, createdAt, length });
    }
    return entries;
  } catch {
    return null;
  }
}
