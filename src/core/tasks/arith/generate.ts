import { Rng } from '../../rng';
import type { Problem } from '../../types';
import { arithLevel, MAX_VALUE } from './levels';

export type ArithOp = '+' | '-' | '*';
const OPS: readonly ArithOp[] = ['+', '-', '*'];

export interface ArithOperation {
  op: ArithOp;
  operand: number;
}

/** The chain a problem is built from: a first number, then operations applied left to right. */
export interface ArithChain {
  first: number;
  operations: ArithOperation[];
}

export function applyOp(a: number, op: ArithOp, b: number): number {
  return op === '+' ? a + b : op === '-' ? a - b : a * b;
}

/**
 * Draws a chain for (seed, level). Each operation is redrawn (op and operand together) until the
 * running value stays in [0, 9999]; some operation always fits, so this terminates. The draw order is
 * part of the format: the Python mirror in `training/` repeats it call for call.
 */
export function drawChain(seed: number, level: number): ArithChain {
  const spec = arithLevel(level);
  const rng = Rng.fromSeed(seed, 'arith', level);
  const first = 1 + rng.int(spec.maxNumber);
  const operations: ArithOperation[] = [];
  let value = first;
  while (operations.length < spec.ops) {
    const op = OPS[rng.int(OPS.length)]!;
    const operand = op === '*' ? 2 + rng.int(spec.maxMultiplier - 1) : 1 + rng.int(spec.maxNumber);
    const next = applyOp(value, op, operand);
    if (next < 0 || next > MAX_VALUE) continue;
    operations.push({ op, operand });
    value = next;
  }
  return { first, operations };
}

/**
 * Writes the chain in ordinary notation. Evaluation is left to right, so the only parentheses needed
 * are around a left part whose top-level operator is `+` or `-` when `*` is applied to it.
 */
export function formatQuestion(chain: ArithChain): string {
  let expr = String(chain.first);
  let topIsAdditive = false;
  for (const { op, operand } of chain.operations) {
    if (op === '*') {
      if (topIsAdditive) expr = `(${expr})`;
      topIsAdditive = false;
    } else {
      topIsAdditive = true;
    }
    expr = `${expr}${op}${operand}`;
  }
  return expr;
}

/** The reference solution: one `a<op>b=c` line per operation, and the final value. */
export function solveChain(chain: ArithChain): { steps: string[]; answer: number } {
  const steps: string[] = [];
  let value = chain.first;
  for (const { op, operand } of chain.operations) {
    const next = applyOp(value, op, operand);
    steps.push(`${value}${op}${operand}=${next}`);
    value = next;
  }
  return { steps, answer: value };
}

export function problemFromChain(chain: ArithChain, seed: number, level: number): Problem {
  const { steps, answer } = solveChain(chain);
  return {
    id: `arith-${level}-${seed}`,
    task: 'arith',
    level,
    question: formatQuestion(chain),
    answer: String(answer),
    steps,
    seed,
  };
}

export function generateArith(seed: number, level: number): Problem {
  return problemFromChain(drawChain(seed, level), seed, level);
}
