import { describe, expect, it } from 'vitest';
import { marginNoteHtml } from './margin-note.ts';

describe('marginNoteHtml', () => {
  it('wraps the body in an aside with the margin-note class', () => {
    expect(marginNoteHtml('<p>Also called <em>logits</em>.</p>')).toBe('<aside class="margin-note"><p>Also called <em>logits</em>.</p></aside>');
  });
});
