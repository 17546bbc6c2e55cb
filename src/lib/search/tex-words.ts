/**
 * Words for a formula, so full-text search finds it: `\sigma(z) = \frac{1}{1 + e^{-z}}` →
 * "σ sigma ( z ) = 1 1 + e - z". Greek letters give their symbol and their name, named
 * operators (`\max`, `\log`, `\mathrm{relu}`) and `\text{…}` give their words; layout commands
 * (`\frac`, `\left`, `\quad`, …) and TeX punctuation (`{ } ^ _ & \\`) are dropped.
 * Pure string work: used by the search index at build time (src/integrations/search.ts).
 */

const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  varepsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  vartheta: 'ϑ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  varphi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
  Gamma: 'Γ',
  Delta: 'Δ',
  Theta: 'Θ',
  Lambda: 'Λ',
  Xi: 'Ξ',
  Pi: 'Π',
  Sigma: 'Σ',
  Phi: 'Φ',
  Psi: 'Ψ',
  Omega: 'Ω',
};

/** Commands that stand for a word a reader might search for (the word is the command's name unless given). */
const WORDS: Readonly<Record<string, string>> = {
  sum: 'sum',
  prod: 'product',
  int: 'integral',
  partial: 'partial',
  nabla: 'nabla gradient',
  infty: 'infinity',
  approx: 'approximately',
  times: 'times',
  cdot: 'times',
  le: 'less or equal',
  leq: 'less or equal',
  ge: 'greater or equal',
  geq: 'greater or equal',
  ne: 'not equal',
  neq: 'not equal',
  sqrt: 'square root',
  hat: 'hat',
  bar: 'bar',
  in: 'in',
  to: 'to',
  gets: 'gets',
  leftarrow: 'gets',
  rightarrow: 'to',
  max: 'max',
  min: 'min',
  argmax: 'argmax',
  argmin: 'argmin',
  log: 'log',
  ln: 'ln',
  exp: 'exp',
  sin: 'sin',
  cos: 'cos',
  tanh: 'tanh',
  mathbb: '',
  dots: '…',
  ldots: '…',
  cdots: '…',
};

/** Commands whose argument is plain words (kept as they are). */
const TEXT_COMMANDS = new Set(['text', 'textrm', 'textit', 'textbf', 'mathrm', 'operatorname', 'mathit', 'mathbf', 'mathsf', 'texttt']);

/** The words of a TeX formula, separated by single spaces. */
export function texWords(tex: string): string {
  let out = tex.replace(/\\([A-Za-z]+)\*?\s*(\{([^{}]*)\})?/g, (_match, name: string, group: string | undefined, arg: string | undefined) => {
    if (TEXT_COMMANDS.has(name) && arg !== undefined) return ` ${arg} `;
    const rest = group === undefined ? '' : ` ${group} `;
    if (Object.hasOwn(GREEK, name)) return ` ${GREEK[name]} ${name} ${rest}`;
    if (Object.hasOwn(WORDS, name)) return ` ${WORDS[name]} ${rest}`;
    return ` ${rest}`; // layout: \frac, \left, \big, \quad, \tfrac, \begin, …
  });
  out = out
    .replace(/\\[,;:! ]/g, ' ') // spacing commands
    .replace(/\\\\/g, ' ')
    .replace(/[{}^_&$~]/g, ' ')
    .replace(/\\/g, ' ');
  return out.replace(/\s+/g, ' ').trim();
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (whole, name: string) => {
    if (Object.hasOwn(ENTITIES, name)) return ENTITIES[name]!;
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return whole;
  });
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Rewrites the KaTeX output in a built page for indexing: each `<math>…</math>` (one element
 * per letter, which a search index reads as separate fragments) becomes a span with the words of
 * its TeX source (KaTeX keeps it in `<annotation encoding="application/x-tex">`). The visual copy
 * (`.katex-html`, aria-hidden) is left for the indexer to exclude. Only the index sees this copy;
 * the served page is unchanged.
 */
export function formulasAsWords(html: string): string {
  return html.replace(/<math\b[^>]*>([\s\S]*?)<\/math>/g, (whole, inner: string) => {
    const source = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/.exec(inner);
    if (!source) return whole;
    return `<span data-formula>${escapeText(texWords(decodeEntities(source[1]!)))}</span>`;
  });
}

/**
 * The copy of a built lesson page that the search index reads: formulas as words
 * (formulasAsWords), and quiz forms as plain blocks, because Pagefind skips the text of a
 * `<form>` and a quiz's question and options are lesson text.
 */
export function indexableHtml(html: string): string {
  return formulasAsWords(html)
    .replace(/<form\b/g, '<div')
    .replace(/<\/form>/g, '</div>');
}
