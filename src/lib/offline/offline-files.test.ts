import { describe, expect, it } from 'vitest';
import { parseOfflineFiles, requestPath, tally } from './offline-files.ts';

describe('parseOfflineFiles', () => {
  it('reads the lists the build writes', () => {
    const json = { site: [{ url: 'index.html', bytes: 10 }], data: [{ url: 'data/mnist/a.gz', bytes: 5 }] };
    expect(parseOfflineFiles(json)).toEqual(json);
  });

  it('says what is wrong with a broken list', () => {
    expect(() => parseOfflineFiles(null)).toThrow('offline-files.json is not an object; rebuild the site.');
    expect(() => parseOfflineFiles({ site: {}, data: [] })).toThrow('"site" should be a list of files');
    expect(() => parseOfflineFiles({ site: [], data: [{ url: 'x', bytes: -1 }] })).toThrow('data[0] should have a url and a size in bytes');
  });
});

describe('tally', () => {
  it('counts files and bytes, and those kept', () => {
    const files = [
      { url: 'a', bytes: 100 },
      { url: 'b', bytes: 20 },
      { url: 'c', bytes: 3 },
    ];
    expect(tally(files, (url) => url !== 'b')).toEqual({ files: 3, bytes: 123, cachedFiles: 2, cachedBytes: 103 });
    expect(tally([], () => true)).toEqual({ files: 0, bytes: 0, cachedFiles: 0, cachedBytes: 0 });
  });
});

describe('requestPath', () => {
  it('turns a page file into the URL it is requested by', () => {
    expect(requestPath('lessons/x/index.html')).toBe('lessons/x/');
    expect(requestPath('index.html')).toBe('');
    expect(requestPath('_astro/a.js')).toBe('_astro/a.js');
  });
});
