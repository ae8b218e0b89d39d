import { expect, test } from '@playwright/test';
import { runEnds, watchErrors } from './helpers';

test('pasted JSONL problems: bad lines reported by number, good ones drawn and shown as text', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/?problems=1&n=2&k=2&backend=wasm&s=majority&verifier=oracle');
  await runEnds(page, 'done');
  await page.getByTestId('problems-import').locator('summary').click();
  await page
    .getByTestId('problems-jsonl')
    .fill(
      [
        '{"id": "mine-1", "question": "(12+7)*3", "answer": "57"}',
        '{"question": "2+3*4", "answer": "14"}',
        '{"question": "<img src=x onerror=alert(1)>", "answer": 1}',
        'oops',
        '{"id": "mine-2", "question": "40-13+5", "answer": 32, "difficulty": 2}',
      ].join('\n'),
    );
  const list = page.getByTestId('problems-errors');
  await expect(list).toContainText('Line 2: write it as the task does, left to right');
  await expect(list).toContainText('Line 3: only digits');
  await expect(list).toContainText('Line 4: not valid JSON');
  await page.getByTestId('problems-use').click();
  expect(new URL(page.url()).searchParams.get('custom')).toMatch(/^[0-9a-f]{8}$/);
  await page.getByTestId('run').click();
  await runEnds(page, 'done');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-problems', '2');
  await expect(page.locator('.panel-problem')).toContainText('(12+7)*3');
  expect(await page.locator('img').count()).toBe(0);
  expect(errors).toEqual([]);
});
