/**
 * Errors shown inside a widget in plain words: what happened, what to do, and
 * optional buttons to recover (e.g. "Continue on CPU").
 */
export interface ErrorAction {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  /** Why the action is disabled, shown next to it. */
  disabledReason?: string;
}

export interface ErrorDetails {
  title: string;
  message: string;
  hint?: string;
  actions?: ErrorAction[];
}

export function showError(panel: HTMLElement, details: ErrorDetails): void {
  const title = document.createElement('p');
  title.className = 'tk-error__title';
  title.textContent = details.title;
  const message = document.createElement('p');
  message.textContent = details.message;
  const children: HTMLElement[] = [title, message];
  if (details.hint) {
    const hint = document.createElement('p');
    hint.className = 'tk-error__hint';
    hint.textContent = details.hint;
    children.push(hint);
  }
  if (details.actions && details.actions.length > 0) {
    const actions = document.createElement('div');
    actions.className = 'tk-actions';
    for (const a of details.actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'tk-button';
      button.textContent = a.disabled && a.disabledReason ? `${a.label} (${a.disabledReason})` : a.label;
      button.disabled = a.disabled ?? false;
      button.addEventListener('click', a.onClick, { once: true });
      actions.append(button);
    }
    children.push(actions);
  }
  panel.replaceChildren(...children);
  panel.hidden = false;
}

export function clearError(panel: HTMLElement): void {
  panel.replaceChildren();
  panel.hidden = true;
}
