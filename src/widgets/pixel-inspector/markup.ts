/**
 * The pixel inspector's static markup (rendered at build time by PixelInspector.astro). No DOM here.
 *
 * Keyboard and screen readers: the image is a focusable `role="application"` area (arrow keys
 * move the cursor by one pixel, Shift + arrow by ten, Home/End jump to the row's ends), and two
 * labelled sliders, "Column x" and "Row y", move it with standard slider semantics. The
 * `role="status"` line reads the pixel under the cursor in words. The magnified grid repeats the
 * numbers visually and is hidden from assistive technology (the status line says the same).
 */
import type { SampleImageName } from '../../lib/image/types.ts';
import { imageSourceMarkup } from '../shared/image/source.ts';

/** Pixels on each side of the magnified neighbourhood (7×7 cells with 3). */
export const RADIUS = 3;
export const GRID = 2 * RADIUS + 1;

export const LOADING_STATUS = 'Loading the image…';

/** The note under the magnified grid, for colour and for grey pictures. */
export const LEGEND_RGB =
  'Each square is one pixel around the cursor, enlarged: its red, green and blue values from top to bottom. The outlined square is the pixel under the cursor.';
export const LEGEND_GREY =
  'Each square is one pixel around the cursor, enlarged: its grey value (0 is black, 255 is white). The outlined square is the pixel under the cursor.';

export function pixelInspectorMarkup(idPrefix: string, image: SampleImageName): string {
  const cells = Array.from({ length: GRID * GRID }, (_, i) => {
    const centre = i === (GRID * GRID - 1) / 2;
    return `<div class="tk-pi__cell${centre ? ' tk-pi__cell--centre' : ''}"><span></span><span></span><span></span></div>`;
  }).join('');
  return `<div class="tk-widget tk-pi" data-part="root">
<p class="tk-widget__title">Look at the numbers in a picture</p>
<p class="tk-widget__intro">Point at the picture, or click it and use the arrow keys (Shift moves 10 pixels), to read the red, green and blue values of each pixel.</p>
${imageSourceMarkup(idPrefix, image)}
<p class="tk-pi__facts" data-part="facts">&nbsp;</p>
<div class="tk-pi__layout">
<div class="tk-pi__picture">
<div class="tk-pi__frame" data-part="frame" tabindex="0" role="application" aria-roledescription="pixel picker" aria-label="Picture: arrow keys move the cursor one pixel, Shift and an arrow key ten pixels" aria-describedby="${idPrefix}-status">
<canvas class="tk-pi__canvas" data-part="canvas" width="1" height="1"></canvas>
<div class="tk-pi__marker" data-part="marker" aria-hidden="true"></div>
</div>
</div>
<div class="tk-pi__side">
<div class="tk-pi__grid" data-part="grid" aria-hidden="true">${cells}</div>
<p class="tk-note tk-pi__legend" data-part="legend">${LEGEND_RGB}</p>
<div class="tk-pi__sliders">
<label class="tk-field"><span class="tk-field__label">Column x: <span data-part="x-value">0</span></span><input type="range" min="0" max="0" step="1" value="0" data-part="x"></label>
<label class="tk-field"><span class="tk-field__label">Row y: <span data-part="y-value">0</span></span><input type="range" min="0" max="0" step="1" value="0" data-part="y"></label>
</div>
</div>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status" id="${idPrefix}-status">${LOADING_STATUS}</p>
</div>`;
}
