import { describe, expect, it } from 'vitest';
import { computeView, stackId, statusFor, STACK_IDS, unitAfterKey, windowName } from './model.ts';
import { imageRects, receptiveFieldMarkup, squaresMarkup, tableMarkup, unitGridMarkup } from './markup.ts';
import { shirtImage } from './sample.ts';

describe('receptive-field model', () => {
  it('the default CNN: the middle unit (3, 3) of the 7 × 7 grid sees a 10 × 10 patch, squares 3, 4, 8, 10', () => {
    const view = computeView('default');
    expect(view.grid).toBe(7);
    expect(view.unit).toEqual({ x: 3, y: 3 });
    expect(view.squares.map((s) => s.field)).toEqual([3, 4, 8, 10]);
    expect(view.squares.at(-1)).toMatchObject({ x0: 9, x1: 18, y0: 9, y1: 18, outside: false });
    expect(statusFor(view)).toBe(
      'After layer 4 (max pool 2 × 2), unit (3, 3) of the 7 × 7 grid sees a 10 × 10 patch of the 28 × 28 image (rows 9–18, columns 9–18). ' +
        'Layer by layer: 3, 4, 8, 10 pixels wide.',
    );
  });

  it('each layer’s square lies inside the next, for every unit of every stack', () => {
    for (const stack of STACK_IDS) {
      const { grid } = computeView(stack);
      for (let y = 0; y < grid; y++)
        for (let x = 0; x < grid; x++) {
          const squares = computeView(stack, { x, y }).squares;
          squares.slice(1).forEach((outer, i) => {
            const inner = squares[i]!;
            expect(
              inner.x0 >= outer.x0 && inner.x1 <= outer.x1 && inner.y0 >= outer.y0 && inner.y1 <= outer.y1,
              `${stack} (${x}, ${y}) layer ${i + 1}`,
            ).toBe(true);
          });
        }
    }
  });

  it('a corner unit’s square reaches into the padding, and the status says so', () => {
    const view = computeView('default', { x: 0, y: 6 });
    expect(view.squares.at(-1)).toMatchObject({ x0: -3, x1: 6, y0: 21, y1: 30, outside: true });
    expect(statusFor(view)).toContain('(rows 21–27, columns 0–6; the rest of its square is padding beyond the edge)');
  });

  it('the deeper stack and the LeNet-style one', () => {
    const deeper = computeView('deeper');
    expect(deeper.squares.map((s) => s.field)).toEqual([3, 5, 6, 10, 14, 16, 24]);
    expect(deeper.grid).toBe(7);
    const lenet = computeView('lenet');
    expect(lenet.squares.map((s) => s.field)).toEqual([5, 6, 14, 16]);
    expect(lenet.grid).toBe(4);
    expect(windowName(lenet.fields[0]!.op)).toBe('conv 5 × 5, no padding');
  });

  it('clamps units to the grid, reads unknown stacks as the default, and moves by keys', () => {
    expect(computeView('lenet', { x: 9, y: -2 }).unit).toEqual({ x: 3, y: 0 });
    expect(stackId('nonsense')).toBe('default');
    expect(stackId(null)).toBe('default');
    expect(unitAfterKey({ x: 0, y: 0 }, 'ArrowLeft', 7)).toEqual({ x: 0, y: 0 });
    expect(unitAfterKey({ x: 0, y: 0 }, 'ArrowDown', 7)).toEqual({ x: 0, y: 1 });
    expect(unitAfterKey({ x: 2, y: 3 }, 'End', 7)).toEqual({ x: 6, y: 3 });
    expect(unitAfterKey({ x: 2, y: 3 }, 'a', 7)).toBeNull();
  });
});

describe('receptive-field markup', () => {
  it('draws the image as runs of grey, the squares, one selected unit and the numbers', () => {
    const rects = imageRects(shirtImage());
    expect(rects.split('<rect').length - 1).toBeGreaterThan(50);
    expect(rects).not.toContain('NaN');
    const view = computeView('default', { x: 1, y: 2 });
    expect(squaresMarkup(view).match(/data-layer="\d"/g)).toHaveLength(4);
    const grid = unitGridMarkup(view);
    expect(grid.match(/role="gridcell"/g)).toHaveLength(49);
    expect(grid.match(/tabindex="0"/g)).toHaveLength(1);
    expect(grid).toContain('data-x="1" data-y="2" tabindex="0" aria-selected="true"');
    const table = tableMarkup(view);
    expect(table).toContain('<td>max pool 2 × 2</td><td>7 × 7</td><td>4</td><td>10 × 10</td>');
    const whole = receptiveFieldMarkup(shirtImage(), view);
    expect(whole).toContain('role="status"');
    expect(whole).toContain('<select name="stack"');
  });
});
