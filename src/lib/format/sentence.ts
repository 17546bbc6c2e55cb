/**
 * A message as a sentence: trimmed, capitalised, and ending in a full stop unless it already ends
 * in . ! or ?  ("network error" → "Network error."). Empty text stays empty.
 */
export function asSentence(text: string): string {
  const t = text.trim();
  if (!t) return '';
  const capital = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * A message ended with one full stop, otherwise as it is ("could not load" → "could not load.";
 * trailing dots and spaces become one dot), for a message set inside a longer sentence.
 */
export function withFullStop(text: string): string {
  return text.replace(/[.\s]*$/, '.');
}
