import { describe, expect, it } from 'vitest';
import { asSentence, withFullStop } from './sentence.ts';

describe('asSentence', () => {
  it('capitalises and adds a full stop', () => {
    expect(asSentence('  network error ')).toBe('Network error.');
  });
  it('keeps an ending . ! or ?', () => {
    expect(asSentence('is the file there?')).toBe('Is the file there?');
    expect(asSentence('Done!')).toBe('Done!');
    expect(asSentence('ok.')).toBe('Ok.');
  });
  it('leaves empty text empty', () => {
    expect(asSentence('   ')).toBe('');
  });
});

describe('withFullStop', () => {
  it('ends a message with exactly one full stop and keeps its case', () => {
    expect(withFullStop('network error')).toBe('network error.');
    expect(withFullStop('Failed to fetch. ')).toBe('Failed to fetch.');
    expect(withFullStop('done...')).toBe('done.');
  });
});
