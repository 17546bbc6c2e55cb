/**
 * The colour mangler's static markup, as a string: rendered at build time by ColourMangler.astro
 * (formulas typeset there with KaTeX) or by the element itself when created without it (formulas
 * then shown as TeX source). No DOM here. Parts are found by `data-part`.
 */
import { DEFAULT_MANGLE } from '../../lib/image/colour.ts';
import type { SampleImageName } from '../../lib/image/types.ts';
import { escapeHtml } from '../shared/html.ts';
import { imageSourceMarkup } from '../shared/image/source.ts';
import { CLAMP_TEX, SLIDERS, formatSetting, sliderValue } from './config.ts';

export const IDLE_STATUS = 'Loading the image…';

/** Turns TeX into HTML; the default shows the source in <code>. */
export type TexRenderer = (tex: string) => string;
const plainTex: TexRenderer = (tex) => `<code>${escapeHtml(tex)}</code>`;

export function manglerMarkup(idPrefix: string, image: SampleImageName, tex: TexRenderer = plainTex): string {
  const id = escapeHtml(idPrefix);
  const sliders = SLIDERS.map((s) => {
    const value = formatSetting(s.key, DEFAULT_MANGLE);
    const inputId = `${id}-${s.key}`;
    return (
      `<div class="tk-mangler__control">
<div class="tk-mangler__head"><label for="${inputId}" class="tk-field__label">${escapeHtml(s.label)} <var>${s.symbol}</var></label>` +
      `<output for="${inputId}" class="tk-mangler__value" data-part="value-${s.key}">${escapeHtml(value)}</output></div>
<input type="range" id="${inputId}" data-part="slider-${s.key}" min="${s.min}" max="${s.max}" step="${s.step}" value="${sliderValue(s.key, DEFAULT_MANGLE)}" aria-valuetext="${escapeHtml(value)}" aria-describedby="${inputId}-hint">
<div class="tk-mangler__formula">${tex(s.tex)}${s.where ? `<span class="tk-mangler__where">where ${tex(s.where)}</span>` : ''}</div>
<p class="tk-mangler__hint" id="${inputId}-hint">${escapeHtml(s.hint)}</p>
</div>`
    );
  }).join('\n');

  return `<div class="tk-widget tk-mangler" data-part="root">
<p class="tk-widget__title">Colour mangler (the “deep fryer”)</p>
<p class="tk-widget__intro">Every slider is a formula applied to every value <var>I</var> (0–255) of every pixel. Push them and see what the numbers do to a photo.</p>
${imageSourceMarkup(id, image)}
<div class="tk-mangler__images">
<figure class="tk-mangler__figure"><canvas data-part="before" width="300" height="200" class="tk-mangler__canvas" role="img" aria-label="Original image"></canvas><figcaption>Before</figcaption></figure>
<figure class="tk-mangler__figure"><canvas data-part="after" width="300" height="200" class="tk-mangler__canvas" role="img" aria-label="Mangled image"></canvas><figcaption>After</figcaption></figure>
</div>
<div class="tk-actions">
<button type="button" class="tk-button" data-part="reset">Reset</button>
<button type="button" class="tk-button tk-button--primary" data-part="deep-fry">Deep fry</button>
</div>
<p class="tk-status" role="status" aria-live="polite" data-part="status">${IDLE_STATUS}</p>
<fieldset class="tk-mangler__controls" data-part="controls">
<legend class="tk-mangler__legend">Operations, applied in this order</legend>
${sliders}
</fieldset>
<p class="tk-note tk-mangler__clamp">After each step the values are cut back to 0–255: <span class="tk-mangler__formula">${tex(CLAMP_TEX)}</span></p>
</div>`;
}
