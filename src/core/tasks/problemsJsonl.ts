/**
 * Bring your own problems: JSON Lines of `{"question": …, "answer": …}` with optional `id` and
 * `difficulty` (1–5). Every line is read on its own: bad lines are reported with their number and
 * reason and good lines are kept, so one typo never loses a file. Never throws.
 */
import type { Problem } from '../types';
import { arithFromQuestion } from './arith/fromQuestion';

export const MAX_JSONL_BYTES = 5 << 20;
export const MAX_JSONL_PROBLEMS = 500;

export interface JsonlResult {
  problems: Problem[];
  errors: { line: number; reason: string }[];
}

export function parseProblemsJsonl(text: string): JsonlResult {
  const problems: Problem[] = [];
  const errors: JsonlResult['errors'] = [];
  if (text.length > MAX_JSONL_BYTES) {
    errors.push({ line: 0, reason: `the file is larger than ${MAX_JSONL_BYTES >> 20} MB` });
    return { problems, errors };
  }
  const ids = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const fail = (reason: string) => errors.push({ line: i + 1, reason });
    if (problems.length >= MAX_JSONL_PROBLEMS) {
      fail(`more than ${MAX_JSONL_PROBLEMS} problems; the rest are not read`);
      break;
    }
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      fail('not valid JSON');
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      fail('expected an object like {"question": "…", "answer": "…"}');
      continue;
    }
    const r = row as Record<string, unknown>;
    if (typeof r.question !== 'string') {
      fail('"question" must be a string');
      continue;
    }
    if (typeof r.answer !== 'string' && typeof r.answer !== 'number') {
      fail('"answer" must be a string or a number');
      continue;
    }
    let level: number | undefined;
    if (r.difficulty !== undefined) {
      if (
        !Number.isInteger(r.difficulty) ||
        (r.difficulty as number) < 1 ||
        (r.difficulty as number) > 5
      ) {
        fail('"difficulty" must be a whole number from 1 to 5');
        continue;
      }
      level = r.difficulty as number;
    }
    let id = `line-${i + 1}`;
    if (r.id !== undefined) {
      if (typeof r.id !== 'string' || !/^[\w.-]{1,64}$/.test(r.id)) {
        fail('"id" must be 1–64 letters, digits, _ . or -');
        continue;
      }
      id = r.id;
    }
    if (ids.has(id)) {
      fail(`the id ${JSON.stringify(id)} is used twice`);
      continue;
    }
    const p = arithFromQuestion(r.question, String(r.answer), id, level);
    if (typeof p === 'string') {
      fail(p);
      continue;
    }
    ids.add(id);
    problems.push(p);
  }
  return { problems, errors };
}
