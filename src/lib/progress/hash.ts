/**
 * A short, stable fingerprint of a starter program, stored next to the reader's code so a cell
 * can tell when the site ships a different starter (see planRestore in src/lib/exercises/cell.ts).
 *
 * FNV-1a, 32 bits, over the UTF-8 bytes of the text with line endings normalised (CRLF and lone
 * CR become LF), written as 8 lower-case hex digits. Not a security hash: it only has to tell
 * two versions of a starter apart, and be the same in every browser and in Node.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const encoder = new TextEncoder();

/** Line endings as Unix writes them, so a checkout on Windows gives the same hash. */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** FNV-1a 32-bit of the UTF-8 bytes of `text`, as 8 hex digits. */
export function fnv1a32(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    // Math.imul keeps the multiplication in 32 bits; >>> 0 makes the result unsigned.
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The fingerprint of a starter program (line endings normalised first). */
export function starterHash(text: string): string {
  return fnv1a32(normaliseNewlines(text));
}
