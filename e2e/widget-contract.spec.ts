import { readdirSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { lessonPath } from '../src/lib/content/course.ts';

/**
 * The widget contract (src/widgets/README.md), checked on every `tk-*` element of every lesson:
 *   - it says what it is doing: `data-state` is one of idle | loading | running | done | error;
 *   - it has a `role="status"` region (inside it, or one it points at with aria-describedby / aria-controls),
 *     so that a screen reader hears what happens;
 *   - every control in it (button, input, select, textarea, [tabindex]) has an accessible name;
 *   - every enabled, visible control is reachable with the keyboard: tabbing through the widget reaches it
 *     (a radio group counts once; a control with tabindex="-1" inside a composite widget — a grid, a radio
 *     group, a toolbar, a tab list, a list box — counts when the Tab key reaches that composite, whose
 *     arrow keys move within it).
 * The lessons are the files of content/lessons/ (a new lesson is checked without editing this file), and the
 * first test makes sure that the course map links to no lesson beyond them.
 */

const LESSONS = readdirSync(new URL('../content/lessons/', import.meta.url))
  .filter((file) => file.endsWith('.mdx'))
  .sort()
  .map((file) => `./${lessonPath(file.replace(/\.mdx$/, ''))}`);

const STATES = ['idle', 'loading', 'running', 'done', 'error'];

async function lessonPaths(page: Page): Promise<string[]> {
  await page.goto('./');
  const hrefs = await page.locator('a[href*="lessons/"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const paths = [...new Set(hrefs.map((href) => new URL(href).pathname).filter((p) => /\/lessons\/[^/]+\/$/.test(p)))];
  return paths.map((p) => `.${p.slice(p.indexOf('/lessons/'))}`);
}

interface Control {
  /** A readable description of the control, for the failure messages. */
  label: string;
  /** The accessible name as the page computes it (a close approximation of accname). */
  name: string;
  /** Whether the Tab key should reach it, and by which rule. */
  reach: 'tab' | 'radio-group' | 'composite' | 'none';
  /** The key of its radio group or composite (reach = radio-group | composite). */
  group: string;
}

/** Runs in the page: the widget's state, status regions and controls. Marks each control with data-contract-id. */
function describeWidget(el: Element): { tag: string; state: string | null; hasStatus: boolean; controls: Control[] } {
  const root = el as HTMLElement;
  const byId = (id: string) => root.ownerDocument.getElementById(id);
  const isStatus = (node: Element | null) => !!node && (node.getAttribute('role') === 'status' || node.localName === 'output');
  const owned = [root, ...root.querySelectorAll('[aria-describedby], [aria-controls]')].flatMap((node) =>
    `${node.getAttribute('aria-describedby') ?? ''} ${node.getAttribute('aria-controls') ?? ''}`.split(/\s+/).filter(Boolean),
  );
  const hasStatus = !!root.querySelector('[role="status"], output') || owned.some((id) => isStatus(byId(id)));

  const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (c: HTMLElement): string => {
    const labelledby = c.getAttribute('aria-labelledby');
    if (labelledby)
      return labelledby
        .split(/\s+/)
        .map((id) => text(byId(id)))
        .join(' ')
        .trim();
    const aria = c.getAttribute('aria-label');
    if (aria?.trim()) return aria.trim();
    const labels = (c as HTMLInputElement).labels;
    if (labels && labels.length)
      return [...labels]
        .map((l) => text(l))
        .join(' ')
        .trim();
    if (c instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(c.type)) return c.value.trim();
    if (
      c.localName === 'button' ||
      ['button', 'tab', 'link', 'option', 'menuitem', 'radio', 'checkbox', 'gridcell', 'cell'].includes(c.getAttribute('role') ?? '')
    ) {
      const alt = [...c.querySelectorAll('img[alt]')].map((img) => img.getAttribute('alt')).join(' ');
      const own = `${text(c)} ${alt}`.trim();
      if (own) return own;
    }
    return (c.getAttribute('title') ?? '').trim();
  };

  const COMPOSITE = '[role="grid"], [role="radiogroup"], [role="toolbar"], [role="tablist"], [role="listbox"], [role="menu"], [role="tree"]';
  const controls: Control[] = [];
  // [tabindex="-1"] on a plain element (a heading or a paragraph that a widget moves focus to) is a focus
  // target, not a control; with an interactive role it is a control (a grid cell, a radio, a tab).
  const INTERACTIVE = /^(button|checkbox|gridcell|link|menuitem|option|radio|slider|spinbutton|switch|tab|textbox|treeitem)$/;
  const candidates = [...root.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]')].filter(
    (c) =>
      !(c instanceof HTMLInputElement && c.type === 'hidden') &&
      (/^(button|input|select|textarea)$/.test(c.localName) || c.tabIndex >= 0 || INTERACTIVE.test(c.getAttribute('role') ?? '')),
  );
  candidates.forEach((c, i) => {
    c.dataset.contractId = String(i);
    const visible = c.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && !c.closest('[inert]');
    const enabled = !c.matches(':disabled') && c.getAttribute('aria-disabled') !== 'true'; // a disabled <fieldset> disables its controls
    const id = c.id ? `#${c.id}` : '';
    const label = `<${c.localName}${id}${c.getAttribute('type') ? ` type=${c.getAttribute('type')}` : ''}> "${text(c).slice(0, 40)}"`;
    let reach: Control['reach'] = 'tab';
    let group = '';
    if (!visible || !enabled) reach = 'none';
    else if (c instanceof HTMLInputElement && c.type === 'radio' && c.name) {
      reach = 'radio-group';
      group = `radio:${c.name}`;
    } else if (c.tabIndex < 0) {
      const composite = c.parentElement?.closest(COMPOSITE);
      if (composite && root.contains(composite)) {
        reach = 'composite';
        composite.setAttribute('data-contract-composite', composite.getAttribute('data-contract-composite') ?? String(i));
        group = `composite:${composite.getAttribute('data-contract-composite')}`;
      } else reach = 'tab'; // tabindex="-1" outside a composite: nothing brings the keyboard there
    }
    controls.push({ label, name: nameOf(c), reach, group });
  });
  return { tag: root.localName, state: root.getAttribute('data-state'), hasStatus, controls };
}

/** Tabs from just before the widget until focus leaves it; returns the keys of what was reached. */
async function tabThrough(page: Page, widget: Locator, budget: number): Promise<Set<string>> {
  await widget.evaluate((el) => {
    const before = document.createElement('button');
    before.textContent = 'before';
    before.dataset.contractSentinel = 'before';
    el.before(before);
    before.focus();
  });
  const reached = new Set<string>();
  let stuck = 0;
  for (let i = 0; i < budget; i++) {
    await page.keyboard.press('Tab');
    const where = await widget.evaluate((el) => {
      const active = document.activeElement as HTMLElement | null;
      if (!active || !el.contains(active)) return { inside: false, keys: [] as string[] };
      const keys: string[] = [];
      if (active.dataset.contractId) keys.push(`id:${active.dataset.contractId}`);
      if (active instanceof HTMLInputElement && active.type === 'radio' && active.name) keys.push(`radio:${active.name}`);
      const composite = active.closest('[data-contract-composite]');
      if (composite) keys.push(`composite:${composite.getAttribute('data-contract-composite')}`);
      return { inside: true, keys };
    });
    if (!where.inside) break;
    const before = reached.size;
    for (const key of where.keys) reached.add(key);
    // A code editor keeps Tab for indenting: Escape then Tab moves on (CodeMirror's convention).
    stuck = reached.size === before ? stuck + 1 : 0;
    if (stuck >= 2) await page.keyboard.press('Escape');
  }
  await page.evaluate(() => document.querySelectorAll('[data-contract-sentinel]').forEach((s) => s.remove()));
  return reached;
}

test.describe('widget contract', () => {
  test('every lesson on the course map is checked', async ({ page }) => {
    const linked = await lessonPaths(page);
    expect(linked.length, 'lessons linked from the course map').toBeGreaterThanOrEqual(4);
    for (const path of linked) expect(LESSONS, 'content/lessons/ gives the list below').toContain(path);
  });

  for (const path of LESSONS) {
    test(`every tk-* widget on ${path} keeps the contract`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const tags = await page.evaluate(() => [
        ...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('tk-'))),
      ]);
      // Give each custom element's script (they load lazily) five seconds to define it; a tk-* element that no
      // script defines (a static one such as tk-state-count, rendered at build time) is checked as it is.
      await page.evaluate(
        (names) =>
          Promise.all(
            names.map((n) =>
              Promise.race([customElements.whenDefined(n).then(() => ''), new Promise<string>((resolve) => setTimeout(() => resolve(n), 5_000))]),
            ),
          ),
        tags,
      );
      const widgets = page.locator(tags.join(', ') || 'tk-none');
      const count = await widgets.count();
      const problems = new Set<string>();
      for (let i = 0; i < count; i++) {
        const widget = widgets.nth(i);
        await widget.scrollIntoViewIfNeeded();
        // A widget may replace a control when it gets focus (the code cell swaps its static code for the editor):
        // then it is described and tabbed through once more, and the second pass must reach everything.
        for (let pass = 0; pass < 2; pass++) {
          const info = await widget.evaluate(describeWidget);
          const where = `${info.tag} #${i + 1}`;
          if (!STATES.includes(info.state ?? ''))
            problems.add(`${where}: data-state is ${JSON.stringify(info.state)}, not one of ${STATES.join('|')}`);
          if (!info.hasStatus) problems.add(`${where}: no role="status" region`);
          for (const c of info.controls) if (!c.name) problems.add(`${where}: ${c.label} has no accessible name`);
          const expected = info.controls.filter((c) => c.reach !== 'none');
          if (expected.length === 0) break;
          const reached = await tabThrough(page, widget, expected.length * 3 + 20);
          const replaced = await widget.evaluate((el, n) => el.querySelectorAll('[data-contract-id]').length < n, info.controls.length);
          if (replaced && pass === 0) continue;
          info.controls.forEach((c, index) => {
            if (c.reach === 'none') return;
            const key = c.reach === 'tab' ? `id:${index}` : c.group;
            if (!reached.has(key)) problems.add(`${where}: ${c.label} is not reached with the Tab key`);
          });
          break;
        }
      }
      expect([...problems], `widget contract on ${path}`).toEqual([]);
    });
  }
});
