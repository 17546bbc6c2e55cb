/**
 * Reading a number the reader typed into a numeric quiz.
 *
 * Accepted (surrounding spaces ignored):
 *  - "0.9", "-3", "+2", ".5", "5.", "−0.5" (Unicode minus), "1e-3", "2.5E4";
 *  - a decimal comma: "0,9", "10,28", ",5";
 *  - thousands grouped in threes with commas, points or spaces when the other mark (or none) is the
 *    decimal one: "60,000", "1,234.5", "1.234,5", "60 000", "1,000,000";
 *  - a fraction of two such numbers: "1/4", "3 / 8";
 *  - the quiz's unit after the number: "12 ms" when the unit is "ms";
 *  - a percent sign: in a percent quiz "10.3%" is the same as "10.3"; elsewhere "%" means hundredths,
 *    so "90%" is 0.9 (a quiz with another unit refuses it).
 *
 * Refused, with a message saying what to type: anything else ("abc", "1.2.3", "1e"), an empty answer,
 * a zero denominator, numbers too large to be finite, and "1,028"-like input, where the comma could
 * be a thousands separator (1028) or a decimal comma (1.028).
 */

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

export interface ParseOptions {
  /** The quiz asks for a percentage (see above). */
  percent?: boolean;
  /** The quiz's unit other than "%", e.g. "ms"; accepted after the number. */
  unit?: string;
}

/** The message for input that is not a number, with an example that fits the quiz. */
export function typeANumberMessage(options: ParseOptions = {}): string {
  if (options.percent) return 'Type a number, e.g. 25 for 25%';
  if (options.unit) return `Type a number of ${options.unit}, e.g. 0.25`;
  return 'Type a number, e.g. 0.25';
}

// Spaces a reader may type or paste: ordinary, no-break, narrow no-break and thin spaces.
const SPACES = /[\u00a0\u202f\u2009]/g;

export function parseNumberInput(text: string, options: ParseOptions = {}): ParsedNumber {
  const fail = (message = typeANumberMessage(options)): ParsedNumber => ({ ok: false, message });
  let s = text
    .replace(SPACES, ' ')
    .replace(/\u2212/g, '-')
    .trim();
  if (s === '') return fail();

  const unit = options.unit?.trim() ?? '';
  if (unit && s.toLowerCase().endsWith(unit.toLowerCase())) s = s.slice(0, s.length - unit.length).trimEnd();

  let scale = 1;
  if (s.endsWith('%')) {
    if (unit && !options.percent) return fail(`This answer is in ${unit}, not a percentage: ${typeANumberMessage(options)}`);
    s = s.slice(0, -1).trimEnd();
    if (!options.percent) scale = 0.01;
  }

  const slash = s.split('/');
  if (slash.length > 2) return fail();
  if (slash.length === 2) {
    const top = parsePlainNumber(slash[0]!.trim(), options);
    if (!top.ok) return top;
    const bottom = parsePlainNumber(slash[1]!.trim(), options);
    if (!bottom.ok) return bottom;
    if (bottom.value === 0) return fail(`A fraction cannot divide by zero. ${typeANumberMessage(options)}`);
    return finite((top.value / bottom.value) * scale, options);
  }
  const plain = parsePlainNumber(s, options);
  return plain.ok ? finite(plain.value * scale, options) : plain;
}

function finite(value: number, options: ParseOptions): ParsedNumber {
  if (!Number.isFinite(value)) return { ok: false, message: `That number is too large. ${typeANumberMessage(options)}` };
  // -0 reads as 0 everywhere (saved answers, messages).
  return { ok: true, value: value === 0 ? 0 : value };
}

/** A number without fraction bar, unit or percent sign. */
function parsePlainNumber(s: string, options: ParseOptions): ParsedNumber {
  const fail = (): ParsedNumber => ({ ok: false, message: typeANumberMessage(options) });
  const m = /^([+-]?)([0-9., ]+)(?:[eE]([+-]?[0-9]+))?$/.exec(s);
  if (!m) return fail();
  const sign = m[1] ?? '';
  const mantissa = m[2] ?? '';
  const exponent = m[3] ?? '0';
  if (!/[0-9]/.test(mantissa) || mantissa.startsWith(' ') || mantissa.endsWith(' ')) return fail();

  const points = count(mantissa, '.');
  const commas = count(mantissa, ',');
  let decimalMark: '.' | ',' | null;
  if (points > 0 && commas > 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    decimalMark = mantissa.lastIndexOf('.') > mantissa.lastIndexOf(',') ? '.' : ',';
  } else if (points + commas === 0) {
    decimalMark = null;
  } else {
    const mark = points > 0 ? '.' : ',';
    const n = points + commas;
    if (n > 1) {
      decimalMark = null; // "1,000,000": the mark repeats, so it groups thousands.
    } else if (mark === ',' && /^[1-9][0-9]{0,2},[0-9]{3}$/.test(mantissa)) {
      const [whole, part] = mantissa.split(',');
      return {
        ok: false,
        message: `Is ${mantissa} meant as ${whole}${part} or as ${whole}.${part}? Type it without the comma (${whole}${part}) or with a point (${whole}.${part}).`,
      };
    } else {
      decimalMark = mark;
    }
  }

  let whole = mantissa;
  let fraction = '';
  if (decimalMark) {
    const at = mantissa.lastIndexOf(decimalMark);
    if (count(mantissa, decimalMark) !== 1) return fail();
    whole = mantissa.slice(0, at);
    fraction = mantissa.slice(at + 1);
    if (!/^[0-9]*$/.test(fraction)) return fail();
    if (whole === '' && fraction === '') return fail();
  }
  const digits = wholeDigits(whole, decimalMark);
  if (digits === null) return fail();
  return { ok: true, value: Number(`${sign}${digits || '0'}.${fraction || '0'}e${exponent}`) };
}

/** The digits of the whole part: plain digits, or groups of three separated by one kind of mark. */
function wholeDigits(whole: string, decimalMark: '.' | ',' | null): string | null {
  if (/^[0-9]*$/.test(whole)) return whole;
  const separators = new Set(whole.replace(/[0-9]/g, ''));
  if (separators.size !== 1) return null;
  const [separator] = [...separators];
  if (separator === decimalMark) return null;
  const groups = whole.split(separator!);
  const [first, ...rest] = groups;
  if (!first || !/^[0-9]{1,3}$/.test(first) || rest.some((g) => !/^[0-9]{3}$/.test(g))) return null;
  return groups.join('');
}

function count(s: string, c: string): number {
  return s.split(c).length - 1;
}
