/**
 * The decisions a code cell makes that need no DOM: which code to show when the page
 * opens, what its status line says, and how code travels in a shared link.
 */
import { inlineMarkdownText } from '../format/inline-markdown.ts';
import { formatDuration, formatPercent } from '../format/numbers.ts';
import type { GradeResult } from './types.ts';

export interface SavedCode {
  code: string;
  /** Hash of the starter the saved code grew from ('' when unknown, e.g. migrated data). */
  starterHash: string;
}

export interface RestorePlan {
  /** The code the editor starts with. */
  code: string;
  /**
   * starter: nothing saved; saved: the reader's code; new-starter: the reader never changed an
   * older starter, so the new one replaces it silently.
   */
  source: 'starter' | 'saved' | 'new-starter';
  /** The site ships a different starter from the one the reader's (changed) code grew from. */
  starterChanged: boolean;
}

/**
 * What a cell shows on load. The reader's own code always wins over a new starter; they are
 * told the starter changed and can compare or reset. Only code the reader never touched is
 * replaced by a newer starter.
 */
export function planRestore(saved: SavedCode | undefined, starter: string, hash: (text: string) => string): RestorePlan {
  if (!saved) return { code: starter, source: 'starter', starterChanged: false };
  const current = hash(starter);
  if (saved.starterHash === current || saved.starterHash === '') {
    return { code: saved.code, source: 'saved', starterChanged: false };
  }
  if (hash(saved.code) === saved.starterHash) return { code: starter, source: 'new-starter', starterChanged: false };
  return { code: saved.code, source: 'saved', starterChanged: true };
}

/** Status after a run that finished without error (and, for exercises, before the grade). */
export function finishedStatus(ms: number, returned?: string): string {
  const took = `Ran in ${formatDuration(ms)}.`;
  return returned ? `${took} It returned ${returned}.` : took;
}

/**
 * The one decision a cell acts on: the grade, with `pass` true only when the grader said so AND
 * no test case failed. The status line, the grade box and the recorded badge all come from it,
 * so a status can never say "Passed" while a case fails.
 */
export function decideGrade(result: GradeResult): GradeResult {
  const failing = result.cases?.filter((c) => !c).length ?? 0;
  if (!result.pass || failing === 0) return result;
  return {
    ...result,
    pass: false,
    message: `${failing} of ${result.cases!.length} test cases ${failing === 1 ? 'fails' : 'fail'}, so this is not a pass. ${result.message}`,
  };
}

/** The status line of a graded run, from the decision (markup of the grader's message dropped). */
export function gradeStatus(result: GradeResult): string {
  const decided = decideGrade(result);
  const figure = decided.figureText ? `: ${decided.figureText}` : '';
  const message = inlineMarkdownText(decided.message);
  return decided.pass ? `Passed${figure}. ${message}` : `Not passed yet${figure}. ${message}`;
}

export function errorStatus(name: string, message: string, line?: number): string {
  const where = line !== undefined ? ` on line ${line}` : '';
  return `${name || 'Error'}${where}: ${message}`;
}

export function syntaxErrorStatus(message: string, line: number): string {
  return `Syntax error on line ${line}: ${message} Nothing ran; fix it and press Run again.`;
}

export function stoppedStatus(ms: number): string {
  return `Stopped after ${formatDuration(ms)}. Your code is kept; press Run to start again.`;
}

/** "96.1%" style figure for badges; the grader's own words come first when present. */
export function passSummary(result: GradeResult): string {
  if (result.figureText) return result.figureText;
  if (result.figure !== undefined) return formatPercent(result.figure);
  return 'all checks pass';
}

// ---------------------------------------------------------------------------------------------
// Shared links: #cell=<id>&code=<base64url of deflate-raw UTF-8>. The code is loaded into the
// editor but never runs until the reader presses Run.

/** Links longer than this are refused (browsers and chat apps mangle very long URLs). */
export const MAX_SHARE_CHARS = 16_000;

export class ShareLinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareLinkError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareLinkError('The code in this link is damaged (unexpected characters).');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function pipeThrough(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The URL fragment (without '#') that opens `code` in the cell `cellId`. */
export async function encodeShareFragment(cellId: string, code: string): Promise<string> {
  const packed = await pipeThrough(new TextEncoder().encode(code), new CompressionStream('deflate-raw'));
  const fragment = new URLSearchParams({ cell: cellId, code: toBase64Url(packed) }).toString();
  if (fragment.length > MAX_SHARE_CHARS) {
    throw new ShareLinkError('This code is too long to share as a link. Copy the code itself instead.');
  }
  return fragment;
}

/** The cell id and code in a fragment made by encodeShareFragment, or null when it holds none. */
export async function decodeShareFragment(fragment: string): Promise<{ cellId: string; code: string } | null> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const cellId = params.get('cell');
  const packed = params.get('code');
  if (!cellId || packed === null) return null;
  if (fragment.length > MAX_SHARE_CHARS) throw new ShareLinkError('This link is too long to be a Tinker code link.');
  let bytes: Uint8Array;
  try {
    bytes = await pipeThrough(fromBase64Url(packed), new DecompressionStream('deflate-raw'));
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('The code in this link is damaged and cannot be read. Ask for the link again.');
  }
  let code: string;
  try {
    code = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ShareLinkError('The code in this link is not valid text. Ask for the link again.');
  }
  return { cellId, code };
}
