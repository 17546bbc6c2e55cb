import { describe, expect, it } from 'vitest';
import { fnv1a32, normaliseNewlines, starterHash } from './hash.ts';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    // From the reference test suite of Fowler/Noll/Vo (http://www.isthe.com/chongo/tech/comp/fnv/).
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });

  it('hashes the UTF-8 bytes, so non-ASCII text is stable', () => {
    // "é" is two UTF-8 bytes (c3 a9); hashing UTF-16 code units would give another value.
    expect(fnv1a32('é')).not.toBe(fnv1a32('\u00e9'.normalize('NFD')));
    expect(fnv1a32('é')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('starterHash', () => {
  it('is 8 hex digits and differs for different starters', () => {
    const a = starterHash('function sigmoid(x) {\n  // TODO\n}\n');
    const b = starterHash('function sigmoid(x) {\n  return 0;\n}\n');
    expect(a).toMatch(/^[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
  });

  it('ignores the difference between CRLF, CR and LF line endings', () => {
    expect(starterHash('a\r\nb\r\n')).toBe(starterHash('a\nb\n'));
    expect(starterHash('a\rb')).toBe(starterHash('a\nb'));
    expect(normaliseNewlines('x\r\ny\rz\n')).toBe('x\ny\nz\n');
  });

  it('does not ignore other whitespace', () => {
    expect(starterHash('a\n')).not.toBe(starterHash('a'));
    expect(starterHash('a b')).not.toBe(starterHash('a  b'));
  });
});
