import { describe, expect, it } from 'vitest';
import { ImageLoadError, MAX_FILE_BYTES, loadImageFile, sampleImageUrl } from './load.ts';

// The checks that happen before any decoding (the decoding itself is covered end to end).
describe('loadImageFile refuses unusable files with a clear message', () => {
  it('a text file', async () => {
    const file = new File(['just some notes'], 'notes.txt', { type: 'text/plain' });
    const error = await loadImageFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageLoadError);
    expect((error as Error).message).toBe('“notes.txt” is not an image this browser can read. Choose a PNG, JPEG, GIF or WebP file.');
  });

  it('an empty file, whatever its type says', async () => {
    const file = new File([], 'empty.png', { type: 'image/png' });
    await expect(loadImageFile(file)).rejects.toThrow(/“empty.png” is not an image/);
  });

  it('a file over 40 MB, before reading it', async () => {
    expect(MAX_FILE_BYTES).toBe(40 * 1024 * 1024);
    const file = new File([new Uint8Array(41.5 * 1024 * 1024)], 'huge.png', { type: 'image/png' });
    await expect(loadImageFile(file)).rejects.toThrow('“huge.png” is 41.5 MB; images up to 40 MB can be used. Choose a smaller file.');
  });
});

describe('sampleImageUrl', () => {
  it('points into images/samples under the site base', () => {
    expect(sampleImageUrl('chelsea')).toBe(`${import.meta.env.BASE_URL.replace(/\/?$/, '/')}images/samples/chelsea.png`);
  });
});
