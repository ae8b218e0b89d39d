import type { PreparedProblem } from './prepare';

/**
 * The answers maximizing a nondecreasing per-answer value (a count, or a sum of nonnegative weights),
 * kept up to date sample by sample so the vote rules read their pick in O(1) instead of scanning every
 * distinct answer: `ties` answers share the maximum `max`; `best` is the first-seen one among them.
 */
export class Leader {
  max = -Infinity;
  ties = 0;
  best = -1;

  reset(): void {
    this.max = -Infinity;
    this.ties = 0;
    this.best = -1;
  }

  /**
   * Answer `a` went from `before` (−∞ when it was not in the subset) to `after` ≥ `before`; `first`
   * holds each answer's lowest original sample index (the first-seen tie rule).
   */
  update(a: number, before: number, after: number, first: Int32Array): void {
    if (after > this.max) {
      this.max = after;
      this.ties = 1;
      this.best = a;
    } else if (after === this.max) {
      // Joined the tied group, or already in it with a new (lower) first index.
      if (before < after) this.ties++;
      if (first[a]! < first[this.best]!) this.best = a;
    }
  }
}

/** One weight channel of a tally: per-answer sum and maximum of a verifier's solution scores. */
class WeightChannel {
  readonly sum: Float64Array;
  readonly max: Float64Array;
  /** The answers with the largest sum; null when a weight is negative (sums can then fall). */
  readonly leader: Leader | null;

  constructor(
    readonly weights: Float64Array,
    answers: number,
  ) {
    this.sum = new Float64Array(answers);
    this.max = new Float64Array(answers);
    this.leader = weights.some((x) => x < 0) ? null : new Leader();
  }

  /** Adds sample `i` (answer `a`, `isNew` when `a` enters the subset); NaN scores are skipped. */
  add(a: number, i: number, isNew: boolean, first: Int32Array): void {
    const sum = this.sum;
    let before = -Infinity;
    if (isNew) {
      sum[a] = 0;
      this.max[a] = -Infinity;
    } else before = sum[a]!;
    const w = this.weights[i]!;
    if (w === w) {
      sum[a]! += w;
      if (w > this.max[a]!) this.max[a] = w;
    }
    this.leader?.update(a, before, sum[a]!, first);
  }
}

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
  private readonly channels: WeightChannel[];
  /** The distinct answers in the subset, in order of appearance: `touched[0..distinct)`. */
  readonly touched: Int32Array;
  distinct = 0;
  /** Largest and second-largest answer counts, for the early-stopping vote. */
  maxCount = 0;
  secondCount = 0;
  private leader = -1;
  /** The most frequent answers (majority vote). */
  readonly byCount = new Leader();
  /**
   * Per channel, the answers with the largest weight sum (weighted vote); null for a channel with a
   * negative weight, whose sums can fall (callers then scan `touched`).
   */
  readonly bySum: (Leader | null)[];
  private readonly answerId: Int32Array;

  constructor(
    readonly problem: PreparedProblem,
    readonly weights: readonly Float64Array[],
  ) {
    const m = problem.answers.length;
    this.answerId = problem.answerId;
    this.touched = new Int32Array(m);
    this.count = new Int32Array(m);
    this.first = new Int32Array(m);
    this.channels = weights.map((w) => new WeightChannel(w, m));
    this.sum = this.channels.map((c) => c.sum);
    this.max = this.channels.map((c) => c.max);
    this.bySum = this.channels.map((c) => c.leader);
  }

  reset(): void {
    for (let j = 0; j < this.distinct; j++) this.count[this.touched[j]!] = 0;
    this.distinct = 0;
    this.size = 0;
    this.maxCount = 0;
    this.secondCount = 0;
    this.leader = -1;
    this.byCount.reset();
    for (const l of this.bySum) l?.reset();
  }

  add(i: number): void {
    this.size++;
    const a = this.answerId[i]!;
    if (a < 0) return;
    const count = this.count;
    const first = this.first;
    const c = ++count[a]!;
    if (c === 1) {
      this.touched[this.distinct++] = a;
      first[a] = i;
    } else if (i < first[a]!) {
      first[a] = i;
    }
    const channels = this.channels;
    for (let ch = 0; ch < channels.length; ch++) channels[ch]!.add(a, i, c === 1, first);
    this.byCount.update(a, c - 1, c, first);
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
    const size = among ? amongSize : this.distinct;
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
