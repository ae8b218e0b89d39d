/**
 * An arith problem from someone else's question: it must be a chain in the task's own notation
 * (operations applied left to right, parentheses only around a left part that `*` applies to), so the
 * exact checker can verify every step; its running values must stay in [0, 9999].
 */
import type { Problem } from '../../types';
import { applyOp, formatQuestion, solveChain, type ArithChain, type ArithOp } from './generate';
import { ARITH_LEVELS, MAX_VALUE } from './levels';

export const MAX_QUESTION_LENGTH = 200;

/** The chain a question writes, or why it is not one. */
export function parseChain(question: string): ArithChain | string {
  const q = question.replace(/\s+/g, '');
  if (q.length === 0) return 'the question is empty';
  if (q.length > MAX_QUESTION_LENGTH)
    return `the question is longer than ${MAX_QUESTION_LENGTH} characters`;
  if (!/^[0-9+\-*()]+$/.test(q)) return 'only digits, + - * and parentheses can appear';
  const tokens = q.replace(/[()]/g, '').match(/\d+|[+\-*]/g) ?? [];
  const num = (t: string | undefined) => (t !== undefined && /^\d+$/.test(t) ? Number(t) : NaN);
  const first = num(tokens[0]);
  if (!Number.isSafeInteger(first)) return 'a question starts with a number';
  const operations: ArithChain['operations'] = [];
  for (let i = 1; i < tokens.length; i += 2) {
    const op = tokens[i] as ArithOp;
    const operand = num(tokens[i + 1]);
    if (!'+-*'.includes(op) || !Number.isSafeInteger(operand))
      return 'expected number, operator, number, …';
    operations.push({ op, operand });
  }
  if (operations.length === 0) return 'a question needs at least one operation';
  const chain = { first, operations };
  if (formatQuestion(chain) !== q)
    return `write it as the task does, left to right: ${formatQuestion(chain)} (e.g. (2+3)*4, not 2+3*4)`;
  let value = first;
  if (value > MAX_VALUE) return `numbers stay within 0–${MAX_VALUE}`;
  for (const { op, operand } of operations) {
    value = applyOp(value, op, operand);
    if (value < 0 || value > MAX_VALUE) return `a running value leaves 0–${MAX_VALUE}`;
  }
  return chain;
}

/** The level a chain of this many operations has (levels differ by their operation count). */
export const levelForOps = (ops: number): number =>
  (ARITH_LEVELS.find((l) => l.ops >= ops) ?? ARITH_LEVELS[ARITH_LEVELS.length - 1]!).level;

export function arithFromQuestion(
  question: string,
  answer: string,
  id: string,
  level?: number,
): Problem | string {
  const chain = parseChain(question);
  if (typeof chain === 'string') return chain;
  const solved = solveChain(chain);
  if (String(solved.answer) !== answer.trim())
    return `the answer ${JSON.stringify(answer.slice(0, 20))} is not the question's value ${solved.answer}`;
  return {
    id,
    task: 'arith',
    level: level ?? levelForOps(chain.operations.length),
    question: formatQuestion(chain),
    answer: String(solved.answer),
    steps: solved.steps,
    seed: 0,
  };
}
