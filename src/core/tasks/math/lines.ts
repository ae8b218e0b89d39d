/**
 * Math problems people bring, one JSON object per line, in the formats they come in (docs/math.md):
 * - `{"question", "answer"}` (optional `id`, `level` 1–5);
 * - GSM8K: `{"question", "answer"}` whose answer is a worked solution ending in a `#### N` line — the
 *   number after `####` is the answer, the solution above it the reference solution;
 * - MATH (Hendrycks et al.): `{"problem", "solution", "level": "Level 3", "type"}` — the answer is
 *   the solution's last `\boxed{…}`.
 * A line is read into a problem, or gives the reason it cannot be one.
 */
import type { Problem } from '../../types';
import { lastBoxed } from './extract';
import { normalizeMathAnswer } from './normalize';

export type MathLineFormat = 'plain' | 'gsm8k' | 'math';

const ID = /^[A-Za-z0-9_.-]{1,64}$/;
const MAX_TEXT = 100_000;

const has = (row: object, key: string) => Object.hasOwn(row, key);

export function mathProblemFromLine(
  row: Record<string, unknown>,
  line: number,
): { problem: Problem; format: MathLineFormat } | string {
  if (has(row, 'id') && (typeof row.id !== 'string' || !ID.test(row.id)))
    return '"id" must be 1–64 letters, digits, _ . or -';
  const id = (row.id as string | undefined) ?? `line-${line}`;
  let question: unknown;
  let answer: string | null;
  let steps: string[] = [];
  let level = 0;
  let format: MathLineFormat;
  if (has(row, 'problem') || has(row, 'solution')) {
    format = 'math';
    question = row.problem;
    if (typeof row.solution !== 'string') return 'a MATH line needs "solution" as text';
    answer = lastBoxed(row.solution);
    if (answer === null) return 'the MATH solution has no \\boxed{…} answer';
    steps = [row.solution];
    if (has(row, 'level')) {
      const m = typeof row.level === 'string' ? /^Level ([1-5])$/.exec(row.level) : null;
      if (!m) return '"level" must be "Level 1" … "Level 5"';
      level = Number(m[1]);
    }
  } else {
    question = row.question;
    if (typeof row.answer === 'number' && Number.isFinite(row.answer)) answer = String(row.answer);
    else if (typeof row.answer === 'string') answer = row.answer;
    else return '"answer" must be text or a number';
    const marker = answer.lastIndexOf('####');
    format = marker >= 0 ? 'gsm8k' : 'plain';
    if (marker >= 0) {
      steps = [answer.slice(0, marker).trim()].filter((s) => s !== '');
      answer = answer.slice(marker + 4).trim();
    }
    if (has(row, 'level')) {
      if (!Number.isInteger(row.level) || (row.level as number) < 1 || (row.level as number) > 5)
        return '"level" must be a whole number from 1 to 5';
      level = row.level as number;
    }
  }
  if (typeof question !== 'string' || question.trim() === '')
    return format === 'math' ? '"problem" must be text' : '"question" must be text';
  if (question.length > MAX_TEXT) return `the question is longer than ${MAX_TEXT} characters`;
  const normalized = normalizeMathAnswer(answer);
  if (normalized === null) return 'the answer is empty';
  return {
    format,
    problem: {
      id,
      task: 'math',
      level,
      question: question.trim(),
      answer: normalized,
      steps,
      seed: 0,
    },
  };
}
