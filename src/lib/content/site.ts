/**
 * Site settings a deployment may set, read from the build's environment.
 *
 * `PUBLIC_REPOSITORY_URL` (optional): the public repository that holds this copy of Tinker, e.g.
 * `PUBLIC_REPOSITORY_URL=https://github.com/you/tinker npm run build`. When it is set, the lessons
 * link the source files they talk about to it (on branch `PUBLIC_REPOSITORY_REF`, default `main`);
 * when it is not, they describe those files in words and link nothing.
 */

/**
 * A repository URL as the site uses it: trimmed, without a trailing slash or `.git`; undefined
 * when `raw` is unset or blank. Anything but an http(s) URL is an error that says what to set.
 */
export function parseRepositoryUrl(raw: string | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(
      `PUBLIC_REPOSITORY_URL is "${value}", which is not a URL: set it to the repository's web address, ` +
        'such as https://github.com/you/tinker, or leave it unset.',
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `PUBLIC_REPOSITORY_URL must be an http(s) web address, got "${value}": ` +
        'use the address you open in a browser, such as https://github.com/you/tinker.',
    );
  }
  return value.replace(/\/+$/, '').replace(/\.git$/, '');
}

/**
 * The web address of a file or folder of the repository (GitHub's `blob`/`tree` form, which GitLab
 * and Gitea also redirect), or undefined when no repository is configured. A path ending in `/` is
 * a folder.
 */
export function sourceFileUrl(repository: string | undefined, path: string, ref = 'main'): string | undefined {
  if (repository === undefined) return undefined;
  const clean = path.replace(/^\.?\/+/, '');
  if (clean === '' || clean.split('/').includes('..')) {
    throw new Error(`sourceUrl needs a path inside the repository, such as "src/lib/nn/dense.ts"; got "${path}".`);
  }
  const kind = clean.endsWith('/') ? 'tree' : 'blob';
  const encoded = clean.replace(/\/$/, '').split('/').map(encodeURIComponent).join('/');
  return `${repository}/${kind}/${encodeURIComponent(ref)}/${encoded}`;
}

const env = import.meta.env as Record<string, string | undefined>;

/** The configured repository (undefined when PUBLIC_REPOSITORY_URL is not set). */
export const REPOSITORY_URL: string | undefined = parseRepositoryUrl(env.PUBLIC_REPOSITORY_URL);

/** The branch or tag source links point at. */
export const REPOSITORY_REF: string = (env.PUBLIC_REPOSITORY_REF ?? '').trim() || 'main';

/**
 * The link of a source file for a lesson, or undefined when no repository is configured; lessons use it
 * through `<SourceLink path="src/lib/nn/dense.ts">…</SourceLink>` (src/components/SourceLink.astro), which
 * shows plain text when there is no link.
 */
export function sourceUrl(path: string): string | undefined {
  return sourceFileUrl(REPOSITORY_URL, path, REPOSITORY_REF);
}
