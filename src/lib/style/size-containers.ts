/**
 * Finds CSS size containers in a style sheet or a component: an inline-size or size container type
 * (the property or its shorthand), container query rules and container units. The site uses none, because
 * Chromium sometimes lays out nothing inside a size container (see src/widgets/shared/inline-size.ts,
 * which publishes a box's width instead); size-containers.test.ts checks every file under src/.
 */

export interface SizeContainerUse {
  /** 1-based line of the match. */
  line: number;
  /** The text that matched: the declaration, the at-rule's name or the length with its unit. */
  text: string;
}

const PATTERNS: readonly RegExp[] = [
  /\bcontainer-type\s*:\s*(?:inline-size|size)\b/g,
  // The shorthand: a name, a slash, the type.
  /\bcontainer\s*:\s*[\w\s-]*\/\s*(?:inline-size|size)\b/g,
  /@container\b/g,
  /(?<![\w-])\d*\.?\d+cq(?:w|h|i|b|min|max)\b/g,
];

/** Every size-container use in `source`, in order of position (comments included: they are cheap to reword). */
export function sizeContainerUses(source: string): SizeContainerUse[] {
  const found: { index: number; text: string }[] = [];
  for (const pattern of PATTERNS) {
    for (const match of source.matchAll(pattern)) found.push({ index: match.index, text: match[0] });
  }
  return found.sort((a, b) => a.index - b.index).map(({ index, text }) => ({ line: source.slice(0, index).split('\n').length, text }));
}
