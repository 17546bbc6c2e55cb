/**
 * The backend `<select>`: Auto plus the four tfjs backends. Options the browser
 * cannot run are disabled and say why, in the option text and in a note below.
 */
import type { BackendRequest } from '../../workers/train/protocol.ts';
import { detectCapabilities, type Capabilities } from '../../tf/capabilities.ts';
import { escapeHtml } from './html.ts';

export const BACKEND_CHOICES: ReadonlyArray<{ value: BackendRequest; label: string }> = [
  { value: 'auto', label: 'Auto (recommended)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WebAssembly' },
  { value: 'cpu', label: 'CPU' },
];

/** Why a backend cannot be used here, or null when it can. */
export function unavailableReason(backend: BackendRequest, caps: Capabilities): string | null {
  switch (backend) {
    case 'webgpu':
      return caps.webgpu ? null : 'this browser has no WebGPU';
    case 'webgl':
      return caps.webgl ? null : 'this browser has no WebGL';
    case 'wasm':
      return caps.wasm ? null : 'this browser cannot run WebAssembly';
    default:
      return null;
  }
}

/** A labelled select; `name` is the form field name. */
export function backendPickerMarkup(selected: BackendRequest = 'auto', name = 'backend'): string {
  const options = BACKEND_CHOICES.map(
    (c) => `<option value="${c.value}"${c.value === selected ? ' selected' : ''}>${escapeHtml(c.label)}</option>`,
  ).join('');
  return (
    `<label class="tk-field"><span class="tk-field__label">Backend</span>` +
    `<select name="${escapeHtml(name)}" data-part="backend-picker">${options}</select></label>`
  );
}

/**
 * Disable the options this browser cannot run, label them with the reason and
 * write a one-line note (or hide the note when everything is available).
 * If the selected option becomes disabled, Auto is selected instead.
 */
export function applyCapabilities(select: HTMLSelectElement, caps: Capabilities, note: HTMLElement | null): void {
  const reasons: string[] = [];
  for (const option of Array.from(select.options)) {
    const choice = BACKEND_CHOICES.find((c) => c.value === option.value);
    if (!choice) continue;
    const reason = unavailableReason(choice.value, caps);
    option.disabled = reason !== null;
    option.textContent = reason ? `${choice.label} (unavailable)` : choice.label;
    if (reason) reasons.push(`${choice.label} is unavailable: ${reason}.`);
  }
  if (select.selectedOptions[0]?.disabled) select.value = 'auto';
  if (note) {
    note.textContent = reasons.join(' ');
    note.hidden = reasons.length === 0;
  }
}

/**
 * Detects what this browser can run and applies it to the widget's picker (`data-part="backend-picker"`)
 * and, where the widget has one, its note (`data-part="backend-note"`). Returns the capabilities, or
 * null when there is no picker or detection failed: detection is a nicety, so then every backend stays
 * selectable and the runtime falls back on its own.
 */
export function showAvailableBackends(root: ParentNode): Capabilities | null {
  const select = root.querySelector<HTMLSelectElement>('[data-part="backend-picker"]');
  if (!select) return null;
  try {
    const caps = detectCapabilities();
    applyCapabilities(select, caps, root.querySelector<HTMLElement>('[data-part="backend-note"]'));
    return caps;
  } catch {
    return null;
  }
}
