import { chromium } from '@playwright/test';
const [,, path, out, width = '1280', theme = 'light', sel = '', wait = '4000', clicks = ''] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
const page = await browser.newPage({ viewport: { width: +width, height: 900 } });
await page.goto('http://localhost:4399' + path);
await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
if (sel) { await page.locator(sel).first().scrollIntoViewIfNeeded(); }
for (const c of clicks.split('|').filter(Boolean)) { await page.locator(c).first().click(); await page.waitForTimeout(1500); }
await page.waitForTimeout(+wait);
if (sel) await page.locator(sel).first().screenshot({ path: out }); else await page.screenshot({ path: out, fullPage: false });
await browser.close();
