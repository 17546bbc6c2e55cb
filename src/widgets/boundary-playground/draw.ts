/**
 * Drawing the playground's plot on a canvas: the network's answer as a two-colour heat map
 * (colour-blind-safe purple/orange, fading to the background where the network is unsure),
 * the points on top (class 1 purple circles, class 0 orange squares, outlined in the text
 * colour so both read on either theme), and, for a linear model, its straight boundary dashed.
 * Colours come from CSS custom properties on the widget, so the plot follows the theme.
 */
import type { ToyDataset } from '../../lib/nn/toy-data.ts';

type Rgb = [number, number, number];

export interface Palette {
  one: Rgb;
  zero: Rgb;
  background: Rgb;
  outline: string;
  line: string;
}

function parseColour(text: string, fallback: Rgb): Rgb {
  const t = text.trim();
  const hex = /^#([0-9a-f]{6})$/i.exec(t);
  if (hex) {
    const n = Number.parseInt(hex[1]!, 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const nums = t.match(/[\d.]+/g);
  if (t.startsWith('rgb') && nums && nums.length >= 3) return [Number(nums[0]), Number(nums[1]), Number(nums[2])];
  return fallback;
}

/** The palette for `el`'s current theme. */
export function readPalette(el: Element): Palette {
  const style = getComputedStyle(el);
  const v = (name: string) => style.getPropertyValue(name);
  return {
    one: parseColour(v('--tk-boundary-one'), [93, 58, 155]),
    zero: parseColour(v('--tk-boundary-zero'), [230, 97, 0]),
    background: parseColour(v('--bg'), [255, 255, 255]),
    outline: v('--fg').trim() || '#1a1d21',
    line: v('--fg').trim() || '#1a1d21',
  };
}

export interface PlotContent {
  data: ToyDataset;
  /** ŷ on a gridN × gridN grid, rows from the top (see gridInputs), or null before training. */
  probabilities: Float32Array | null;
  gridN: number;
  extent: number;
  /** End points (x₁, x₂, x₁, x₂) of a straight boundary to draw dashed, or null. */
  line: readonly [number, number, number, number] | null;
}

/** How strongly the heat map shows a confident answer (0–1 mix with the background). */
const HEAT_STRENGTH = 0.45;

let heatCanvas: HTMLCanvasElement | null = null;

export function drawPlot(canvas: HTMLCanvasElement, content: PlotContent, palette: Palette): void {
  const size = Math.max(1, Math.round(canvas.clientWidth || 320));
  const scale = Math.min(3, window.devicePixelRatio || 1);
  const px = Math.round(size * scale);
  if (canvas.width !== px || canvas.height !== px) {
    canvas.width = px;
    canvas.height = px;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  const [br, bg, bb] = palette.background;
  ctx.fillStyle = `rgb(${br} ${bg} ${bb})`;
  ctx.fillRect(0, 0, size, size);

  const { probabilities, gridN, extent } = content;
  if (probabilities) {
    heatCanvas ??= document.createElement('canvas');
    heatCanvas.width = gridN;
    heatCanvas.height = gridN;
    const hctx = heatCanvas.getContext('2d');
    if (hctx) {
      const image = hctx.createImageData(gridN, gridN);
      for (let k = 0; k < gridN * gridN; k++) {
        const t = (probabilities[k]! - 0.5) * 2; // −1 (class 0) … 1 (class 1)
        const target = t >= 0 ? palette.one : palette.zero;
        // The square root lifts faint answers, so even an unsure model shows which side is which.
        const a = Math.sqrt(Math.min(1, Math.abs(t))) * HEAT_STRENGTH;
        image.data[4 * k] = Math.round(br + (target[0] - br) * a);
        image.data[4 * k + 1] = Math.round(bg + (target[1] - bg) * a);
        image.data[4 * k + 2] = Math.round(bb + (target[2] - bb) * a);
        image.data[4 * k + 3] = 255;
      }
      hctx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(heatCanvas, 0, 0, size, size);
    }
  }

  const toPx = (v: number) => ((v + extent) / (2 * extent)) * size;
  const toPy = (v: number) => ((extent - v) / (2 * extent)) * size;

  if (content.line) {
    const [x1, y1, x2, y2] = content.line;
    ctx.save();
    ctx.strokeStyle = palette.line;
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(toPx(x1), toPy(y1));
    ctx.lineTo(toPx(x2), toPy(y2));
    ctx.stroke();
    ctx.restore();
  }

  const { data } = content;
  const r = Math.max(3, size / 90);
  ctx.lineWidth = 1;
  ctx.strokeStyle = palette.outline;
  for (let i = 0; i < data.count; i++) {
    const x = toPx(data.x[2 * i]!);
    const y = toPy(data.x[2 * i + 1]!);
    const one = data.y[i]! > 0.5;
    const [cr, cg, cb] = one ? palette.one : palette.zero;
    ctx.fillStyle = `rgb(${cr} ${cg} ${cb})`;
    ctx.beginPath();
    if (one) ctx.arc(x, y, r, 0, 2 * Math.PI);
    else ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
    ctx.fill();
    ctx.stroke();
  }
}
