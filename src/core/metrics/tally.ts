import type { PreparedProblem } from './prepare';

/**
 * Running per-answer statistics of the samples drawn so far (one subset, in draw order): what every
 * vote-family rule reads. `add` is O(channels); `reset` clears only the answers touched.
 */
export class AnswerTally {
  /** Samples added, including those without an answer. */
  size = 0;
  readonly count: Int32Array;
  /** Lowest original sample index seen per answer: the first-seen tie rule. */
  readonly first: Int32Array;
  /** Per weight channel: summed and maximum solution score per answer (NaN scores are skipped). */
  readonly sum: Float64Array[];
  readonly max: Float64Array[];
  readonly touched: number[] = [];
  /** Largest and second-largest answer counts, for the early-stopping vote. */
  maxCount = 0;
  secondCount = 0;
  private leader = -1;

  constructor(
    readonly problem: PreparedProblem,
    readonly weights: readonly Float64Array[],
  ) {
    const m = problem.answers.length;
    this.count = new Int32Array(m);
    this.first = new Int32Array(m);
    this.sum = weights.map(() => new Float64Array(m));
    this.max = weights.map(() => new Float64Array(m));
  }

  reset(): void {
    for (const a of this.touched) this.count[a] = 0;
    this.touched.length = 0;
    this.size = 0;
    this.maxCount = 0;
    this.secondCount = 0;
    this.leader = -1;
  }

  add(i: number): void {
    this.size++;
    const a = this.problem.answerId[i]!;
    if (a < 0) return;
    const c = ++this.count[a]!;
    if (c === 1) {
      this.touched.push(a);
      this.first[a] = i;
      for (let ch = 0; ch < this.weights.length; ch++) {
        this.sum[ch]![a] = 0;
        this.max[ch]![a] = -Infinity;
      }
    } else if (i < this.first[a]!) {
      this.first[a] = i;
    }
    for (let ch = 0; ch < this.weights.length; ch++) {
      const w = this.weights[ch]![i]!;
      if (Number.isNaN(w)) continue;
      this.sum[ch]![a]! += w;
      if (w > this.max[ch]![a]!) this.max[ch]![a] = w;
    }
    if (a === this.leader) this.maxCount = c;
    else if (c > this.maxCount) {
      this.secondCount = this.maxCount;
      this.maxCount = c;
      this.leader = a;
    } else if (c > this.secondCount) this.secondCount = c;
  }

  /**
   * Writes the answers maximizing `value` into `out` and returns how many there are. `among` defaults
   * to every answer in the subset. Typed buffers with explicit sizes: this is the estimator's hot loop.
   */
  argmaxAnswers(
    value: (a: number) => number,
    out: Int32Array,
    among?: Int32Array,
    amongSize = 0,
  ): number {
    const list = among ?? this.touched;
    const size = among ? amongSize : this.touched.length;
    let best = -Infinity;
    let n = 0;
    for (let j = 0; j < size; j++) {
      const a = list[j]!;
      const v = value(a);
      if (v > best) {
        best = v;
        out[0] = a;
        n = 1;
      } else if (v === best) out[n++] = a;
    }
    return n;
  }
}
