/**
 * A KeyValueStorage kept in memory: the stand-in when the browser's storage cannot be used,
 * and the storage of the unit tests.
 */
import type { KeyValueStorage } from './store.ts';

export class MemoryStorage implements KeyValueStorage {
  protected readonly items = new Map<string, string>();

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}
