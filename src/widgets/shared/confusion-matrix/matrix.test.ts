// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { matrixMarkup } from './markup.ts';
import { MatrixView } from './matrix.ts';

function table(classes: string[]): HTMLTableElement {
  document.body.innerHTML = matrixMarkup({ classes, columnTitle: 'After →', rowTitle: 'Original ↓', label: 'A matrix' });
  return document.querySelector('table')!;
}

const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));

describe('MatrixView', () => {
  afterEach(() => (document.body.innerHTML = ''));

  it('fills a matrix of any size with buttons named by the widget, one of them in the Tab order', async () => {
    const view = new MatrixView(table(['a', 'b', 'c']), { cellName: (t, g, n) => `${t}→${g}: ${n}` });
    await view.show([5, 1, 0, 0, 6, 2, 3, 0, 4]);
    const buttons = [...document.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual(['5', '1', '0', '0', '6', '2', '3', '0', '4']);
    expect(buttons[5]!.getAttribute('aria-label')).toBe('1→2: 2');
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    expect(buttons.filter((b) => b.classList.contains('tk-matrix__button--off'))).toHaveLength(6);
    view.clear();
    expect(document.querySelectorAll('button')).toHaveLength(0);
  });

  it('moves the focus with the arrow keys, Home and End within the rows and columns of its size, and reports a chosen cell', async () => {
    const onPick = vi.fn();
    const view = new MatrixView(table(['a', 'b', 'c']), { cellName: () => 'cell', onPick });
    await view.show(new Array<number>(9).fill(1));
    const buttons = [...document.querySelectorAll('button')];
    key(buttons[0]!, 'ArrowRight');
    expect(document.activeElement).toBe(buttons[1]);
    key(buttons[1]!, 'ArrowDown');
    expect(document.activeElement).toBe(buttons[4]);
    key(buttons[4]!, 'End');
    expect(document.activeElement).toBe(buttons[5]);
    key(buttons[5]!, 'ArrowRight'); // the last column: stays
    expect(document.activeElement).toBe(buttons[5]);
    key(buttons[5]!, 'Home');
    expect(document.activeElement).toBe(buttons[3]);
    expect(buttons.filter((b) => b.tabIndex === 0)).toEqual([buttons[3]]);
    buttons[7]!.click();
    expect(onPick).toHaveBeenCalledWith(2, 1);
    view.destroy();
  });
});
