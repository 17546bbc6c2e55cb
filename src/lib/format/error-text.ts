/** Any thrown value in words: an Error's message (with its cause's, when it has one), a string, or JSON. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? error.cause.message : '';
    if (!error.message) return cause || error.name;
    return cause ? `${error.message} (${cause})` : error.message;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
