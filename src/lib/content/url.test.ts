import { describe, expect, it } from 'vitest';
import { joinBase, samePage, url } from './url.ts';

describe('joinBase', () => {
  it('puts paths under the root base', () => {
    expect(joinBase('/', '')).toBe('/');
    expect(joinBase('/', 'about/')).toBe('/about/');
    expect(joinBase('/', '/lessons/start-here/')).toBe('/lessons/start-here/');
  });

  it('puts paths under a sub-path base with or without slashes', () => {
    expect(joinBase('/tinker/', 'lessons/start-here/')).toBe('/tinker/lessons/start-here/');
    expect(joinBase('/tinker', '/about/')).toBe('/tinker/about/');
    expect(joinBase('tinker', 'favicon.svg')).toBe('/tinker/favicon.svg');
    expect(joinBase('/tinker/', '')).toBe('/tinker/');
    expect(joinBase('/a/b/', 'c')).toBe('/a/b/c');
  });

  it('keeps a hash or query', () => {
    expect(joinBase('/tinker/', '#foundations')).toBe('/tinker/#foundations');
    expect(joinBase('/', 'data/?v=1')).toBe('/data/?v=1');
  });
});

describe('url', () => {
  it('uses the configured base (the root in tests)', () => {
    expect(url('about/')).toBe(joinBase(import.meta.env.BASE_URL, 'about/'));
    expect(url()).toBe(joinBase(import.meta.env.BASE_URL, ''));
  });
});

describe('samePage', () => {
  it('ignores a trailing slash and index.html', () => {
    expect(samePage('/tinker/about', '/tinker/about/')).toBe(true);
    expect(samePage('/tinker/', '/tinker/index.html')).toBe(true);
    expect(samePage('/', '/index.html')).toBe(true);
  });

  it('tells different pages apart', () => {
    expect(samePage('/tinker/about/', '/tinker/')).toBe(false);
    expect(samePage('/lessons/a/', '/lessons/ab/')).toBe(false);
  });
});
