import { describe, expect, it } from 'vitest';
import { stateCountRow } from '../../lib/rl/state-count.ts';
import { stateCountMarkup, stateCountSummary } from './markup.ts';

describe('StateCount markup', () => {
  const rows = [stateCountRow(3), stateCountRow(4), stateCountRow(5), stateCountRow(6, 5, 8)];

  it('states the key figure in words', () => {
    expect(stateCountSummary(rows)).toBe('A 3×3 board has 2,040 positions; 5×5 already has 22.1 million, 10,816 times as many.');
  });

  it('renders one labelled row per board, bounds marked as such', () => {
    const html = stateCountMarkup(rows, 'sc-1');
    expect(html.match(/<th scope="row">/g)).toHaveLength(4);
    expect(html).toContain('<th scope="row">3×3</th><td>2,040</td><td>65.3 KB</td><td>2 ms</td>');
    expect(html).toContain('<td>22.1 million</td><td>706 MB</td><td>22 s</td>');
    expect(html).toMatch(/<th scope="row">6×6<\/th><td>more than [^<]+<br><span class="tk-note">\(at most 1\.8 × 10<sup>18<\/sup>\)/);
    expect(html).toContain('only snakes up to 8 cells long');
    expect(html).toContain('aria-labelledby="sc-1"');
    expect(html).toContain('role="status"');
  });
});
