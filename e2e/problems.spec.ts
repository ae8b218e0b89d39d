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

test('a pasted MATH-format set survives a reload: same problems, no message, hostile text inert', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/?problems=1&n=2&k=2&backend=wasm&s=majority&verifier=oracle');
  await runEnds(page, 'done');
  await page.getByTestId('task').selectOption('math');
  await page.getByTestId('problems-import').locator('summary').click();
  await page.getByTestId('problems-jsonl').fill(
    [
      JSON.stringify({
        problem: 'What is $\\frac{1}{2} + \\frac{1}{3}$? <img src=x onerror=alert(1)>',
        solution: 'We get $\\boxed{\\frac{5}{6}}$.',
        level: 'Level 2',
      }),
      JSON.stringify({ question: 'How many legs do 3 spiders have?', answer: '#### 24' }),
      JSON.stringify({ problem: 'No answer here', solution: 'none' }),
    ].join('\n'),
  );
  await expect(page.getByTestId('problems-errors')).toContainText(
    'Line 3: the MATH solution has no',
  );
  await page.getByTestId('problems-use').click();
  const custom = new URL(page.url()).searchParams.get('custom');
  expect(custom).toMatch(/^[0-9a-f]{8}$/);
  const panel = page.locator('.panel-problem');
  await expect(panel).toContainText('What is');
  await expect(panel).toContainText('<img src=x onerror=alert(1)>'); // as text
  await expect(panel.locator('.katex').first()).toBeVisible(); // the formula, typeset

  await page.reload();
  await expect(page.getByTestId('task')).toHaveValue('math');
  expect(new URL(page.url()).searchParams.get('custom')).toBe(custom);
  await expect(panel).toContainText('What is');
  await page.getByTestId('raw-math').check();
  await expect(panel).toContainText('$\\frac{1}{2} + \\frac{1}{3}$');
  await expect(page.getByTestId('link-messages')).toHaveCount(0);
  expect(await page.locator('img').count()).toBe(0);
  expect(errors).toEqual([]);
});
