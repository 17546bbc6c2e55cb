import { describe, expect, it } from 'vitest';
import { parseRepositoryUrl, sourceFileUrl } from './site.ts';

describe('parseRepositoryUrl', () => {
  it('is undefined when unset or blank', () => {
    expect(parseRepositoryUrl(undefined)).toBeUndefined();
    expect(parseRepositoryUrl('')).toBeUndefined();
    expect(parseRepositoryUrl('   ')).toBeUndefined();
  });

  it('trims the address and drops a trailing slash or .git', () => {
    expect(parseRepositoryUrl(' https://github.com/you/tinker/ ')).toBe('https://github.com/you/tinker');
    expect(parseRepositoryUrl('https://github.com/you/tinker.git')).toBe('https://github.com/you/tinker');
    expect(parseRepositoryUrl('http://git.example.org/a/b')).toBe('http://git.example.org/a/b');
  });

  it('rejects what is not an http(s) address, saying what to set', () => {
    expect(() => parseRepositoryUrl('github.com/you/tinker')).toThrow(/not a URL.*https:\/\/github\.com\/you\/tinker/);
    expect(() => parseRepositoryUrl('git@github.com:you/tinker.git')).toThrow(/not a URL/);
    expect(() => parseRepositoryUrl('javascript:alert(1)')).toThrow(/http\(s\) web address/);
    expect(() => parseRepositoryUrl('ftp://example.org/x')).toThrow(/http\(s\) web address/);
  });
});

describe('sourceFileUrl', () => {
  const repo = 'https://github.com/you/tinker';

  it('links nothing when no repository is configured', () => {
    expect(sourceFileUrl(undefined, 'src/lib/nn/dense.ts')).toBeUndefined();
  });

  it('links a file as blob and a folder (trailing slash) as tree, on the given ref', () => {
    expect(sourceFileUrl(repo, 'src/lib/nn/dense.ts')).toBe(`${repo}/blob/main/src/lib/nn/dense.ts`);
    expect(sourceFileUrl(repo, 'src/lib/nn/')).toBe(`${repo}/tree/main/src/lib/nn`);
    expect(sourceFileUrl(repo, './src/lib/nn/types.ts', 'v1.2')).toBe(`${repo}/blob/v1.2/src/lib/nn/types.ts`);
  });

  it('encodes odd characters in the path and the ref', () => {
    expect(sourceFileUrl(repo, 'docs/a b#c.md', 'feature/x')).toBe(`${repo}/blob/feature%2Fx/docs/a%20b%23c.md`);
  });

  it('refuses a path that leaves the repository or is empty', () => {
    expect(() => sourceFileUrl(repo, '../secret')).toThrow(/path inside the repository/);
    expect(() => sourceFileUrl(repo, '')).toThrow(/path inside the repository/);
  });
});
