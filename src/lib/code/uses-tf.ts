/**
 * Does a cell's code use TensorFlow.js? A code cell shows its backend setting (and notices
 * about the backend) only when it does: for plain JavaScript the backend changes nothing.
 *
 * The code uses TensorFlow.js when it names `tf`, the library the runner hands every cell
 * (`tf.tensor(…)`, `const { sequential } = tf`), or `models` (whose models are tfjs models), outside comments and strings. A property
 * or key called `tf` (`options.tf`, `{ tf: 1 }`) is not a use. Tensors that come
 * from `datasets.load` without `tf` are not counted: the loop around them is plain JavaScript.
 */
import { tokenizer, tokTypes } from 'acorn';

const ACORN_OPTIONS = {
  ecmaVersion: 'latest',
  sourceType: 'script',
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
} as const;

/** The globals whose use makes a cell a TensorFlow.js cell. */
const TF_GLOBALS = new Set(['tf', 'models']);

/** True when `code` refers to the `tf` or `models` global (see the module note). */
export function usesTensorFlow(code: string): boolean {
  try {
    const tokens = [...tokenizer(code, ACORN_OPTIONS)];
    return tokens.some((token, i) => {
      if (token.type !== tokTypes.name || !TF_GLOBALS.has(code.slice(token.start, token.end))) return false;
      const before = tokens[i - 1]?.type;
      const after = tokens[i + 1]?.type;
      // `options.tf` and `options?.tf` are properties; `{ tf: 1 }` is a key.
      if (before === tokTypes.dot || before === tokTypes.questionDot) return false;
      if ((before === tokTypes.braceL || before === tokTypes.comma) && after === tokTypes.colon) return false;
      return true;
    });
  } catch {
    // Code that does not parse yet: a looser look, without comments.
    const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
    return /(^|[^\w$.'"`])(tf|models)\s*[.[]/.test(withoutComments);
  }
}

/** True when a cell with these pieces of code (starter, solution…) uses TensorFlow.js. */
export function cellUsesTensorFlow(...codes: ReadonlyArray<string | null | undefined>): boolean {
  return codes.some((code) => !!code && usesTensorFlow(code));
}
