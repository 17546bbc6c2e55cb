import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { LESSON, TFJS_SIGNATURE } from './helpers.ts';

/** The lessons checked: Start here, the image lesson, the two from-scratch lessons (the neuron, the network), three of the supervised lessons (the layers API, inspect and tune, adversarial examples), the two unsupervised lessons and the Q-learning lesson. */
const LESSONS = [
  LESSON,
  './lessons/images-are-matrices/',
  './lessons/neuron-from-scratch/',
  './lessons/network-from-scratch/',
  './lessons/layers-api/',
  './lessons/inspect-and-tune/',
  './lessons/adversarial-examples/',
  './lessons/clustering-and-pca/',
  './lessons/autoencoders/',
  './lessons/q-learning-snake/',
] as const;

/** A lesson page ships at most this much gzipped JavaScript before the reader starts a widget. */
const BUDGET_BYTES = 60 * 1024;

const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** The site's own fonts (src/styles/fonts.css: prose, interface and code faces, Latin woff2) a lesson may download; KaTeX's are apart. */
const FONT_BUDGET_BYTES = 150 * 1024;

for (const lesson of LESSONS) {
  test(`${lesson} ships at most 60 KB of gzipped JavaScript, no TensorFlow.js before a widget starts, and at most 150 KB of site fonts @subpath`, async ({
    page,
  }) => {
    const scripts: { url: string; body: Buffer }[] = [];
    const fonts: { url: string; bytes: number }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      const url = response.url();
      if (type === 'font') pending.push(response.body().then((body) => void fonts.push({ url, bytes: body.length })));
      const looksLikeJs = /\.m?js(\?|$)/.test(new URL(url).pathname) || /javascript/.test(response.headers()['content-type'] ?? '');
      if (type === 'script' || looksLikeJs) {
        pending.push(
          response.body().then(
            (body) => void scripts.push({ url, body }),
            () => void scripts.push({ url, body: Buffer.alloc(0) }),
          ),
        );
      }
    });

    await page.goto(lesson);
    await page.waitForLoadState('networkidle');
    // Read to the end: anything loaded lazily on scroll counts too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    await Promise.all(pending);

    // Scripts inlined in the HTML count as well.
    const inline = await page.$$eval('script:not([src])', (els) =>
      els
        .filter((el) => ['', 'module', 'text/javascript', 'application/javascript'].includes((el.getAttribute('type') ?? '').toLowerCase()))
        .map((el) => el.textContent ?? ''),
    );

    const rows = scripts.map(({ url, body }) => ({ file: new URL(url).pathname, raw: body.length, gzip: gz(body) }));
    if (inline.length > 0) rows.push({ file: `(${inline.length} inline scripts)`, raw: inline.join('').length, gzip: gz(inline.join('\n')) });
    const total = rows.reduce((sum, r) => sum + r.gzip, 0);

    const table = rows.map((r) => `  ${String(r.gzip).padStart(7)} B gz  ${String(r.raw).padStart(8)} B  ${r.file}`).join('\n');
    const summary = `JavaScript on ${lesson}: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_BYTES / 1024} KB)\n${table}`;
    console.log(summary);
    test.info().annotations.push({ type: 'js-budget', description: `${(total / 1024).toFixed(1)} KB gzipped` });

    const tfjs = scripts.filter(({ body }) => body.includes(TFJS_SIGNATURE)).map(({ url }) => url);
    expect(tfjs, 'TensorFlow.js must not load before the reader starts a widget').toEqual([]);
    expect(await page.evaluate(() => 'tf' in window)).toBe(false);
    expect(total, summary).toBeLessThanOrEqual(BUDGET_BYTES);

    // Fonts (woff2 is compressed already: counted as sent). The site's faces have a budget; KaTeX's are reported.
    const isKatex = (url: string) => /KaTeX_/.test(url);
    const siteFonts = fonts.filter((f) => !isKatex(f.url));
    const siteBytes = siteFonts.reduce((sum, f) => sum + f.bytes, 0);
    const katexBytes = fonts.filter((f) => isKatex(f.url)).reduce((sum, f) => sum + f.bytes, 0);
    const fontSummary =
      `Fonts on ${lesson}: site ${siteBytes} B in ${siteFonts.length} files (budget ${FONT_BUDGET_BYTES / 1024} KB), KaTeX ${katexBytes} B\n` +
      siteFonts.map((f) => `  ${String(f.bytes).padStart(7)} B  ${new URL(f.url).pathname}`).join('\n');
    console.log(fontSummary);
    test.info().annotations.push({ type: 'font-bytes', description: `site ${siteBytes} B, KaTeX ${katexBytes} B` });
    expect(siteFonts.length, 'the lesson loads the site fonts').toBeGreaterThan(0);
    expect(siteBytes, fontSummary).toBeLessThanOrEqual(FONT_BUDGET_BYTES);
  });
}
