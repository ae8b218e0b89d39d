/**
 * Built-in math word problems, offline: a story (one of 20 settings, `scenarios.ts`) about a
 * quantity that a person starts with and that `level` operations change. Levels grow in steps and
 * in the size of the numbers; division appears from level 3 and always divides exactly. The answer
 * is exact, and the reference solution is one step per operation, separated by a blank line, ending
 * with the boxed answer — the format hub math models write.
 */
import { Rng } from '../../rng';
import type { Problem } from '../../types';
import { PEOPLE, SCENARIOS, type Op } from './scenarios';

export const MATH_LEVELS = [1, 2, 3, 4, 5] as const;
export const MATH_STEP_DELIMITER = '\n\n';

interface LevelSpec {
  start: [number, number];
  operand: [number, number];
  ops: readonly Op[];
  /** Running values stay at most this. */
  max: number;
}

const LEVELS: Record<number, LevelSpec> = {
  1: { start: [3, 20], operand: [1, 10], ops: ['add', 'sub'], max: 50 },
  2: { start: [5, 40], operand: [2, 12], ops: ['add', 'sub', 'mul'], max: 200 },
  3: { start: [10, 60], operand: [2, 12], ops: ['add', 'sub', 'mul', 'div'], max: 500 },
  4: { start: [20, 120], operand: [2, 25], ops: ['add', 'sub', 'mul', 'div'], max: 2000 },
  5: { start: [50, 300], operand: [2, 40], ops: ['add', 'sub', 'mul', 'div'], max: 10000 },
};

const SYMBOL: Record<Op, string> = { add: '+', sub: '-', mul: '\\times', div: '\\div' };

function apply(v: number, op: Op, n: number): number {
  return op === 'add' ? v + n : op === 'sub' ? v - n : op === 'mul' ? v * n : v / n;
}

const between = (rng: Rng, [lo, hi]: [number, number]) => lo + rng.int(hi - lo + 1);

/** An operation that keeps the value a whole number in [0, max], drawn until one fits. */
function drawOperation(rng: Rng, spec: LevelSpec, v: number): { op: Op; n: number } {
  for (;;) {
    const op = spec.ops[rng.int(spec.ops.length)]!;
    // Multiplying big values would leave the level's range: small factors only.
    const n =
      op === 'mul' || op === 'div'
        ? 2 + rng.int(Math.min(9, spec.operand[1] - 1))
        : between(rng, spec.operand);
    const next = apply(v, op, n);
    if (Number.isInteger(next) && next >= 0 && next <= spec.max && !(op === 'sub' && next === 0))
      return { op, n };
  }
}

export function generateMath(seed: number, level: number): Problem {
  const spec = LEVELS[level];
  if (!spec) throw new RangeError(`math has levels 1–5, not ${level}`);
  const rng = Rng.fromSeed(seed, 'math', level);
  const scenario = SCENARIOS[rng.int(SCENARIOS.length)]!;
  const person = PEOPLE[rng.int(PEOPLE.length)]!;
  let value = between(rng, spec.start);
  const sentences = [scenario.start(person, value)];
  const steps = [`${cap(person.name)} starts with ${value}.`];
  for (let i = 0; i < level; i++) {
    const { op, n } = drawOperation(rng, spec, value);
    const next = apply(value, op, n);
    sentences.push(scenario.op[op](person, n));
    steps.push(`$${value} ${SYMBOL[op]} ${n} = ${next}$.`);
    value = next;
  }
  sentences.push(scenario.ask(person));
  steps.push(`The answer is $\\boxed{${value}}$.`);
  return {
    id: `math-${level}-${seed}`,
    task: 'math',
    level,
    question: sentences.join(' '),
    answer: String(value),
    steps,
    seed,
  };
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
