/** Difficulty levels of the arith task: more operations and larger operands as the level rises. */
export interface ArithLevel {
  level: number;
  /** Number of operations (= reference steps). */
  ops: number;
  /** Operands of `+`, `-` and the first number are drawn from 1..maxNumber. */
  maxNumber: number;
  /** The right operand of `*` is drawn from 2..maxMultiplier (0 and 1 would make trivial steps). */
  maxMultiplier: number;
}

export const ARITH_LEVELS: readonly ArithLevel[] = [
  { level: 1, ops: 2, maxNumber: 20, maxMultiplier: 9 },
  { level: 2, ops: 3, maxNumber: 50, maxMultiplier: 12 },
  { level: 3, ops: 4, maxNumber: 99, maxMultiplier: 19 },
  { level: 4, ops: 5, maxNumber: 199, maxMultiplier: 29 },
  { level: 5, ops: 6, maxNumber: 499, maxMultiplier: 49 },
];

/** Every running value stays in [0, MAX_VALUE]: at most four digits for the model to write. */
export const MAX_VALUE = 9999;

export function arithLevel(level: number): ArithLevel {
  const spec = ARITH_LEVELS.find((l) => l.level === level);
  if (!spec) throw new RangeError(`arith has levels 1–5, got ${level}`);
  return spec;
}
