/**
 * Friendly zod error messages for hand-written content files (lesson frontmatter, exercise.yaml):
 * what is expected, an example, and what was found.
 */

/** Shows a value in an error message (short, JSON-like). */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * An error callback for one field. Astro prints each issue as `field: message` under the file's
 * id and path, so the message says what is expected, what was found and how to fix it.
 * `where` completes "add … " for a missing field, e.g. " to the frontmatter".
 */
export function fieldMessage(what: string, example: string, where = '') {
  return (issue: { input?: unknown }) =>
    issue.input === undefined
      ? `missing: add ${what}${where}, e.g. \`${example}\``
      : `expected ${what}, e.g. \`${example}\`; found ${shown(issue.input)}`;
}
