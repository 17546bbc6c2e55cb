/**
 * Which classes an attack flips most easily, and into what: read from the confusion matrix of an
 * attack (`confusion[original class][class after the attack]`, over the images the model got right
 * before the attack), and said in a sentence ("Shirts flip most easily: 96% at ε = 0.1, mostly into
 * T-shirt/top"). Pure.
 */
import { formatPercent } from '../format/numbers.ts';

export interface ClassFlips {
  /** The original (true) class. */
  classIndex: number;
  /** Images of this class the model got right before the attack. */
  total: number;
  /** Of those, how many the attack moved to another class. */
  flipped: number;
  /** flipped ÷ total (0 when total is 0). */
  rate: number;
  /** The class most of them became; null when none flipped. */
  into: number | null;
  /** How many became `into`. */
  intoCount: number;
}

/** One entry per class (row), in class order. */
export function classFlips(confusion: readonly (readonly number[])[]): ClassFlips[] {
  return confusion.map((row, c) => {
    let total = 0;
    let into: number | null = null;
    let intoCount = 0;
    row.forEach((count, to) => {
      total += count;
      if (to !== c && count > intoCount) [into, intoCount] = [to, count];
    });
    const flipped = total - (row[c] ?? 0);
    return { classIndex: c, total, flipped, rate: total > 0 ? flipped / total : 0, into, intoCount };
  });
}

/**
 * The class with the highest flip rate (ties: the one with more images flipped, then the first),
 * among classes with at least `minImages` images; null when no class has any image flipped.
 */
export function mostFragile(confusion: readonly (readonly number[])[], minImages = 1): ClassFlips | null {
  const rows = classFlips(confusion).filter((r) => r.total >= minImages && r.flipped > 0);
  return rows.reduce<ClassFlips | null>(
    (best, r) => (!best || r.rate > best.rate || (r.rate === best.rate && r.flipped > best.flipped) ? r : best),
    null,
  );
}

/** The class that held out best: the lowest flip rate among classes with at least `minImages` images; null when there are none. */
export function leastFragile(confusion: readonly (readonly number[])[], minImages = 1): ClassFlips | null {
  const rows = classFlips(confusion).filter((r) => r.total >= minImages);
  return rows.reduce<ClassFlips | null>((best, r) => (!best || r.rate < best.rate ? r : best), null);
}

/** A class name in the plural, word by word around a slash: "Shirt" → "Shirts", "T-shirt/top" → "T-shirts/tops", "Dress" → "Dresses". */
export function pluralClass(name: string): string {
  return name
    .split('/')
    .map((w) => (/(s|x|ch|sh)$/i.test(w) ? `${w}es` : `${w}s`))
    .join('/');
}

/** ε as the lesson writes it: 0.1, 0.075. */
const eps = (e: number): string => String(Number(e.toPrecision(3)));

/**
 * What the matrix at one ε says, in one or two sentences: "Shirts flip most easily: 96% at ε = 0.1,
 * mostly into T-shirt/top. Trousers hold out best: 12%." (the second only when one class alone held out
 * best), or that nothing flipped.
 * `minImages` keeps a class with one or two images from "flipping most easily" by chance.
 */
export function flipSentence(confusion: readonly (readonly number[])[], epsilon: number, names: readonly string[], minImages = 5): string {
  const name = (c: number) => names[c] ?? `class ${c}`;
  const most = mostFragile(confusion, minImages) ?? mostFragile(confusion, 1);
  if (!most || most.into === null) return `No image flipped at ε = ${eps(epsilon)}: every image the model got right is still right.`;
  // Other classes as fragile (at a large ε many flip every time) are counted, not hidden.
  const others = classFlips(confusion).filter((r) => r.total >= minImages && r.rate === most.rate && r.classIndex !== most.classIndex).length;
  const also = others > 0 ? ` (and ${others} other class${others === 1 ? '' : 'es'})` : '';
  const first = `${pluralClass(name(most.classIndex))}${also} flip most easily: ${formatPercent(most.rate, 0)} at ε = ${eps(epsilon)}, mostly into ${name(most.into)}.`;
  const least = leastFragile(confusion, minImages);
  // Named only when it alone held out best (at a small ε many classes tie at 0%).
  const tied = classFlips(confusion).filter((r) => r.total >= minImages && least && r.rate === least.rate).length;
  if (!least || tied > 1 || least.rate >= most.rate) return first;
  return `${first} ${pluralClass(name(least.classIndex))} hold out best: ${formatPercent(least.rate, 0)}.`;
}
