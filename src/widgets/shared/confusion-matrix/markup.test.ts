import { describe, expect, it } from 'vitest';
import { matrixMarkup } from './markup.ts';

describe('the confusion matrix markup', () => {
  it('has a named row and column per class and an empty cell per pair', () => {
    const html = matrixMarkup({ classes: ['a', 'b', 'c'], columnTitle: 'Predicted →', rowTitle: 'True ↓', label: 'Three classes', part: 'grid' });
    expect(html.match(/<td class="tk-matrix__cell"><\/td>/g)).toHaveLength(9);
    expect(html.match(/<th scope="row">/g)).toHaveLength(3);
    expect(html).toContain('colspan="3"');
    expect(html).toContain('aria-label="Three classes" data-part="grid"');
    expect(html).not.toContain('tk-matrix--names');
  });

  it('writes class names escaped, and sets long names upright', () => {
    const html = matrixMarkup({ classes: ['T-shirt/top', 'A&B'], columnTitle: 'After the attack →', rowTitle: 'Original ↓', label: 'x' });
    expect(html).toContain('class="tk-matrix tk-matrix--names"');
    expect(html).toContain('<th scope="row">A&amp;B</th>');
    expect(html).toContain('<th scope="col">T-shirt/top</th>');
  });
});
