/**
 * A widget's settings, declared once in a table: for each setting its type, the values it may
 * take (a list of choices or a range), its default and its label. Everything else comes from the
 * table: the defaults, reading an author's `data-*` attributes, reading the form's controls, and
 * the `<select>` markup. (In the spirit of TF Playground's state.ts, which declares its URL state
 * as a list of typed properties.) Pure and DOM-free except `readForm`, which only reads values.
 *
 *   const TABLE = {
 *     epochs: numberChoice({ label: 'Epochs', choices: [1, 2, 3], default: 1 }),
 *     backend: textChoice({ label: 'Backend', choices: ['auto', 'cpu'], default: 'auto' }),
 *   } satisfies SettingsTable;
 *   type Settings = SettingsOf<typeof TABLE>;           // { epochs: number; backend: 'auto' | 'cpu' }
 *   parseSettings(TABLE, (name) => el.getAttribute(attributeName(name)));
 *
 * Any value that is missing or not allowed falls back to the default, so a select can always show it.
 */
import { escapeHtml, optionsMarkup } from './html.ts';

/** What every kind of setting may say about where it is shown. */
interface Placement {
  /**
   * A secondary setting: rendered by `controlsMarkup` inside the collapsed "More settings"
   * (`.tk-more`), under the primary ones. Default false (primary: always in view).
   */
  secondary?: boolean;
}

/** One of a list of numbers (a `<select>`); "10,000" and "10_000" are read as 10000. */
export interface NumberChoice extends Placement {
  type: 'number';
  label: string;
  choices: readonly number[];
  default: number;
  /** How a choice is shown in the select (default: the number as written). */
  format?(value: number): string;
}

/** One of a list of words (a `<select>` or radio group). */
export interface TextChoice<T extends string = string> extends Placement {
  type: 'text';
  label: string;
  choices: readonly T[];
  default: T;
  /** How a choice is shown (default: the value). */
  format?(value: T): string;
}

/** Any number in [min, max] (a slider); values outside are clamped, non-numbers give the default. */
export interface NumberRange extends Placement {
  type: 'range';
  label: string;
  min: number;
  max: number;
  step: number;
  default: number;
}

/** On or off (a checkbox): "true", "on" and "" (a bare attribute) are on; "false" and "off" are off. */
export interface Flag extends Placement {
  type: 'boolean';
  label: string;
  default: boolean;
}

export type Setting = NumberChoice | TextChoice | NumberRange | Flag;
export type SettingsTable = Readonly<Record<string, Setting>>;

type ValueOf<S> = S extends TextChoice<infer T> ? T : S extends Flag ? boolean : number;
/** The settings object a table describes. */
export type SettingsOf<T extends SettingsTable> = { -readonly [K in keyof T]: ValueOf<T[K]> };

/** Reads the raw (string) value of a setting by its name; null or undefined when it is not given. */
export type RawValues = (name: string) => string | null | undefined;

// Typed constructors (they keep a text setting's choices as a union type).
export const numberChoice = (s: Omit<NumberChoice, 'type'>): NumberChoice => ({ type: 'number', ...s });
export const textChoice = <T extends string>(s: Omit<TextChoice<T>, 'type'>): TextChoice<T> => ({ type: 'text', ...s });
export const numberRange = (s: Omit<NumberRange, 'type'>): NumberRange => ({ type: 'range', ...s });
export const flag = (s: Omit<Flag, 'type'>): Flag => ({ type: 'boolean', ...s });

/** One setting's value from its raw string, or its default. */
export function parseValue<S extends Setting>(spec: S, raw: string | null | undefined): ValueOf<S> {
  return parse(spec, raw) as ValueOf<S>;
}

function parse(spec: Setting, raw: string | null | undefined): number | string | boolean {
  switch (spec.type) {
    case 'boolean':
      if (raw === 'true' || raw === 'on' || raw === '') return true;
      if (raw === 'false' || raw === 'off') return false;
      return spec.default;
    case 'text':
      return raw !== null && raw !== undefined && (spec.choices as readonly string[]).includes(raw) ? raw : spec.default;
    case 'number': {
      if (raw === null || raw === undefined || raw.trim() === '') return spec.default;
      const n = Number(raw.replace(/[_,]/g, ''));
      return spec.choices.includes(n) ? n : spec.default;
    }
    case 'range': {
      const n = raw === null || raw === undefined || raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) ? Math.min(spec.max, Math.max(spec.min, n)) : spec.default;
    }
  }
}

/** The defaults of every setting. */
export function defaults<T extends SettingsTable>(table: T): SettingsOf<T> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) out[name] = spec.default;
  return out as SettingsOf<T>;
}

/** Every setting from raw strings (attributes, form values, a URL), each checked against the table. */
export function parseSettings<T extends SettingsTable>(table: T, get: RawValues): SettingsOf<T> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(table)) out[name] = parse(spec, get(name));
  return out as SettingsOf<T>;
}

/** The attribute an author sets for a setting: `trainLimit` → `data-train-limit`. */
export function attributeName(name: string): string {
  return `data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Settings from an element's `data-*` attributes (see attributeName). */
export function settingsFromAttributes<T extends SettingsTable>(table: T, element: { getAttribute(name: string): string | null }): SettingsOf<T> {
  return parseSettings(table, (name) => element.getAttribute(attributeName(name)));
}

/** A form control's raw value: a checkbox reads "true"/"false", a radio group its checked value. */
function controlValue(root: ParentNode, name: string): string | null {
  const controls = root.querySelectorAll<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  for (const el of controls) {
    if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked ? 'true' : 'false';
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      if (el.checked) return el.value;
      continue;
    }
    return el.value;
  }
  return null;
}

/** Settings from the controls under `root`, found by their `name` (equal to the setting's name). */
export function readForm<T extends SettingsTable>(table: T, root: ParentNode): SettingsOf<T> {
  return parseSettings(table, (name) => controlValue(root, name));
}

/**
 * The labelled `<select>` of a choice setting, with `value` selected; `name` is both the form name
 * and the `data-part`. Labels wrap their controls, so no ids are needed.
 */
export function selectMarkup(name: string, spec: NumberChoice | TextChoice, value: number | string): string {
  const format = (v: number | string): string => (spec.format ? (spec.format as (x: number | string) => string)(v) : String(v));
  const options = (spec.choices as readonly (number | string)[]).map((v) => ({ value: v, label: format(v) }));
  return (
    `<label class="tk-field"><span class="tk-field__label">${escapeHtml(spec.label)}</span>` +
    `<select name="${name}" data-part="${name}">${optionsMarkup(options, value)}</select></label>`
  );
}

/**
 * A range setting as a labelled slider with its value shown beside it (`data-part="NAME-value"`; the
 * element updates it on input). The shown value is hidden from screen readers, which read the slider's own.
 */
export function rangeMarkup(name: string, spec: NumberRange, value: number, format: (v: number) => string = String): string {
  return (
    `<label class="tk-field"><span class="tk-field__label">${escapeHtml(spec.label)}</span>` +
    `<input type="range" name="${name}" data-part="${name}" min="${spec.min}" max="${spec.max}" step="${spec.step}" value="${value}">` +
    `<span class="tk-field__value" data-part="${name}-value" aria-hidden="true">${escapeHtml(format(value))}</span></label>`
  );
}

/** A flag as a labelled checkbox. */
export function flagMarkup(name: string, spec: Flag, value: boolean): string {
  return (
    `<label class="tk-field tk-field--flag"><span class="tk-field__label">${escapeHtml(spec.label)}</span>` +
    `<input type="checkbox" name="${name}" data-part="${name}"${value ? ' checked' : ''}></label>`
  );
}

/** The control of one setting, by its type. */
export function controlMarkup(name: string, spec: Setting, value: number | string | boolean): string {
  if (spec.type === 'range') return rangeMarkup(name, spec, Number(value));
  if (spec.type === 'boolean') return flagMarkup(name, spec, value === true);
  return selectMarkup(name, spec, value as number | string);
}

export interface ControlsOptions {
  /** Markup to use instead of the table's for some settings (a backend picker, a radio group). */
  custom?: Readonly<Record<string, string>>;
  /** Settings not to render (shown elsewhere, or fixed in this widget). */
  skip?: readonly string[];
  /** The summary of the secondary settings. Default "More settings". */
  moreLabel?: string;
}

/**
 * Every setting of a table as the kit's controls grid: one aligned row per setting (label | input |
 * value, `.tk-controls`), the primary ones in view and the secondary ones (`secondary: true`) in a
 * collapsed `<details class="tk-more">`. Rows are in the table's order. Goes inside the widget's
 * settings fieldset; `readForm` reads it back.
 */
export function controlsMarkup<T extends SettingsTable>(table: T, values: SettingsOf<T>, options: ControlsOptions = {}): string {
  const rows: { primary: string[]; secondary: string[] } = { primary: [], secondary: [] };
  for (const [name, spec] of Object.entries(table)) {
    if (options.skip?.includes(name)) continue;
    const markup = options.custom?.[name] ?? controlMarkup(name, spec, (values as Record<string, number | string | boolean>)[name]!);
    rows[spec.secondary ? 'secondary' : 'primary'].push(markup);
  }
  const grid = (items: string[]) => `<div class="tk-controls">\n${items.join('\n')}\n</div>`;
  const more =
    rows.secondary.length > 0
      ? `\n<details class="tk-more"><summary>${escapeHtml(options.moreLabel ?? 'More settings')}</summary>\n${grid(rows.secondary)}\n</details>`
      : '';
  return `<div class="tk-controls-box">\n${rows.primary.length > 0 ? grid(rows.primary) : ''}${more}\n</div>`;
}
