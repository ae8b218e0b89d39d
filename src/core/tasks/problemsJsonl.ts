/**
 * Bring your own problems: JSON Lines of `{"question": …, "answer": …}` with optional `id` and
 * `difficulty` (1–5). Every line is read on its own: bad lines are reported with their number and
 * reason and good lines are kept, so one typo never loses a file. Each line is checked against
 * `problemLine.schema.json` (the one validator), then by the task. Never throws.
 */
import type { Problem } from '../types';
import type { Task } from './task';
import { validateJson, type JsonSchema, type SchemaError } from '../schema/validateJson';
import lineSchema from './problemLine.schema.json' with { type: 'json' };

export const MAX_JSONL_BYTES = 5 << 20;
export const MAX_JSONL_PROBLEMS = 500;

export interface JsonlResult {
  problems: Problem[];
  errors: { line: number; reason: string }[];
}

/** What the user reads for a line's schema error: the field by name (`"id" does not have …`). */
function lineReason(e: SchemaError): string {
  const field = /^\$\.(\w+)$/.exec(e.path)?.[1] ?? /^\$\["(.*)"\]$/.exec(e.path)?.[1];
  if (e.path === '$') return e.message;
  if (e.message === 'is required') return `"${field}" is required`;
  if (field === 'id') return '"id" must be 1–64 letters, digits, _ . or -';
  if (field === 'difficulty') return '"difficulty" must be a whole number from 1 to 5';
  return field ? `"${field}" ${e.message}` : `${e.path} ${e.message}`;
}

export function parseProblemsJsonl(text: string, task: Task): JsonlResult {
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
    if (task.fromLine) {
      const p = task.fromLine(row as Record<string, unknown>, i + 1);
      if (typeof p === 'string') fail(p);
      else if (ids.has(p.id)) fail(`the id ${JSON.stringify(p.id)} is used twice`);
      else {
        ids.add(p.id);
        problems.push(p);
      }
      continue;
    }
    const bad = validateJson(lineSchema as JsonSchema, row, 1)[0];
    if (bad) {
      fail(lineReason(bad));
      continue;
    }
    const r = row as {
      question: string;
      answer: string | number;
      id?: string;
      difficulty?: number;
    };
    const level = r.difficulty;
    const id = r.id ?? `line-${i + 1}`;
    if (ids.has(id)) {
      fail(`the id ${JSON.stringify(id)} is used twice`);
      continue;
    }
    const p = task.fromQuestion(r.question, String(r.answer), id, level);
    if (typeof p === 'string') {
      fail(p);
      continue;
    }
    ids.add(id);
    problems.push(p);
  }
  return { problems, errors };
}
