import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/** Links strangers may send (one query string per line; `#` lines are comments). */
const LINKS = readFileSync('e2e/fixtures/hostile-urls.txt', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.startsWith('#'));

test(`${LINKS.length} hostile links: each opens with a message, no uncaught error, no dialog, no injected element`, async ({
  page,
}) => {
  test.setTimeout(240_000);
  expect(LINKS.length).toBeGreaterThanOrEqual(50);
  const problems: string[] = [];
  let link = '';
  page.on('pageerror', (e) => problems.push(`${link}: uncaught ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`${link}: a ${d.type()} dialog opened`);
    void d.dismiss();
  });
  await page.goto('/?problems=1&n=1&k=1');
  await expect(page.getByTestId('chart-empty').or(page.getByTestId('chart'))).toBeVisible();
  const scripts = await page.locator('script').count();
  for (const q of LINKS) {
    link = q;
    await page.goto(`/?${q}`);
    await expect(page.getByTestId('link-messages'), q).toBeVisible();
    const injected = await page
      .locator('img, iframe, object, embed, [onerror], [onload], a[href^="javascript"]')
      .count();
    if (injected > 0) problems.push(`${q}: ${injected} injected elements`);
    const now = await page.locator('script').count();
    if (now !== scripts) problems.push(`${q}: ${now - scripts} extra scripts`);
  }
  expect(problems).toEqual([]);
});
