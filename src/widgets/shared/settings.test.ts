// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  attributeName,
  controlsMarkup,
  defaults,
  flag,
  numberChoice,
  numberRange,
  parseSettings,
  readForm,
  selectMarkup,
  settingsFromAttributes,
  textChoice,
  type SettingsOf,
} from './settings.ts';

const TABLE = {
  epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 5], default: 1 }),
  trainLimit: numberChoice({ label: 'Training images', choices: [10_000, 60_000], default: 60_000, format: (n) => `${n} images` }),
  backend: textChoice({ label: 'Backend', choices: ['auto', 'cpu', 'wasm'], default: 'auto' }),
  rate: numberRange({ label: 'Rate', min: 0, max: 1, step: 0.1, default: 0.5 }),
  early: flag({ label: 'Early stopping', default: true }),
};
type Settings = SettingsOf<typeof TABLE>;
const DEFAULTS: Settings = { epochs: 1, trainLimit: 60_000, backend: 'auto', rate: 0.5, early: true };
const from = (map: Record<string, string>) => (name: string) => map[name];

describe('defaults', () => {
  it('come from the table', () => {
    expect(defaults(TABLE)).toEqual(DEFAULTS);
  });
});

describe('parseSettings', () => {
  it('reads allowed values, numbers with or without separators', () => {
    expect(parseSettings(TABLE, from({ epochs: '5', trainLimit: '10,000', backend: 'wasm', rate: '0.25', early: 'false' }))).toEqual({
      epochs: 5,
      trainLimit: 10_000,
      backend: 'wasm',
      rate: 0.25,
      early: false,
    });
    expect(parseSettings(TABLE, from({ trainLimit: '10_000' })).trainLimit).toBe(10_000);
  });
  it('falls back to the default for anything missing or not offered', () => {
    expect(parseSettings(TABLE, from({}))).toEqual(DEFAULTS);
    expect(parseSettings(TABLE, from({ epochs: '3', trainLimit: 'lots', backend: 'tpu', rate: 'fast', early: 'maybe' }))).toEqual(DEFAULTS);
    expect(parseSettings(TABLE, from({ epochs: ' ', rate: '' }))).toEqual(DEFAULTS);
  });
  it('clamps a range and reads a flag like a checkbox or a bare attribute', () => {
    expect(parseSettings(TABLE, from({ rate: '7' })).rate).toBe(1);
    expect(parseSettings(TABLE, from({ rate: '-2' })).rate).toBe(0);
    for (const on of ['true', 'on', '']) expect(parseSettings(TABLE, from({ early: on })).early).toBe(true);
    for (const off of ['false', 'off']) expect(parseSettings(TABLE, from({ early: off })).early).toBe(false);
  });
});

describe('attributes', () => {
  it('name a setting data-kebab-case', () => {
    expect(attributeName('trainLimit')).toBe('data-train-limit');
    expect(attributeName('epochs')).toBe('data-epochs');
  });
  it('are read from an element', () => {
    const el = document.createElement('div');
    el.setAttribute('data-train-limit', '10000');
    el.setAttribute('data-epochs', '2');
    expect(settingsFromAttributes(TABLE, el)).toEqual({ ...DEFAULTS, trainLimit: 10_000, epochs: 2 });
  });
});

describe('selectMarkup and readForm', () => {
  it('render a labelled select and read the form back, checkbox and radios included', () => {
    const root = document.createElement('form');
    root.innerHTML =
      selectMarkup('epochs', TABLE.epochs, 2) +
      selectMarkup('trainLimit', TABLE.trainLimit, 10_000) +
      '<input type="radio" name="backend" value="auto"><input type="radio" name="backend" value="cpu" checked>' +
      '<input type="range" name="rate" min="0" max="1" step="0.1" value="0.3">' +
      '<input type="checkbox" name="early">';
    expect(root.querySelector('label')?.textContent).toBe('Epochs125');
    expect(root.querySelector('select[data-part="trainLimit"] option[selected]')?.textContent).toBe('10000 images');
    expect(readForm(TABLE, root)).toEqual({ epochs: 2, trainLimit: 10_000, backend: 'cpu', rate: 0.3, early: false });
    root.querySelector<HTMLSelectElement>('[name="epochs"]')!.value = '5';
    root.querySelector<HTMLInputElement>('[name="early"]')!.checked = true;
    expect(readForm(TABLE, root)).toMatchObject({ epochs: 5, early: true });
  });
  it('gives the defaults for controls that are not there', () => {
    expect(readForm(TABLE, document.createElement('div'))).toEqual(DEFAULTS);
  });
});

describe('controlsMarkup', () => {
  const TABLE = {
    epochs: numberChoice({ label: 'Epochs', choices: [1, 2], default: 1 }),
    gamma: numberRange({ label: 'Discount γ', min: 0, max: 1, step: 0.01, default: 0.9 }),
    backend: textChoice({ label: 'Backend', choices: ['auto', 'cpu'], default: 'auto', secondary: true }),
    replay: flag({ label: 'Replay', default: false, secondary: true }),
  };

  it('puts the primary settings in the grid and the secondary ones under "More settings", in table order', () => {
    const html = controlsMarkup(TABLE, defaults(TABLE));
    const [primary, more] = html.split('<details class="tk-more">');
    expect(primary).toContain('name="epochs"');
    expect(primary).toContain('name="gamma"');
    expect(primary).not.toContain('name="backend"');
    expect(more).toMatch(/^<summary>More settings<\/summary>/);
    expect(more!.indexOf('name="backend"')).toBeLessThan(more!.indexOf('name="replay"'));
  });

  it('renders each type as its control, with a slider showing its value', () => {
    const html = controlsMarkup(TABLE, { ...defaults(TABLE), epochs: 2, replay: true });
    expect(html).toContain('<option value="2" selected>2</option>');
    expect(html).toMatch(
      /<input type="range" name="gamma" data-part="gamma" min="0" max="1" step="0.01" value="0.9"><span class="tk-field__value" data-part="gamma-value" aria-hidden="true">0.9<\/span>/,
    );
    expect(html).toContain('<input type="checkbox" name="replay" data-part="replay" checked>');
  });

  it('takes custom markup for a setting, skips what it is told to, and has no "More" without secondary settings', () => {
    const html = controlsMarkup(TABLE, defaults(TABLE), { custom: { backend: '<p>picker</p>' }, skip: ['replay'] });
    expect(html).toContain('<p>picker</p>');
    expect(html).not.toContain('replay');
    const plain = controlsMarkup({ epochs: TABLE.epochs }, { epochs: 1 });
    expect(plain).not.toContain('tk-more');
  });

  it('reads back what it renders (readForm)', () => {
    document.body.innerHTML = `<fieldset>${controlsMarkup(TABLE, { epochs: 2, gamma: 0.25, backend: 'cpu', replay: true })}</fieldset>`;
    expect(readForm(TABLE, document.body)).toEqual({ epochs: 2, gamma: 0.25, backend: 'cpu', replay: true });
  });
});
