import { expect, test } from '@playwright/test';

test('the app shell loads with its panels and a real example problem', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?problems=1&n=1&k=1&verifier=none&backend=wasm&s=majority');
  await expect(page).toHaveTitle('TTC Playground');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('TTC Playground');
  for (const name of ['Experiment', 'Accuracy vs compute', 'Problem', 'By difficulty']) {
    await expect(page.getByRole('region', { name })).toBeVisible();
  }
  await expect(page.getByTestId('problem-text')).toHaveText(/^Q: [\d+\-*]+$/);
  await expect(page.getByTestId('reference')).toContainText(/^(\d+[+\-*]\d+=\d+\n)+A: \d+\n?$/);
  expect(errors).toEqual([]);
});

test('the backend badge names the WebGPU adapter (SwiftShader, software) when WebGPU is on', async ({
  page,
}) => {
  await page.goto('/');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'webgpu');
  await expect(badge).toContainText(/^WebGPU · .+/);
  await expect(badge).toContainText('(software)');
});

test('the backend badge says WASM, with the reason, when the browser has no WebGPU', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    delete (Navigator.prototype as { gpu?: unknown }).gpu;
  });
  await page.goto('/');
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveAttribute('data-backend', 'wasm');
  await expect(badge).toHaveText('WASM');
  await expect(badge).toHaveAttribute('title', 'this browser does not expose WebGPU');
});

test('the page is cross-origin isolated, so WASM threads can run', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
});

test('keys 1–8 toggle the strategies, and the choice is in the URL', async ({ page }) => {
  await page.goto('/?problems=1&n=1&k=1&verifier=none&backend=wasm&s=majority');
  await expect(page.getByTestId('strategy-majority')).toBeChecked();
  await page.keyboard.press('5'); // the fifth strategy in the list: early-stopping vote
  await expect(page.getByTestId('strategy-early-stop')).toBeChecked();
  await page.keyboard.press('1');
  await expect(page.getByTestId('strategy-majority')).not.toBeChecked();
  await expect(page).toHaveURL(/[?&]s=early-stop(&|$)/);
  await page.getByTestId('strategy-majority').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('strategy-majority')).toBeChecked();
});

test('back and forward walk through experiments; slider moves do not flood the history', async ({
  page,
}) => {
  await page.goto('/?problems=1&n=1&k=1&verifier=none&backend=wasm&s=majority');
  await page.getByTestId('verifier').selectOption('oracle');
  await expect(page).toHaveURL(/verifier=oracle/);
  await page.getByTestId('budget').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/k=4/);
  await page.getByTestId('verifier').selectOption('policy-confidence');
  await page.goBack();
  await expect(page.getByTestId('verifier')).toHaveValue('oracle');
  await expect(page.getByTestId('budget-value')).toHaveText('k = 4');
  await page.goBack();
  await expect(page.getByTestId('verifier')).toHaveValue('none');
  await expect(page.getByTestId('budget-value')).toHaveText('k = 1');
  await page.goForward();
  await expect(page.getByTestId('verifier')).toHaveValue('oracle');
});

test('the built app runs under its Content Security Policy, which blocks injected script', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => /Content Security Policy/i.test(m.text()) && violations.push(m.text()));
  await page.goto('/?levels=1&problems=1&n=2&k=2&backend=wasm&s=majority');
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toContain("'unsafe-eval'");
  await expect(page.getByTestId('run-bar')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  expect(violations).toEqual([]); // models, ORT's WASM and the workers all run under it
  const injected = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.append(script);
    return (window as { __injected?: boolean }).__injected ?? false;
  });
  expect(injected).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
