import type { Problem, Step, StepError } from '../../types';
import { applyOp, type ArithOp } from './generate';
import { STEP_DELIMITER } from './format';

const STEP_ALPHABET = /^[0-9+\-*=]*$/;
const STEP_SHAPE = /^(\d+)([+\-*])(\d+)=(\d+)$/;

export interface ParsedStep {
  left: number;
  op: ArithOp;
  right: number;
  result: number;
}

/** Parses one step line `a<op>b=c`; returns why not when it cannot. */
export function parseStep(line: string): ParsedStep | { error: StepError } {
  if (!STEP_ALPHABET.test(line)) return { error: 'junk' };
  if (!line.includes('=')) return { error: 'missing-equals' };
  const m = STEP_SHAPE.exec(line);
  if (!m) return { error: 'malformed' };
  return { left: Number(m[1]), op: m[2] as ArithOp, right: Number(m[3]), result: Number(m[4]) };
}

/**
 * Splits a completion into step lines and the raw answer. The first line starting with `A:` is the
 * answer line; anything after it is ignored (generation should have stopped). Empty lines are not steps.
 */
export function splitCompletion(text: string): { steps: string[]; answerRaw: string | null } {
  const steps: string[] = [];
  for (const line of text.split(STEP_DELIMITER)) {
    if (line.startsWith('A:')) return { steps, answerRaw: line.slice(2) };
    if (line !== '') steps.push(line);
  }
  return { steps, answerRaw: null };
}

/**
 * Normalizes an integer answer: surrounding whitespace and leading zeros go, `-0` is `0`. Anything that
 * is not an integer gives null (no answer, so it never wins a vote). Works on digit strings of any length.
 */
export function normalizeAnswer(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /^\s*(-?)(\d+)\s*$/.exec(raw);
  if (!m) return null;
  const digits = m[2]!.replace(/^0+(?=\d)/, '');
  return m[1] === '-' && digits !== '0' ? `-${digits}` : digits;
}

export function extractAnswer(text: string): string | null {
  return normalizeAnswer(splitCompletion(text).answerRaw);
}

/**
 * Diagnoses each step against the problem's chain: shape first, then whether the operands are the
 * running value (as the model itself last wrote it) and the problem's next operation, then arithmetic.
 * This explains errors to people; correctness itself is `checkSteps` (exact match to the reference).
 */
export function diagnoseSteps(problem: Pick<Problem, 'steps'>, lines: readonly string[]): Step[] {
  const reference = problem.steps.map((s) => parseStep(s) as ParsedStep);
  let running: number | undefined = reference[0]?.left;
  return lines.map((text, k) => {
    const parsed = parseStep(text);
    if ('error' in parsed) {
      running = undefined;
      return { text, error: parsed.error };
    }
    const expected = reference[k];
    const leftOk = running === undefined || parsed.left === running;
    running = parsed.result;
    if (!expected || !leftOk || parsed.op !== expected.op || parsed.right !== expected.right) {
      return { text, error: 'unknown-operand' };
    }
    if (applyOp(parsed.left, parsed.op, parsed.right) !== parsed.result) {
      return { text, error: 'wrong-arithmetic' };
    }
    return { text };
  });
}
