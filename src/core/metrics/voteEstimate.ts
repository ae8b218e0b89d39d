import { Rng } from '../rng';
import type { TieRule, VoteStrategy } from '../strategies/types';
import { emptyEstimates, mean, prefixSum, type Estimator, type PointEstimate } from './estimate';
import { scoreColumn, verifierTokens, type PreparedProblem } from './prepare';
import { batchTraffic, kvReadsOf } from './memoryTraffic';
import { binomialCapped, forEachSubset } from './subsets';
import { AnswerTally, type Leader } from './tally';

export interface VoteOptions {
  estimator: Estimator;
  tie: TieRule;
  /** Monte Carlo subsets per problem; also the largest subset count enumerated exactly. */
  draws: number;
  seed: number;
}

/** Expected correctness of the tie-resolved pick among `candidates`. */
export function resolveVote(
  t: AnswerTally,
  candidates: Int32Array,
  size: number,
  tie: TieRule,
): number {
  if (size === 0) return 0;
  const correct = t.problem.correctAnswer;
  if (tie === 'random') return candidates.subarray(0, size).includes(correct) ? 1 / size : 0;
  return firstSeen(t, candidates, size) === correct ? 1 : 0;
}

/** Expected correctness of a tracked leader's pick: the same value `resolveVote` gives its group. */
export function resolveLeader(
  t: AnswerTally,
  l: Leader,
  value: ArrayLike<number>,
  tie: TieRule,
): number {
  if (l.ties === 0) return 0;
  const correct = t.problem.correctAnswer;
  if (tie === 'first') return l.best === correct ? 1 : 0;
  return correct >= 0 && t.count[correct]! > 0 && value[correct] === l.max ? 1 / l.ties : 0;
}

/** The candidate whose earliest sample has the lowest original index. */
export function firstSeen(t: AnswerTally, candidates: Int32Array, size: number): number {
  let best = candidates[0]!;
  for (let j = 1; j < size; j++)
    if (t.first[candidates[j]!]! < t.first[best]!) best = candidates[j]!;
  return best;
}

/** One weight channel per distinct verifier the vote rules read. */
export function weightChannels(p: PreparedProblem, strategies: readonly VoteStrategy[]) {
  const ids = [...new Set(strategies.map((s) => s.verifier).filter((v): v is string => !!v))];
  const weights = ids.map((v) => scoreColumn(p, v, 'solution'));
  const channelOf = (s: VoteStrategy) => (s.verifier ? ids.indexOf(s.verifier) : -1);
  return { weights, channelOf };
}

/**
 * Curves of vote-family rules on one problem. Every size-k subset is walked in draw order through an
 * `AnswerTally`: with `prefix` the one subset of the first k samples; with `subsample` all subsets
 * when there are at most `draws` of them (in index order), else `draws` random permutations whose
 * prefixes serve every k at once (nested subsets: common random numbers across k).
 */
export function voteCurves(
  p: PreparedProblem,
  strategies: readonly VoteStrategy[],
  ks: readonly number[],
  opts: VoteOptions,
): PointEstimate[][] {
  const { weights, channelOf } = weightChannels(p, strategies);
  const channels = strategies.map(channelOf);
  const tally = new AnswerTally(p, weights);
  const acc = strategies.map(() => new Float64Array(ks.length));
  const stopSamples = new Float64Array(ks.length);
  const stopTokens = new Float64Array(ks.length);
  const stopKv = new Float64Array(ks.length);
  const cands = new Int32Array(Math.max(1, p.answers.length));

  // Sums over subsets, divided by the number of subsets at the end (exact for unanimous pools).
  const subsets = new Float64Array(ks.length);
  // Rules whose pick the tally tracks as it goes; the rest scan the answers at each budget.
  const leaders = strategies.map((s, si): [Leader, ArrayLike<number>] | null => {
    if (s.leader === 'count') return [tally.byCount, tally.count];
    const l = s.leader === 'sum' ? tally.bySum[channels[si]!] : null;
    return l ? [l, tally.sum[channels[si]!]!] : null;
  });
  const evaluate = (s: number, kIdx: number) => {
    const fast = leaders[s];
    if (fast) {
      acc[s]![kIdx]! += resolveLeader(tally, fast[0], fast[1], opts.tie);
      return;
    }
    const size = strategies[s]!.candidates(tally, channels[s]!, cands);
    acc[s]![kIdx]! += resolveVote(tally, cands, size, opts.tie);
  };

  const early = strategies.flatMap((s, si) => (s.earlyStop ? [si] : []));
  const plain = strategies.flatMap((s, si) => (s.earlyStop ? [] : [si]));
  const tokensOf = p.tokens;
  // Early stopping draws one sample at a time: each is its own batch.
  const kvOf = Float64Array.from(p.tokens, (t) => kvReadsOf(t, p.promptTokens));

  /** Walks `order[0..len)`, scoring at the budgets `kIdxs` (ascending). The estimator's hot loop. */
  const walk = (order: Int32Array, len: number, kIdxs: readonly number[]) => {
    for (const j of kIdxs) subsets[j]!++;
    tally.reset();
    let tokens = 0;
    let kvs = 0;
    let cp = 0;
    let ep = early.length > 0 ? 0 : kIdxs.length;
    let nextK = ks[kIdxs[0]!]!;
    for (let t = 1; t <= len; t++) {
      const i = order[t - 1]!;
      tally.add(i);
      if (ep < kIdxs.length) {
        tokens += tokensOf[i]!;
        kvs += kvOf[i]!;
        while (ep < kIdxs.length) {
          const j = kIdxs[ep]!;
          const k = ks[j]!;
          if (t !== k && tally.maxCount - tally.secondCount <= k - t) break;
          stopSamples[j]! += t;
          stopTokens[j]! += tokens;
          stopKv[j]! += kvs;
          for (const si of early) evaluate(si, j);
          ep++;
        }
      }
      if (t === nextK) {
        for (const si of plain) evaluate(si, kIdxs[cp]!);
        cp++;
        nextK = cp < kIdxs.length ? ks[kIdxs[cp]!]! : -1;
      }
    }
  };

  const all = ks.map((_, j) => j);
  if (opts.estimator === 'prefix') {
    walk(
      Int32Array.from({ length: p.n }, (_, i) => i),
      ks[ks.length - 1] ?? 0,
      all,
    );
  } else {
    const sampled: number[] = [];
    for (const j of all) {
      const k = ks[j]!;
      const count = binomialCapped(p.n, k, opts.draws);
      if (count === Infinity) sampled.push(j);
      else forEachSubset(p.n, k, (subset) => walk(subset, k, [j]));
    }
    if (sampled.length > 0) {
      const rng = Rng.fromSeed(opts.seed, 'subsample', p.id);
      const kMax = ks[sampled[sampled.length - 1]!]!;
      const perm = Int32Array.from({ length: p.n }, (_, i) => i);
      for (let d = 0; d < opts.draws; d++) {
        walk(rng.shufflePrefix(perm, kMax), kMax, sampled);
      }
    }
  }

  const meanTokens = mean(p.tokens);
  return strategies.map((s, si) => {
    const vTokens = verifierTokens(p, s.verifier);
    const meanV = mean(vTokens);
    const out = emptyEstimates(ks.length);
    ks.forEach((k, j) => {
      const prefix = opts.estimator === 'prefix';
      out[j] = {
        accuracy: acc[si]![j]! / subsets[j]!,
        samples: s.earlyStop ? stopSamples[j]! / subsets[j]! : k,
        generatedTokens: s.earlyStop
          ? stopTokens[j]! / subsets[j]!
          : prefix
            ? prefixSum(p.tokens, k)
            : k * meanTokens,
        verifierTokens: prefix ? prefixSum(vTokens, k) : k * meanV,
        ...(s.earlyStop
          ? { decodeSteps: stopTokens[j]! / subsets[j]!, kvReads: stopKv[j]! / subsets[j]! }
          : batchTraffic(p, k, opts.estimator)),
      };
    });
    return out;
  });
}
