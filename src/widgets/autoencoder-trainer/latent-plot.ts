/**
 * The latent plane: the shared 2-D scatter (viz/scatter-2d.ts: canvas, d3-zoom, nearest-point hover),
 * loaded with `import()` the first time there are codes to draw and the plot is on screen (its code and
 * d3-zoom are a third of a lesson's script budget: e2e/budget.spec.ts); until then the plot holds the
 * empty axes drawn at build time. Later codes of the same images move the points (`update`).
 */
import { CLASS_COLOURS } from '../../viz/class-colours.ts';
import type { createScatter2d } from '../../viz/scatter-2d.ts';
import { whenVisible } from '../shared/load-when-near.ts';

type Scatter = ReturnType<typeof createScatter2d>;

export class LatentPlot {
  private scatter: Scatter | null = null;
  private count = 0;
  private pending: Promise<void> | null = null;
  private destroyed = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly onHover: (index: number | null) => void,
  ) {}

  show(xy: Float32Array, classes: Uint8Array): void {
    if (this.scatter && xy.length === 2 * this.count) return this.scatter.update(xy, classes);
    const previous = this.pending ?? Promise.resolve();
    this.pending = previous.then(async () => {
      await whenVisible(this.host);
      const { createScatter2d } = await import('../../viz/scatter-2d.ts');
      if (this.destroyed) return;
      this.scatter?.destroy();
      const canvas = document.createElement('canvas');
      canvas.className = 'tk-ae__canvas';
      canvas.tabIndex = 0;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute(
        'aria-label',
        `${classes.length} test images placed by their codes, coloured by class. Keys: + and − zoom, arrows move, 0 resets; the image nearest the centre is shown beside.`,
      );
      this.host.replaceChildren(canvas);
      this.count = classes.length;
      this.scatter = createScatter2d(canvas, { xy, classes, palette: CLASS_COLOURS, onHover: this.onHover });
    });
  }

  destroy(): void {
    this.destroyed = true;
    this.scatter?.destroy();
    this.scatter = null;
  }
}
