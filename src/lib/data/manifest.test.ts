import { describe, expect, it } from 'vitest';
import { datasetsPath, datasetsUrl, siteUrlFromDatasetsUrl } from './datasets-url.ts';
import { dataFileUrl } from './manifest.ts';

describe('dataset URLs', () => {
  it('puts the datasets folder under the site base, with one slash between parts', () => {
    expect(datasetsPath('/')).toBe('/data/');
    expect(datasetsPath('/tinker/')).toBe('/tinker/data/');
    expect(datasetsPath('/tinker')).toBe('/tinker/data/');
  });
  it('resolves the folder against the page, for workers', () => {
    expect(datasetsUrl('/tinker/', 'https://example.org/tinker/lessons/x/')).toBe('https://example.org/tinker/data/');
    expect(datasetsUrl('/', 'http://localhost:4321/lessons/x/#cell')).toBe('http://localhost:4321/data/');
  });
  it('finds the site base again from the datasets folder', () => {
    expect(siteUrlFromDatasetsUrl(datasetsUrl('/tinker/', 'https://example.org/tinker/lessons/x/'))).toBe('https://example.org/tinker/');
    expect(siteUrlFromDatasetsUrl('http://localhost:4321/data')).toBe('http://localhost:4321/');
  });
  it('names a served file under the folder, with or without its trailing slash', () => {
    expect(dataFileUrl('https://e.org/data/', 'mnist', 'train-labels-idx1-ubyte')).toBe('https://e.org/data/mnist/train-labels-idx1-ubyte.gz');
    expect(dataFileUrl('https://e.org/data', 'mnist', 'x')).toBe('https://e.org/data/mnist/x.gz');
  });
});
