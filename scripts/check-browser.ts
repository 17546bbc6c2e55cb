/**
 * Finds the Chromium the end-to-end tests run in, and says how to get one when there is none.
 *
 *   node scripts/check-browser.ts    exit 0 and print the browser found, or exit 1 with instructions
 *
 * Order: $CHROMIUM_PATH, then /usr/bin/chromium (Debian/Ubuntu package), then the browser
 * Playwright manages itself (`npx playwright install chromium`). playwright.config.ts uses
 * the same `findChromium()`, so the check and the tests never disagree.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for headless Chromium on a machine without a GPU or a network: no sandbox (root in CI),
 * no background traffic to Google's hosts, and WebGL through SwiftShader (software, slow but correct).
 */
export const CHROMIUM_TEST_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-swiftshader',
];

export type ChromiumChoice =
  { kind: 'env'; path: string } | { kind: 'system'; path: string } | { kind: 'managed'; path: string } | { kind: 'none'; reason: string };

export interface FindOptions {
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  /** Where Playwright's own Chromium would be; may throw when Playwright cannot tell. */
  managedPath?: () => string;
}

/**
 * Decides which Chromium to use. Only `env` and `system` give an executablePath to
 * Playwright; `managed` means "let Playwright launch its own browser".
 */
export function findChromium(options: FindOptions = {}): ChromiumChoice {
  const env = options.env ?? process.env;
  const exists = options.exists ?? existsSync;
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return { kind: 'env', path: fromEnv };
    return { kind: 'none', reason: `CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.` };
  }
  if (exists(SYSTEM_CHROMIUM)) return { kind: 'system', path: SYSTEM_CHROMIUM };
  if (options.managedPath) {
    try {
      const managed = options.managedPath();
      if (managed && exists(managed)) return { kind: 'managed', path: managed };
    } catch {
      // Playwright could not name a path for this platform: treat as not installed.
    }
  }
  return {
    kind: 'none',
    reason: `No Chromium found: CHROMIUM_PATH is not set, ${SYSTEM_CHROMIUM} does not exist and Playwright's own Chromium is not installed.`,
  };
}

export const HOW_TO_GET_CHROMIUM = [
  'The end-to-end tests need a Chromium. Any one of these will do:',
  '  - Debian/Ubuntu:  sudo apt-get install chromium        (installs /usr/bin/chromium)',
  "  - anywhere else:  npx playwright install chromium      (Playwright's own browser)",
  '  - or point CHROMIUM_PATH at a Chromium/Chrome binary:  CHROMIUM_PATH=/path/to/chrome npm test',
].join('\n');

async function main(): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const choice = findChromium({ managedPath: () => chromium.executablePath() });
  if (choice.kind === 'none') {
    console.error(`${choice.reason}\n\n${HOW_TO_GET_CHROMIUM}`);
    process.exit(1);
  }
  const label = { env: 'CHROMIUM_PATH', system: 'system Chromium', managed: "Playwright's Chromium" }[choice.kind];
  console.log(`Browser for end-to-end tests: ${choice.path} (${label})`);
}

// Run only when executed directly, not when imported by playwright.config.ts or a test.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
