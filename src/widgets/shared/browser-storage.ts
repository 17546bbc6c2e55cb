/**
 * The browser's localStorage when this page may use it, and saving a text as a downloaded file:
 * shared by saved progress, the progress page and the lesson editor.
 */
import type { KeyValueStorage } from '../../lib/progress/store.ts';
import { errorText } from '../../lib/format/error-text.ts';

/**
 * localStorage, or null with the reason it cannot be used (site data blocked, some private windows,
 * a sandbox). Reading is enough to find out: a full storage still reads, a blocked one throws; a
 * full one is reported by the writes that fail.
 */
export function browserStorage(): { storage: KeyValueStorage } | { storage: null; reason: string } {
  try {
    const storage = window.localStorage;
    storage.getItem('tinker:probe');
    return { storage };
  } catch (error) {
    return { storage: null, reason: errorText(error) };
  }
}

/** Has the browser download `text` as a file called `filename`. */
export function downloadText(filename: string, text: string, type: string): void {
  downloadFile(filename, [text], type);
}

/** Has the browser download `parts` (text, bytes) as one file called `filename`. */
export function downloadFile(filename: string, parts: BlobPart[], type: string): void {
  const href = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the download to start, then the object URL's memory is given back.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
