/** Recording Content-Security-Policy violations in the end-to-end tests (e2e/csp.spec.ts, e2e/headers.run.ts). */
import type { Page } from '@playwright/test';

export interface Violation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Records every `securitypolicyviolation` event of the page's documents from the first script on
 * (an init script, which the page's own policy does not apply to). Violations inside workers are
 * logged by the browser as console errors, which `watchForProblems` (e2e/helpers.ts) reports.
 */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: unknown[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
}

/** The violations recorded so far on the current document (see recordCspViolations). */
export async function cspViolations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: Violation[] }).__cspViolations ?? []);
}
