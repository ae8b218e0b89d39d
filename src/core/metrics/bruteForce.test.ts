/**
 * Every pool-based curve against brute force: each rule re-implemented naively here and applied to
 * every size-k subset (subsample estimator) or to the first k samples (prefix estimator).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolStrategies } from '../strategies';
import type { TieRule } from '../strategies/types';
import { tinyEntry, tinyPool, type TinySample } from '../testing/pools';
import type { Sample } from '../types';
import { problemMatrix } from './curves';
import { prepareProblem } from './prepare';
import { forEachSubset } from './subsets';

const V = 'v';
const BOM = 0.2;

interface Naive {
  accuracy: number;
  samples: number;
  generatedTokens: number;
}

const last = (s: Sample) => s.scores[V]!.steps.at(-1)!;
const aggs: Record<string, (xs: number[]) => number> = {
  last: (xs) => xs.at(-1)!,
  min: (xs) => Math.min(...xs),
  prod: (xs) => xs.reduce((a, b) => a * b, 1),
  mean: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
};

/** Argmax over samples; ties resolved by lowest index or averaged. */
function naiveArgmax(
  sub: Sample[],
  key: (s: Sample) => number,
  tie: TieRule,
): { acc: number; tokens: number } {
  const best = Math.max(...sub.map(key));
  const tied = sub.filter((s) => key(s) === best);
  if (tie === 'first') return { acc: tied[0]!.correct ? 1 : 0, tokens: tied[0]!.tokens! };
  return {
    acc: tied.filter((s) => s.correct).length / tied.length,
    tokens: tied.reduce((a, s) => a + s.tokens!, 0) / tied.length,
  };
}

/** Vote over answers by `score(answerSamples)`; ties by first-seen answer or averaged. */
function naiveVote(
  sub: Sample[],
  correct: string,
  score: (group: Sample[]) => number,
  among: (groups: Map<string, Sample[]>) => string[],
  tie: TieRule,
): number {
  const groups = new Map<string, Sample[]>();
  for (const s of sub)
    if (s.answer !== null) groups.set(s.answer, [...(groups.get(s.answer) ?? []), s]);
  const cands = among(groups);
  if (cands.length === 0) return 0;
  const best = Math.max(...cands.map((a) => score(groups.get(a)!)));
  const tied = cands.filter((a) => score(groups.get(a)!) === best);
  if (tie === 'random') return tied.includes(correct) ? 1 / tied.length : 0;
  const firstSeen = tied.sort((a, b) => groups.get(a)![0]!.index - groups.get(b)![0]!.index)[0];
  return firstSeen === correct ? 1 : 0;
}

function naive(id: string, sub: Sample[], correct: string, tie: TieRule): Naive {
  const k = sub.length;
  const all = sub.reduce((a, s) => a + s.tokens!, 0);
  const allAnswers = (g: Map<string, Sample[]>) => [...g.keys()];
  const majority = () => naiveVote(sub, correct, (g) => g.length, allAnswers, tie);
  const argmax = (key: (s: Sample) => number) => ({ ...naiveArgmax(sub, key, tie) });
  if (id === 'oracle')
    return { accuracy: sub.some((s) => s.correct) ? 1 : 0, samples: k, generatedTokens: all };
  if (id === 'majority') return { accuracy: majority(), samples: k, generatedTokens: all };
  if (id === 'early-stop') {
    const counts = new Map<string, number>();
    let used = 0;
    let tokens = 0;
    for (const s of sub) {
      used++;
      tokens += s.tokens!;
      if (s.answer !== null) counts.set(s.answer, (counts.get(s.answer) ?? 0) + 1);
      const sorted = [...counts.values(), 0, 0].sort((a, b) => b - a);
      if (sorted[0]! - sorted[1]! > k - used) break;
    }
    return { accuracy: majority(), samples: used, generatedTokens: tokens };
  }
  if (id.startsWith('confidence-')) {
    const r = argmax((s) => (id.endsWith('mean') ? s.meanLogprob! : s.minLogprob!));
    return { accuracy: r.acc, samples: k, generatedTokens: all };
  }
  if (id === 'first-finish') {
    const r = argmax((s) => -s.tokens!);
    return { accuracy: r.acc, samples: k, generatedTokens: k * r.tokens };
  }
  if (id.startsWith('bon-')) {
    const agg = aggs[id.slice(4, id.indexOf('@'))]!;
    return {
      accuracy: argmax((s) => agg(s.scores[V]!.steps)).acc,
      samples: k,
      generatedTokens: all,
    };
  }
  if (id.startsWith('weighted@')) {
    return {
      accuracy: naiveVote(sub, correct, (g) => g.reduce((a, s) => a + last(s), 0), allAnswers, tie),
      samples: k,
      generatedTokens: all,
    };
  }
  if (id.startsWith('bom@')) {
    const frequent = (g: Map<string, Sample[]>) => {
      const keep = [...g.keys()].filter((a) => g.get(a)!.length >= BOM * k);
      if (keep.length > 0) return keep;
      const top = Math.max(...[...g.values()].map((x) => x.length));
      return [...g.keys()].filter((a) => g.get(a)!.length === top);
    };
    return {
      accuracy: naiveVote(sub, correct, (g) => Math.max(...g.map(last)), frequent, tie),
      samples: k,
      generatedTokens: all,
    };
  }
  throw new Error(`no naive rule for ${id}`);
}

const sampleArb: fc.Arbitrary<TinySample> = fc.record({
  answer: fc.constantFrom('1', '2', '3', null),
  tokens: fc.constantFrom(3, 5, 8),
  meanLogprob: fc.constantFrom(-0.1, -0.5, -0.9),
  minLogprob: fc.constantFrom(-1, -2),
  scores: fc.record({
    [V]: fc.array(fc.constantFrom(0, 0.1, 0.5, 0.9), { minLength: 1, maxLength: 3 }),
  }),
});

/**
 * Pools of tiny samples; half of them with every score shifted by −0.5, so negative weights (whose
 * running sums can fall: the weighted vote's generic path) are covered as well as nonnegative ones
 * (its incrementally tracked leader), zeros included.
 */
const samplesArb = (maxLength: number) =>
  fc
    .tuple(fc.array(sampleArb, { minLength: 1, maxLength }), fc.boolean())
    .map(([samples, signed]) =>
      signed
        ? samples.map((x) => ({ ...x, scores: { [V]: x.scores![V]!.map((v) => v - 0.5) } }))
        : samples,
    );

function curvesFor(
  samples: TinySample[],
  estimator: 'prefix' | 'subsample',
  tie: TieRule,
  draws: number,
  ks?: number[],
) {
  const pool = tinyPool([tinyEntry('p', '1', samples)], [V]);
  const strategies = poolStrategies(pool, { bomThreshold: BOM });
  const n = samples.length;
  const kList = ks ?? Array.from({ length: n }, (_, i) => i + 1);
  const m = problemMatrix([prepareProblem(pool.problems[0]!)], strategies, {
    estimator,
    ks: kList,
    draws,
    seed: 3,
    tieRule: tie,
  });
  return { pool, strategies, ks: kList, m };
}

describe('curves match brute force', () => {
  for (const tie of ['first', 'random'] as const) {
    it(`subsample estimator equals the average over every size-k subset (tie rule ${tie})`, () => {
      fc.assert(
        fc.property(samplesArb(7), (samples) => {
          const { pool, strategies, ks, m } = curvesFor(samples, 'subsample', tie, 10_000);
          const all = pool.problems[0]!.samples;
          strategies.forEach((s, si) => {
            ks.forEach((k, j) => {
              let acc = 0;
              let used = 0;
              let tokens = 0;
              let count = 0;
              forEachSubset(all.length, k, (subset) => {
                const r = naive(
                  s.id,
                  Array.from(subset, (i) => all[i]!),
                  '1',
                  tie,
                );
                acc += r.accuracy;
                used += r.samples;
                tokens += r.generatedTokens;
                count++;
              });
              expect(m.accuracy[si]![j]![0], `${s.id} k=${k}`).toBeCloseTo(acc / count, 10);
              expect(m.samples[si]![j]![0], `${s.id} k=${k} samples`).toBeCloseTo(used / count, 10);
              expect(m.generatedTokens[si]![j]![0], `${s.id} k=${k} tokens`).toBeCloseTo(
                tokens / count,
                10,
              );
            });
          });
        }),
        { numRuns: 150, seed: 20261123 },
      );
    });

    it(`prefix estimator equals the rule on the first k samples (tie rule ${tie})`, () => {
      fc.assert(
        fc.property(samplesArb(9), (samples) => {
          const { pool, strategies, ks, m } = curvesFor(samples, 'prefix', tie, 1);
          const all = pool.problems[0]!.samples;
          strategies.forEach((s, si) => {
            ks.forEach((k, j) => {
              const r = naive(s.id, all.slice(0, k), '1', tie);
              expect(m.accuracy[si]![j]![0], `${s.id} k=${k}`).toBeCloseTo(r.accuracy, 12);
              expect(m.samples[si]![j]![0], `${s.id} k=${k} samples`).toBeCloseTo(r.samples, 12);
              expect(m.generatedTokens[si]![j]![0], `${s.id} k=${k} tokens`).toBeCloseTo(
                r.generatedTokens,
                12,
              );
            });
          });
        }),
        { numRuns: 150, seed: 7 },
      );
    });
  }

  // Where C(n, k) exceeds the draw count the vote rules are Monte Carlo averages over `draws` random
  // subsets: with 2000 draws the standard error is at most 0.5/√2000 ≈ 0.011, so 0.05 is > 4 s.e.
  it('subsample Monte Carlo estimates stay within 0.05 of the exact average (n = 14, k = 5..9)', () => {
    const pattern: TinySample[] = Array.from({ length: 14 }, (_, i) => ({
      answer: ['1', '2', '2', '3', null, '1', '2'][i % 7]!,
      tokens: 3 + (i % 4),
      scores: { [V]: [[0.2, 0.9, 0.5, 0.7][i % 4]!] },
    }));
    for (const tie of ['first', 'random'] as const) {
      const ks = [5, 7, 9];
      const { pool, strategies, m } = curvesFor(pattern, 'subsample', tie, 2000, ks);
      const all = pool.problems[0]!.samples;
      strategies.forEach((s, si) => {
        ks.forEach((k, j) => {
          let acc = 0;
          let count = 0;
          forEachSubset(all.length, k, (subset) => {
            acc += naive(
              s.id,
              Array.from(subset, (i) => all[i]!),
              '1',
              tie,
            ).accuracy;
            count++;
          });
          expect(
            Math.abs(m.accuracy[si]![j]![0]! - acc / count),
            `${s.id} k=${k} ${tie}`,
          ).toBeLessThan(0.05);
        });
      });
    }
  });
});
