import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, watchForProblems } from './helpers.ts';

/**
 * The k-means explorer (src/widgets/kmeans-explorer/, on the test-only page /dev/kmeans-explorer/):
 * a figure before any click; Step takes assignment and update as separate half-steps and Step back
 * undoes them; Run to convergence converges; the bad start leaves a cluster empty and re-seeds it;
 * a centroid moves from the keyboard; a click adds a point; the elbow plot is drawn; on the moons
 * DBSCAN beats k-means. Assertions read the element's data attributes and the status line, not pixels.
 */
const PAGE = './dev/kmeans-explorer/';
const WIDGET = 'tk-kmeans-explorer';

async function open(page: Page): Promise<Locator> {
  await page.goto(PAGE);
  await page.waitForFunction((w) => customElements.get(w) !== undefined, WIDGET);
  const widget = page.locator(WIDGET);
  await expect(widget).toHaveAttribute('data-step', 'start');
  return widget;
}

test.describe('k-means explorer', { tag: '@dev-pages' }, () => {
  test('a figure before any click: points, numbered centroids, DBSCAN and the elbow plot; axe clean in both themes', async ({ page }) => {
    const problems = watchForProblems(page);
    const widget = await open(page);
    await expect(widget.locator('[data-part="dots"] path')).toHaveCount(1); // not assigned yet: one grey group
    await expect(widget.locator('[data-centroid]')).toHaveCount(3);
    await expect(widget.locator('.tk-km__cell')).toHaveCount(3);
    await expect(widget.locator('.tk-km__elbow-dot')).toHaveCount(8);
    await expect(widget.locator('.tk-km__elbow-chosen')).toHaveCount(1);
    const elbow = (await widget.getAttribute('data-elbow'))!.split(',').map(Number);
    expect(elbow).toHaveLength(8);
    elbow.slice(1).forEach((v, i) => expect(v).toBeLessThan(elbow[i]!));
    await expect(widget.getByRole('status')).toHaveText(
      /^Ready: 240 points, k = 3, centroids placed by k-means\+\+ \(seed 1\)\. Next: each point joins/,
    );
    await expectNoAxeViolations(page, 'k-means explorer');
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    await expectNoAxeViolations(page, 'k-means explorer, dark');
    expect(problems).toEqual([]);
  });

  test('Step takes assignment and update separately, Step back undoes them, Run converges', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    const step = widget.getByRole('button', { name: 'Step', exact: true });
    const back = widget.getByRole('button', { name: 'Step back' });
    await expect(back).toBeDisabled();

    await step.click();
    await expect(widget).toHaveAttribute('data-step', 'assign');
    await expect(status).toHaveText(
      /^Assignment: each point joined its nearest centroid; 240 points changed cluster\. Inertia [\d.]+\. Next: each centroid moves/,
    );
    await expect(widget.locator('[data-part="dots"] path')).toHaveCount(3);
    const assigned = Number(await widget.getAttribute('data-inertia'));
    const centroid = widget.locator('[data-centroid="0"]');
    const before = await centroid.getAttribute('data-x');

    await step.click();
    await expect(widget).toHaveAttribute('data-step', 'update');
    await expect(widget).toHaveAttribute('data-iteration', '1');
    await expect(status).toHaveText(/^Update 1: each centroid moved to the mean of its points; the largest move was [\d.]+\. Inertia [\d.]+\./);
    expect(await centroid.getAttribute('data-x')).not.toBe(before);
    expect(Number(await widget.getAttribute('data-inertia'))).toBeLessThan(assigned);

    await back.click();
    await expect(widget).toHaveAttribute('data-step', 'assign');
    await expect(status).toHaveText(/^Back: Assignment:/);
    await expect(centroid).toHaveAttribute('data-x', before!);
    await back.click();
    await expect(widget).toHaveAttribute('data-step', 'start');
    await expect(back).toBeDisabled();

    await widget.getByRole('button', { name: 'Run to convergence' }).click();
    await expect(widget).toHaveAttribute('data-converged', 'true');
    await expect(widget).toHaveAttribute('data-state', 'done');
    await expect(status).toHaveText(/^Converged after \d+ iterations: no point changed cluster/);
    await expect(step).toBeDisabled();
    await back.click();
    await expect(widget).toHaveAttribute('data-converged', 'false');
  });

  test('the bad start leaves a cluster empty; its centroid stays, then jumps to the farthest point', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    await widget.locator('select[name="start"]').selectOption('bad');
    await expect(status).toHaveText(/^Ready: .* a bad start: one centroid far from every point/);
    const step = widget.getByRole('button', { name: 'Step', exact: true });
    await step.click();
    await expect(widget).toHaveAttribute('data-empty', '3');
    await expect(widget.locator('.tk-km__centroid--empty')).toHaveText(/empty/);
    await expect(status).toHaveText(/No point is nearest to the centroid of cluster 3: it is empty\./);
    const x = await widget.locator('[data-centroid="2"]').getAttribute('data-x');
    await step.click();
    await expect(status).toHaveText(/Cluster 3 had no point, so no mean: its centroid stayed where it was\./);
    await expect(widget.locator('[data-centroid="2"]')).toHaveAttribute('data-x', x!);
    await step.click();
    await expect(widget).toHaveAttribute('data-step', 'reseed');
    await expect(status).toHaveText(/^Re-seeded cluster 3: its centroid jumped to the point farthest from its own centroid/);
    expect(await widget.locator('[data-centroid="2"]').getAttribute('data-x')).not.toBe(x);
    await widget.getByRole('button', { name: 'Run to convergence' }).click();
    await expect(widget).toHaveAttribute('data-converged', 'true');
    await expect(widget).toHaveAttribute('data-empty', '');
  });

  test('on the moons k-means cuts across; DBSCAN finds both moons', async ({ page }) => {
    const widget = await open(page);
    await widget.locator('select[name="points"]').selectOption('moons');
    await expect(widget.locator('select[name="k"]')).toHaveValue('2'); // the moons come with k = 2
    await expect(widget).toHaveAttribute('data-dbscan-clusters', '2');
    const km = Number(await widget.getAttribute('data-kmeans-accuracy'));
    const db = Number(await widget.getAttribute('data-dbscan-accuracy'));
    expect(km).toBeLessThan(0.85);
    expect(db).toBeGreaterThan(0.98);
    await expect(widget.locator('[data-part="dbscan-caption"]')).toHaveText(
      /^Points in their own group's cluster: k-means \(k = 2\) \d+\.\d%, DBSCAN \d+\.\d%\./,
    );
  });

  test('a focused centroid moves with the arrow keys, a dragged one with the mouse; a click adds a point', async ({ page }) => {
    const widget = await open(page);
    const status = widget.getByRole('status');
    const centroid = widget.locator('[data-centroid="1"]');
    const x = Number(await centroid.getAttribute('data-x'));
    await centroid.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(widget).toHaveAttribute('data-step', 'move');
    await expect(status).toHaveText(/^You moved centroid 2 to \(/);
    await expect(widget.locator('[data-centroid="1"]')).toBeFocused();
    expect(Number(await widget.locator('[data-centroid="1"]').getAttribute('data-x'))).toBeCloseTo(x + 0.6, 2);
    await widget.getByRole('button', { name: 'Step back' }).click();
    await expect(widget).toHaveAttribute('data-step', 'start'); // the two presses were one move

    // A mouse drag moves it too, as one step.
    const mark = widget.locator('[data-centroid="0"] .tk-km__mark');
    await mark.scrollIntoViewIfNeeded();
    const box = (await mark.boundingBox())!;
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    const x0 = Number(await widget.locator('[data-centroid="0"]').getAttribute('data-x'));
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 20, cy, { steps: 4 });
    await page.mouse.move(cx + 40, cy, { steps: 4 });
    await page.mouse.up();
    await expect(status).toHaveText(/^You moved centroid 1 to \(/);
    expect(Number(await widget.locator('[data-centroid="0"]').getAttribute('data-x'))).toBeGreaterThan(x0 + 0.2);
    await expect(widget).toHaveAttribute('data-points', '240'); // the drag added no point
    await widget.getByRole('button', { name: 'Step back' }).click();
    await expect(widget).toHaveAttribute('data-step', 'start');

    await widget.getByRole('button', { name: 'Clear points' }).click();
    await expect(widget).toHaveAttribute('data-points', '0');
    await expect(status).toHaveText(/^3 clusters need at least 3 points; there are 0\. Click the plane/);
    const plane = widget.locator('[data-part="plane"]');
    for (const [x, y] of [
      [100, 100],
      [250, 200],
      [400, 120],
    ] as const) {
      await plane.click({ position: { x, y } });
    }
    await expect(widget).toHaveAttribute('data-points', '3');
    await expect(widget.locator('select[name="points"]')).toHaveValue('own');
    await expect(status).toHaveText(/^Ready: 3 points, k = 3/);
  });
});
