import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryStorage } from '../progress/memory-storage.ts';
import { DRAFT_INDEX_KEY, draftKey, draftTitle, DraftStore, LAST_OPEN_KEY, UNTITLED } from './drafts.ts';

/** A storage that refuses writes while `full` is set, like a browser whose quota is used up. */
class FullableStorage extends MemoryStorage {
  full = false;
  override setItem(key: string, value: string): void {
    if (this.full) {
      const error = new Error('The quota has been exceeded.');
      Object.defineProperty(error, 'name', { value: 'QuotaExceededError' });
      Object.defineProperty(error, 'code', { value: 22 });
      throw error;
    }
    super.setItem(key, value);
  }
}

/** A storage that throws on every use, like a browser with site data disabled. */
class DisabledStorage extends MemoryStorage {
  override setItem(): void {
    const error = new Error('The operation is insecure.');
    Object.defineProperty(error, 'name', { value: 'SecurityError' });
    throw error;
  }
  override getItem(): string | null {
    throw new Error('The operation is insecure.');
  }
}

const lesson = (title: string, body = '# Heading\n') => `---\ntitle: ${title}\nsummary: Something.\n---\n\n${body}`;

let clock = 1000;
let counter = 0;
const options = () => ({ now: () => clock, newId: () => `d${++counter}` });

beforeEach(() => {
  clock = 1000;
  counter = 0;
});

describe('draftTitle', () => {
  it('uses the frontmatter title, else the first # heading, else Untitled draft', () => {
    expect(draftTitle(lesson('  Perceptrons '))).toBe('Perceptrons');
    expect(draftTitle('---\ntitle: [not, text]\n---\n\n## Sub\n\n# Main heading ##\n')).toBe('Main heading');
    expect(draftTitle('Some text\n#hashtag\n')).toBe(UNTITLED);
    expect(draftTitle('')).toBe(UNTITLED);
  });
});

describe('DraftStore', () => {
  it('creates, loads, saves and lists drafts newest first', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore(storage, options());
    const a = store.create(lesson('First'));
    expect(a).toEqual({ ok: true, draft: { id: 'd1', text: lesson('First'), createdAt: 1000, updatedAt: 1000 } });
    clock = 2000;
    const b = store.create('# Second\n');
    expect(b.ok && b.draft.id).toBe('d2');
    expect(store.list().map((d) => [d.id, d.title, d.updatedAt])).toEqual([
      ['d2', 'Second', 2000],
      ['d1', 'First', 1000],
    ]);
    clock = 3000;
    expect(store.save('d1', lesson('First, edited'))).toEqual({ ok: true });
    expect(store.load('d1')).toEqual({ id: 'd1', text: lesson('First, edited'), createdAt: 1000, updatedAt: 3000 });
    expect(store.list()[0]).toEqual({ id: 'd1', title: 'First, edited', updatedAt: 3000, length: lesson('First, edited').length });
    // A fresh store over the same storage sees the same drafts.
    expect(new DraftStore(storage).list().map((d) => d.id)).toEqual(['d1', 'd2']);
    expect(store.load('nope')).toBeNull();
    for (const key of ['d1', 'd2'].map(draftKey)) expect(key.startsWith('tinker:author:')).toBe(true);
  });

  it('never reuses the id of an existing draft', () => {
    const store = new DraftStore(new MemoryStorage(), { now: () => 1, newId: () => 'same' });
    const a = store.create('a');
    const b = store.create('b');
    expect(a.draft.id).toBe('same');
    expect(b.draft.id).not.toBe('same');
    expect(store.load(a.draft.id)?.text).toBe('a');
    expect(store.load(b.draft.id)?.text).toBe('b');
  });

  it('removes drafts and forgets them as the last open one', () => {
    const store = new DraftStore(new MemoryStorage(), options());
    store.create('# One');
    store.create('# Two');
    store.setLastOpen('d1');
    expect(store.lastOpenId()).toBe('d1');
    expect(store.remove('d1')).toEqual({ ok: true });
    expect(store.load('d1')).toBeNull();
    expect(store.list().map((d) => d.id)).toEqual(['d2']);
    expect(store.lastOpenId()).toBeNull();
    store.setLastOpen('d2');
    expect(store.lastOpenId()).toBe('d2');
    store.setLastOpen(null);
    expect(store.lastOpenId()).toBeNull();
  });

  it('gives no last open id for a draft that no longer exists', () => {
    const storage = new MemoryStorage();
    storage.setItem(LAST_OPEN_KEY, 'ghost');
    expect(new DraftStore(storage).lastOpenId()).toBeNull();
  });

  it('says plainly when storage is full, and keeps the text in memory', () => {
    const storage = new FullableStorage();
    const store = new DraftStore(storage, options());
    store.create(lesson('Kept'));
    storage.full = true;
    clock = 5000;
    const result = store.save('d1', lesson('Kept, with a long edit'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      'Could not save this draft in the browser: storage is full (QuotaExceededError). Export it as a file to keep it, then delete old drafts.',
    );
    // The text is not lost: load and list give the unsaved version.
    expect(store.isUnsaved('d1')).toBe(true);
    expect(store.load('d1')).toEqual({ id: 'd1', text: lesson('Kept, with a long edit'), createdAt: 1000, updatedAt: 5000 });
    expect(store.list()[0]?.title).toBe('Kept, with a long edit');
    // The stored copy is still the last one that was saved.
    expect(new DraftStore(storage).load('d1')?.text).toBe(lesson('Kept'));
    // A new draft that cannot be stored is still handed back.
    const created = store.create('# Fresh');
    expect(created.ok).toBe(false);
    expect(created.draft.text).toBe('# Fresh');
    expect(store.load(created.draft.id)?.text).toBe('# Fresh');
    // Once there is room again, the next save stores it.
    storage.full = false;
    expect(store.save('d1', lesson('Kept, saved at last'))).toEqual({ ok: true });
    expect(store.isUnsaved('d1')).toBe(false);
    expect(new DraftStore(storage).load('d1')).toMatchObject({ text: lesson('Kept, saved at last'), createdAt: 1000 });
  });

  it('says when storage is not available at all', () => {
    const store = new DraftStore(new DisabledStorage(), options());
    const created = store.create('# Hi');
    expect(created.ok).toBe(false);
    expect(!created.ok && created.message).toMatch(
      /^Could not save this draft in the browser: storage is not available \(SecurityError\)\. Export it/,
    );
    expect(store.list().map((d) => d.title)).toEqual(['Hi']);
    expect(store.lastOpenId()).toBeNull();
    expect(() => store.setLastOpen('d1')).not.toThrow();
  });

  it('rebuilds a corrupt index from the draft keys, losing nothing', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore(storage, options());
    store.create(lesson('Alpha'));
    clock = 2000;
    store.create(lesson('Beta'));
    for (const corrupt of ['{not json', '[1,2]', '{"version":1,"drafts":[{"id":3}]}', 'null']) {
      storage.setItem(DRAFT_INDEX_KEY, corrupt);
      const fresh = new DraftStore(storage, options());
      expect(fresh.list().map((d) => [d.id, d.title, d.updatedAt])).toEqual([
        ['d2', 'Beta', 2000],
        ['d1', 'Alpha', 1000],
      ]);
      // The rebuilt index was written back.
      expect(JSON.parse(storage.getItem(DRAFT_INDEX_KEY) ?? 'null').drafts).toHaveLength(2);
    }
  });

  it('adds drafts missing from the index and drops entries whose draft is gone', () => {
    const storage = new MemoryStorage();
    const store = new DraftStore(storage, options());
    store.create('# Listed');
    // A draft key the index does not know, holding plain text rather than the JSON envelope.
    storage.setItem(draftKey('orphan'), '# Orphan\n\nwritten by hand');
    // An index entry whose draft is gone.
    const index = JSON.parse(storage.getItem(DRAFT_INDEX_KEY)!);
    index.drafts.push({ id: 'gone', title: 'Gone', updatedAt: 9, createdAt: 9, length: 1 });
    storage.setItem(DRAFT_INDEX_KEY, JSON.stringify(index));

    const fresh = new DraftStore(storage, options());
    expect(fresh.list().map((d) => [d.id, d.title])).toEqual([
      ['d1', 'Listed'],
      ['orphan', 'Orphan'],
    ]);
    expect(fresh.load('orphan')?.text).toBe('# Orphan\n\nwritten by hand');
    // The plain-text key is left as it is until the author saves it.
    expect(storage.getItem(draftKey('orphan'))).toBe('# Orphan\n\nwritten by hand');
    expect(fresh.save('orphan', '# Orphan v2')).toEqual({ ok: true });
    expect(JSON.parse(storage.getItem(draftKey('orphan'))!).text).toBe('# Orphan v2');
  });

  it('reads a damaged draft envelope as text instead of dropping it', () => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('x'), '{"text": 42}');
    const store = new DraftStore(storage, options());
    expect(store.load('x')?.text).toBe('{"text": 42}');
    expect(store.list().map((d) => d.id)).toEqual(['x']);
  });

  it('does not touch keys outside its prefix', () => {
    const storage = new MemoryStorage();
    storage.setItem('tinker-progress', '{"keep":true}');
    const store = new DraftStore(storage, options());
    store.create('# A');
    store.remove('d1');
    expect(storage.getItem('tinker-progress')).toBe('{"keep":true}');
    expect(store.list()).toEqual([]);
  });
});
