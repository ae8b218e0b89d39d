import type { ArgmaxStrategy, TieRule } from '../strategies/types';
import { verifierTokens, type PreparedProblem } from './prepare';
import { emptyEstimates, mean, prefixSum, type Estimator, type PointEstimate } from './estimate';
import { batchTraffic, raceTraffic } from './memoryTraffic';
import { topOfSubsetWeights } from './subsets';

/** Ranks samples best first: key descending (NaN last), then original index ascending. */
export function rankByKey(key: Float64Array): Int32Array {
  const n = key.length;
  // A numeric sort of the keys (no comparator: several times faster than sorting indices with one),
  // then each sample goes to its group's next slot: a group of equal keys starts after the keys
  // above it, and samples enter it in index order.
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = Number.isNaN(key[i]!) ? -Infinity : key[i]!;
  sorted.sort();
  const filled = new Int32Array(n + 1);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = Number.isNaN(key[i]!) ? -Infinity : key[i]!;
    // First position holding a key above v (−0 and +0 compare equal, as in the ranking).
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! > v) hi = mid;
      else lo = mid + 1;
    }
    order[n - lo + filled[lo]!++] = i;
  }
  return order;
}

/**
 * Curves of an argmax rule in closed form. Over uniform k-subsets the best-ranked member is rank r
 * with probability C(n−1−r, k−1)/C(n, k); with random tie-breaking every member of a tied group gets
 * the group's average of those weights.
 */
export function argmaxCurve(
  p: PreparedProblem,
  strategy: ArgmaxStrategy,
  ks: readonly number[],
  estimator: Estimator,
  tie: TieRule,
): PointEstimate[] {
  const key = strategy.key(p);
  const vTokens = verifierTokens(p, strategy.verifier);
  const out = emptyEstimates(ks.length);
  if (estimator === 'prefix') {
    const picks = prefixPicks(p, key, ks, tie);
    ks.forEach((k, j) => {
      const pick = picks[j]!;
      out[j] = {
        accuracy: pick.correct,
        samples: k,
        generatedTokens: strategy.cost === 'race' ? k * pick.tokens : prefixSum(p.tokens, k),
        verifierTokens: prefixSum(vTokens, k),
        ...(strategy.cost === 'race' ? raceTraffic : batchTraffic)(p, k, 'prefix'),
      };
    });
    return out;
  }
  const order = rankByKey(key);
  const groups = tie === 'random' ? tieGroups(key, order) : null;
  const meanTokens = mean(p.tokens);
  const meanVerifier = mean(vTokens);
  ks.forEach((k, j) => {
    const w = topOfSubsetWeights(p.n, k);
    let acc = 0;
    let selTokens = 0;
    if (groups) {
      for (const [start, end] of groups) {
        let wSum = 0;
        let c = 0;
        let t = 0;
        for (let r = start; r < end; r++) {
          wSum += w[r]!;
          c += p.correct[order[r]!]!;
          t += p.tokens[order[r]!]!;
        }
        acc += (wSum * c) / (end - start);
        selTokens += (wSum * t) / (end - start);
      }
    } else {
      for (let r = 0; r < p.n; r++) {
        acc += w[r]! * p.correct[order[r]!]!;
        selTokens += w[r]! * p.tokens[order[r]!]!;
      }
    }
    out[j] = {
      accuracy: acc,
      samples: k,
      generatedTokens: strategy.cost === 'race' ? k * selTokens : k * meanTokens,
      verifierTokens: k * meanVerifier,
      ...(strategy.cost === 'race' ? raceTraffic : batchTraffic)(p, k, 'subsample'),
    };
  });
  return out;
}

/** Runs of equal key in rank order, as [start, end) pairs. */
function tieGroups(key: Float64Array, order: Int32Array): [number, number][] {
  const norm = (x: number) => (Number.isNaN(x) ? -Infinity : x);
  const groups: [number, number][] = [];
  let start = 0;
  for (let r = 1; r <= order.length; r++) {
    if (r === order.length || norm(key[order[r]!]!) !== norm(key[order[start]!]!)) {
      groups.push([start, r]);
      start = r;
    }
  }
  return groups;
}

/** The pick among the first k samples for each k: its correctness and tokens (averaged over ties if random). */
function prefixPicks(p: PreparedProblem, key: Float64Array, ks: readonly number[], tie: TieRule) {
  const picks: { correct: number; tokens: number }[] = [];
  let best = NaN;
  let bestIdx = -1;
  let g = 0;
  let gCorrect = 0;
  let gTokens = 0;
  let j = 0;
  for (let t = 0; t < p.n && j < ks.length; t++) {
    const x = Number.isNaN(key[t]!) ? -Infinity : key[t]!;
    if (bestIdx < 0 || x > best) {
      best = x;
      bestIdx = t;
      g = 0;
      gCorrect = 0;
      gTokens = 0;
    }
    if (x === best) {
      g++;
      gCorrect += p.correct[t]!;
      gTokens += p.tokens[t]!;
    }
    while (j < ks.length && ks[j] === t + 1) {
      picks.push(
        tie === 'first'
          ? { correct: p.correct[bestIdx]!, tokens: p.tokens[bestIdx]! }
          : { correct: gCorrect / g, tokens: gTokens / g },
      );
      j++;
    }
  }
  return picks;
}
