import { expect, test, type Page } from '@playwright/test';
import { runEnds, serveSyntheticPool, watchErrors } from './helpers';

const TINY = '/?levels=2&problems=1&n=8&k=4&backend=wasm&s=majority';
const url = (page: Page) => new URL(page.url()).searchParams;

test.describe('talk-mode keys', () => {
  test('← and → halve and double the budget', async ({ page }) => {
    await page.goto(TINY);
    await runEnds(page, 'done');
    await page.locator('body').press('ArrowLeft');
    await expect(page.getByTestId('budget-value')).toHaveText('k = 2');
    await page.locator('body').press('ArrowRight');
    await page.locator('body').press('ArrowRight');
    await expect(page.getByTestId('budget-value')).toHaveText('k = 8');
    expect(url(page).get('k')).toBe('8');
  });

  test('space plays and pauses the search tree', async ({ page }) => {
    await page.goto(`${TINY}&verifier=oracle&tn=4`);
    await page.getByTestId('tab-search').click();
    await page.getByTestId('run-search').click();
    const play = page.getByTestId('tree-play');
    const events = async () =>
      Number((await page.getByTestId('tree-progress').innerText()).split('/')[0]);
    await page.getByTestId('tree-end').click({ timeout: 60_000 });
    await expect(play).toHaveAttribute('data-playing', 'false');
    const end = await events();
    // Space on a focused button presses it; the shortcut is for the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // At the end, space replays from the first round; again, it pauses there.
    await page.locator('body').press(' ');
    await page.locator('body').press(' ');
    await expect(play).toHaveAttribute('data-playing', 'false');
    const paused = await events();
    expect(paused).toBeLessThan(end);
    // Space plays on: the search moves forward from where it paused.
    await page.locator('body').press(' ');
    await expect.poll(events).toBeGreaterThan(paused);
  });

  test('f goes full screen and back', async ({ page }) => {
    await page.goto(TINY);
    await page.locator('body').press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.locator('body').press('f');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
  });

  test('? opens the key map and Esc closes it', async ({ page }) => {
    await page.goto(TINY);
    await page.locator('body').press('?');
    await expect(page.getByTestId('help')).toContainText('next slide of the deck');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help')).toHaveCount(0);
  });

  test('t switches talk mode, and Page Down / Page Up step through the deck', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(TINY);
    await runEnds(page, 'done');
    await page.locator('body').press('t');
    await expect(page.getByTestId('app')).toHaveAttribute('data-talk', 'true');
    expect(url(page).get('talk')).toBe('1');
    await page.locator('body').press('PageDown');
    const slide = page.getByTestId('slide');
    await expect(slide).toContainText('1/7 · Coverage keeps climbing');
    // The slide is the preset: its settings are in the link, and it runs.
    expect(url(page).get('levels')).toBe('3-4');
    await page.getByTestId('cancel').click();
    await page.locator('body').press('PageDown');
    await expect(slide).toContainText('2/7');
    await page.getByTestId('cancel').click();
    await page.locator('body').press('PageUp');
    await expect(slide).toContainText('1/7');
    await page.getByTestId('cancel').click();
    expect(errors).toEqual([]);
  });

  test('a deck file named by the link gives the slides, and stays in the link', async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`${TINY}&deck=/decks/tour.json&talk=1`);
    const slide = page.getByTestId('slide');
    await expect(slide).toContainText('4 slides of the /decks/tour.json deck');
    // n / p: the same as Page Down / Page Up (what clickers send).
    await page.locator('body').press('n');
    await expect(slide).toContainText('1/4 · Sampling more finds more answers');
    expect(url(page).get('deck')).toBe('/decks/tour.json');
    expect(url(page).get('verifier')).toBe('none');
    await page.getByTestId('cancel').click();
    await page.locator('body').press('n');
    await expect(slide).toContainText('2/4');
    await page.getByTestId('cancel').click();
    await page.locator('body').press('p');
    await expect(slide).toContainText('1/4');
    await page.getByTestId('cancel').click();
    expect(errors).toEqual([]);
  });

  test('1–8 switch strategies', async ({ page }) => {
    await page.goto(TINY);
    await page.locator('body').press('2');
    await expect(page.getByTestId('strategy-bon')).toBeChecked();
    expect(url(page).get('s')).toBe('majority,bon');
  });
});

test('a clean link hides the chosen panels; “Show all panels” brings them back', async ({
  page,
  browser,
}) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(TINY);
  await page.getByTestId('clean-link').locator('summary').click();
  await page.getByTestId('clean-hide-problem').check(); // controls is ticked by default
  await page.getByTestId('copy-clean-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.get('hide')).toBe('controls,problem');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByTestId('chart').or(other.getByTestId('chart-empty'))).toBeVisible();
  await expect(other.locator('.panel-controls')).toHaveCount(0);
  await expect(other.locator('.panel-problem')).toHaveCount(0);
  await other.getByTestId('show-all').click();
  await expect(other.locator('.panel-controls')).toHaveCount(1);
  await fresh.close();
});

test('on a 1280×720 projector, talk mode shows every strategy’s accuracy without scrolling', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await serveSyntheticPool(page, '/pools/talk.json', { problems: 6, samples: 16, seed: 2 });
  const every = 'majority,bon,weighted,bom,early-stop,confidence-min,confidence-mean,first-finish';
  await page.goto(`/?talk=1&k=8&s=${every}&pool=/pools/talk.json`);
  const rows = page.locator('[data-testid^="legend-"]');
  await expect(rows).toHaveCount(9); // the eight and the oracle ceiling
  const panel = await page.locator('.panel-chart').evaluate((el) => ({
    scrolls: el.scrollHeight > el.clientHeight + 1,
    bottom: el.getBoundingClientRect().bottom,
  }));
  expect(panel.scrolls).toBe(false);
  for (const row of await rows.all()) {
    const box = (await row.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(panel.bottom);
    // The number is whole (a long label is what gives way).
    const num = row.locator('td.num').first();
    expect(await num.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expect(num).toHaveText(/^\d+\.\d%$/);
  }
});
