import { describe, expect, it } from 'vitest';
import { errorText } from './error-text.ts';

describe('errorText', () => {
  it('reads errors, strings and other values', () => {
    expect(errorText(new Error('a'))).toBe('a');
    expect(errorText('b')).toBe('b');
    expect(errorText({ c: 1 })).toBe('{"c":1}');
  });

  it('adds the cause of an error, and falls back to it or the name when there is no message', () => {
    const cause = new Error('ECONNREFUSED');
    expect(errorText(new Error('fetch failed', { cause }))).toBe('fetch failed (ECONNREFUSED)');
    expect(errorText(new Error('', { cause }))).toBe('ECONNREFUSED');
    expect(errorText(new TypeError(''))).toBe('TypeError');
  });
});
