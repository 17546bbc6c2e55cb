/**
 * Syntax check of the reader's code before anything runs, with acorn: the same grammar the
 * runner accepts (a classic script whose top level may `await` and `return`), so a typo is
 * reported instantly, with its line and column, without loading TensorFlow.js.
 */
import { parse } from 'acorn';

export interface SyntaxProblem {
  /** What is wrong, in acorn's words without its "(line:column)" suffix, e.g. "Unexpected token". */
  message: string;
  /** 1-based line in the reader's code. */
  line: number;
  /** 1-based column in the reader's code. */
  column: number;
}

/** Acorn's errors carry `loc` (line 1-based, column 0-based) and `pos`. */
interface AcornError extends SyntaxError {
  loc?: { line: number; column: number };
  pos?: number;
}

/** Parses `code` as the runner will run it; returns null when it is valid. */
export function checkSyntax(code: string): SyntaxProblem | null {
  try {
    parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      allowHashBang: false,
    });
    return null;
  } catch (err) {
    const e = err as AcornError;
    if (!(e instanceof SyntaxError)) throw err;
    const line = e.loc?.line ?? 1;
    const column = (e.loc?.column ?? 0) + 1;
    const message = e.message.replace(/\s*\(\d+:\d+\)$/, '');
    return { message: friendlier(message), line, column };
  }
}

/** A few of acorn's terse messages, said the way a learner understands them. */
function friendlier(message: string): string {
  if (message === 'Unexpected token') return 'Unexpected token: something is missing or out of place here';
  if (message === 'Unterminated string constant') return 'Unterminated string: a quote is missing at the end of the text';
  if (message === 'Unterminated template') return 'Unterminated template string: a closing ` is missing';
  if (message === 'Unterminated comment') return 'Unterminated comment: a closing */ is missing';
  return message;
}
