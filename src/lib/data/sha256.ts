/**
 * SHA-256 of a byte array as lowercase hex, with the Web Crypto API
 * (`crypto.subtle`, present in browsers on secure origins and in Node 20+).
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error('Cannot verify the data: this browser does not offer crypto.subtle (it needs a secure origin: https:// or localhost).');
  }
  // digest() wants an ArrayBuffer-backed view; copy only if the bytes live in a SharedArrayBuffer.
  const input = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', input));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex;
}
