/**
 * Whether a model's answer means the reference answer, as MATH and GSM8K graders decide it (rules in
 * docs/math.md). Both are normalized first (`normalizeMathAnswer`); then, in order:
 * 1. the same text;
 * 2. numbers (integers, decimals, `a/b`, `\frac{a}{b}`, signs) with the same value, to a relative
 *    1e-9 (so `0.5` ≡ `\frac{1}{2}`, but `0.5` ≢ `0.05`);
 * 3. tuples and intervals: the same brackets and as many parts, each equivalent, in order;
 * 4. symbolic: both read as LaTeX by a computer-algebra system (@cortex-js/compute-engine) — equal
 *    when their difference simplifies to 0, or when they agree at 5 random points (seeded by the two
 *    texts, each variable in [0.5, 2.5]; at least 3 points must be defined for both).
 * Anything that cannot be read is not equivalent. Never throws.
 */
import type { BoxedExpression, ComputeEngine } from '@cortex-js/compute-engine';
import { Rng } from '../../rng';
import { normalizeMathAnswer } from './normalize';

const TOLERANCE = 1e-9;
const close = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b)
    ? Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b))
    : a === b; // ∞ only equals ∞ (the relative bound would let ∞ equal −∞)

/** The value of a plain number, `a/b` or `\frac{a}{b}` (either may carry a sign), or null. */
export function numberValue(s: string): number | null {
  const plain = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;
  if (plain.test(s)) return Number(s);
  const slash = /^([+-]?(?:\d+\.?\d*|\.\d+))\/([+-]?(?:\d+\.?\d*|\.\d+))$/.exec(s);
  const frac = /^([+-]?)\\frac\{([+-]?(?:\d+\.?\d*|\.\d+))\}\{([+-]?(?:\d+\.?\d*|\.\d+))\}$/.exec(
    s,
  );
  const [num, den, sign] = slash
    ? [Number(slash[1]), Number(slash[2]), 1]
    : frac
      ? [Number(frac[2]), Number(frac[3]), frac[1] === '-' ? -1 : 1]
      : [NaN, NaN, 1];
  if (!Number.isFinite(num) || !Number.isFinite(den) || den === 0) return null;
  return (sign * num) / den;
}

/** `(1,2]` → { open: '(', close: ']', parts: ['1', '2'] } when there is a top-level comma. */
function tupleParts(s: string): { open: string; close: string; parts: string[] } | null {
  const m = /^([([{]|\\\{)([\s\S]*)([)\]}]|\\\})$/.exec(s);
  if (!m) return null;
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const body = m[2]!;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.length > 1 ? { open: m[1]!, close: m[3]!, parts } : null;
}

/**
 * The algebra system, registered by the contexts that grade (`./algebra.ts`: the policy and search
 * workers, the CLI, tests) so that the page's main thread, which only shows problems, does not load
 * it. Grading a symbolic answer without it is an error, never a silent "not equivalent".
 */
let engine: ComputeEngine | null = null;
let makeEngine: (() => ComputeEngine) | null = null;

export function registerAlgebra(make: () => ComputeEngine): void {
  makeEngine = make;
}

const ce = (): ComputeEngine => {
  if (engine) return engine;
  if (!makeEngine)
    throw new Error('math grading needs its algebra system: import src/core/tasks/math/algebra.ts');
  return (engine = makeEngine());
};

function parse(latex: string): BoxedExpression | null {
  try {
    const e = ce().parse(latex);
    return e.isValid ? e : null;
  } catch {
    return null;
  }
}

function valueAt(e: BoxedExpression, point: Record<string, number>): number {
  try {
    const v = Object.keys(point).length ? e.subs(point).N() : e.N();
    const re = v.re;
    return typeof re === 'number' && Math.abs(v.im ?? 0) < TOLERANCE ? re : NaN;
  } catch {
    return NaN;
  }
}

function symbolicEqual(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return false;
  try {
    const diff = ce().box(['Subtract', x, y]).simplify();
    if (diff.is(0)) return true;
  } catch {
    // fall through to the random points
  }
  const vars = [...new Set([...x.unknowns, ...y.unknowns])].sort();
  const rng = Rng.fromSeed(0, 'math-equivalence', a, b);
  let defined = 0;
  for (let i = 0; i < 5; i++) {
    const point = Object.fromEntries(vars.map((v) => [v, 0.5 + 2 * rng.next()]));
    const [u, v] = [valueAt(x, point), valueAt(y, point)];
    if (Number.isNaN(u) && Number.isNaN(v)) continue;
    if (!close(u, v)) return false;
    defined++;
  }
  return defined >= 3;
}

function equivalentNormalized(a: string, b: string, depth: number): boolean {
  if (a === b) return true;
  const [u, v] = [numberValue(a), numberValue(b)];
  if (u !== null && v !== null) return close(u, v);
  const [ta, tb] = [tupleParts(a), tupleParts(b)];
  if (ta || tb) {
    if (!ta || !tb || ta.open !== tb.open || ta.close !== tb.close) return false;
    if (ta.parts.length !== tb.parts.length || depth > 4) return false;
    return ta.parts.every((p, i) => equivalentNormalized(p, tb.parts[i]!, depth + 1));
  }
  return symbolicEqual(a, b);
}

export function mathEquivalent(answer: string | null, reference: string | null): boolean {
  const a = normalizeMathAnswer(answer);
  const b = normalizeMathAnswer(reference);
  if (a === null || b === null) return false;
  // A hostile answer cannot make the grader read megabytes of LaTeX.
  if (a.length > 1000 || b.length > 1000) return a === b;
  ce(); // fails loudly where the algebra system was not registered
  try {
    return equivalentNormalized(a, b, 0);
  } catch {
    return false;
  }
}
