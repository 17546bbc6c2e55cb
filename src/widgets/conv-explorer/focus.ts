/**
 * Roving focus in a grid of cells (`role="grid"`, cells with `data-y` / `data-x`): one cell is in the
 * tab order; the arrow keys, Home and End move to the neighbour, which takes the tab stop.
 */
const MOVES: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function moveFocus(e: KeyboardEvent): void {
  const cell = (e.target as Element).closest<HTMLElement>('[role="gridcell"]');
  const grid = cell?.closest('[role="grid"]');
  if (!cell || !grid) return;
  const y = Number(cell.dataset.y);
  const x = Number(cell.dataset.x);
  let target: HTMLElement | null = null;
  const at = (ty: number, tx: number) => grid.querySelector<HTMLElement>(`[data-y="${ty}"][data-x="${tx}"]`);
  if (e.key in MOVES) {
    const [dy, dx] = MOVES[e.key]!;
    target = at(y + dy, x + dx);
  } else if (e.key === 'Home') {
    target = cell.parentElement?.firstElementChild as HTMLElement | null;
  } else if (e.key === 'End') {
    target = cell.parentElement?.lastElementChild as HTMLElement | null;
  } else return;
  e.preventDefault();
  if (!target) return;
  cell.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}
