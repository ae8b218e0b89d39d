/**
 * The partial-selection sampler draws exactly what the sort-based definition draws for the same
 * uniform number: random logits with many ties (and -Infinity), every combination of greedy,
 * temperature, top-k and top-p, vocabularies small and large enough that the draw walks past the
 * first candidates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import {
  candidatesSuffice,
  drawFromCandidates,
  logNormalizer,
  sampleToken,
  topIds,
  type SamplingParams,
} from './sampling';

/** The definition: sort every token (logit descending, ties by id), truncate, inverse CDF. */
function sortedReference(
  logits: Float32Array,
  p: SamplingParams,
  u: number,
): { token: number; logprob: number } {
  const V = logits.length;
  let max = -Infinity;
  for (const l of logits) max = Math.max(max, l);
  let z = 0;
  for (const l of logits) z += Math.exp(l - max);
  const lz = max + Math.log(z);
  const lp = (v: number) => logits[v]! - lz;
  const order = Array.from({ length: V }, (_, v) => v).sort(
    (a, b) => logits[b]! - logits[a]! || a - b,
  );
  if (p.temperature === 0) return { token: order[0]!, logprob: lp(order[0]!) };
  const keep = p.topK > 0 ? Math.min(p.topK, V) : V;
  const w = (v: number) => Math.exp((lp(v) - lp(order[0]!)) / p.temperature);
  const sumById = (ids: number[]) => [...ids].sort((a, b) => a - b).reduce((s, v) => s + w(v), 0);
  let total = sumById(order.slice(0, keep));
  let n = keep;
  if (p.topP < 1) {
    let mass = 0;
    for (let i = 0; i < keep; i++) {
      mass += w(order[i]!) / total;
      if (mass >= p.topP) {
        n = i + 1;
        break;
      }
    }
    total = sumById(order.slice(0, n));
  }
  let left = u * total;
  for (let i = 0; i < n; i++) {
    left -= w(order[i]!);
    if (left < 0) return { token: order[i]!, logprob: lp(order[i]!) };
  }
  return { token: order[n - 1]!, logprob: lp(order[n - 1]!) };
}

const fixed = (u: number) => ({ next: () => u }) as unknown as Rng;

const params = fc.record({
  temperature: fc.constantFrom(0, 0.3, 0.7, 1, 1.6),
  topK: fc.constantFrom(0, 1, 3, 20, 64, 65, 300),
  topP: fc.constantFrom(1, 0.99, 0.9, 0.5, 0.05),
});

describe('sampleToken (partial selection)', () => {
  it('draws what the sort-based definition draws, on random logits with ties', () => {
    fc.assert(
      fc.property(
        // Few distinct values, so ties are everywhere; some -Infinity (masked tokens).
        // Lengths drawn uniformly (fast-check's default sizes stay small, below the first 64 candidates).
        fc.integer({ min: 1, max: 400 }).chain((n) =>
          fc.array(fc.constantFrom(-Infinity, -3, -1, -0.5, 0, 0.25, 2, 2.5, 7), {
            minLength: n,
            maxLength: n,
          }),
        ),
        params,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (values, p, u) => {
          fc.pre(values.some((v) => v > -Infinity));
          const logits = Float32Array.from(values);
          const got = sampleToken(logits, 0, logits.length, p, fixed(u));
          const want = sortedReference(logits, p, u);
          expect(got.token).toBe(want.token);
          expect(got.logprob).toBe(want.logprob);
        },
      ),
      { numRuns: 3000, seed: 17 },
    );
  });

  it('agrees where the draw walks far past the first candidates (flat logits, V = 20,000)', () => {
    const rng = Rng.fromSeed(5);
    const logits = Float32Array.from({ length: 20000 }, () => Math.floor(rng.next() * 50) / 100);
    for (const u of [0, 0.01, 0.3, 0.77, 0.999999]) {
      for (const p of [
        { temperature: 1, topK: 0, topP: 1 },
        { temperature: 0.8, topK: 0, topP: 0.95 },
        { temperature: 1.2, topK: 5000, topP: 0.7 },
      ]) {
        const got = sampleToken(logits, 0, logits.length, p, fixed(u));
        expect(got.token).toBe(sortedReference(logits, p, u).token);
      }
    }
  });

  it('reads a row at an offset, and topIds orders by logit then id', () => {
    const row = Float32Array.from([9, 9, 1, 3, 3, 2, 3]);
    expect(topIds(row, 2, 5, 3)).toEqual([1, 2, 4]);
    expect(topIds(row, 0, 7, 10)).toEqual([0, 1, 3, 4, 6, 5, 2]);
    const padded = Float32Array.from([100, 100, ...row]);
    const p = { temperature: 1, topK: 0, topP: 1 };
    expect(sampleToken(padded, 2, 7, p, fixed(0.5)).token).toBe(
      sampleToken(row, 0, 7, p, fixed(0.5)).token,
    );
  });

  it('seeded streams reproduce, and self-certainty is KL(uniform ‖ p): 0 for a flat row', () => {
    const rng = Rng.fromSeed(1);
    const logits = Float32Array.from({ length: 1000 }, () => rng.next() * 4);
    const p = { temperature: 0.9, topK: 40, topP: 0.95 };
    const draw = (seed: number) => {
      const r = Rng.fromSeed(seed);
      return Array.from({ length: 50 }, () => sampleToken(logits, 0, 1000, p, r).token);
    };
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    expect(sampleToken(new Float32Array(8).fill(2), 0, 8, p, fixed(0.5)).certainty).toBeCloseTo(
      0,
      12,
    );
    // Peaked: KL(U‖p) = −log V − mean log p.
    const peaked = Float32Array.from([5, 0, 0, 0]);
    const lz = Math.log(Math.exp(5) + 3);
    const kl = -Math.log(4) - (5 - lz + 3 * (0 - lz)) / 4;
    expect(sampleToken(peaked, 0, 4, p, fixed(0.5)).certainty).toBeCloseTo(kl, 12);
  });
});

describe('drawFromCandidates (the sampling head’s top-K)', () => {
  it('draws what sampleToken draws whenever top-k ≤ K, given the same normalizer', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) =>
            fc.array(fc.constantFrom(-2, -1, 0, 0.5, 1, 3), { minLength: n, maxLength: n }),
          ),
        fc.record({
          temperature: fc.constantFrom(0, 0.5, 1, 1.4),
          topK: fc.constantFrom(1, 5, 20, 64),
          topP: fc.constantFrom(1, 0.9, 0.3),
        }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (values, p, u) => {
          const logits = Float32Array.from(values);
          const V = logits.length;
          const K = 64;
          const ids = topIds(logits, 0, V, K);
          const { lz, mean } = logNormalizer(logits, 0, V);
          const c = {
            values: Float32Array.from(ids, (i) => logits[i]!),
            ids,
            at: 0,
            K: ids.length,
            lz,
            mean,
            V,
          };
          expect(drawFromCandidates(c, p, fixed(u))).toEqual(
            sampleToken(logits, 0, V, p, fixed(u)),
          );
        },
      ),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('refuses a top-k it cannot honour, and says which settings it can', () => {
    expect(candidatesSuffice({ temperature: 0, topK: 0, topP: 1 }, 64)).toBe(true);
    expect(candidatesSuffice({ temperature: 1, topK: 0, topP: 0.9 }, 64)).toBe(false);
    expect(candidatesSuffice({ temperature: 1, topK: 65, topP: 1 }, 64)).toBe(false);
    const c = {
      values: new Float32Array(4),
      ids: [0, 1, 2, 3],
      at: 0,
      K: 4,
      lz: 0,
      mean: 0,
      V: 10,
    };
    expect(() => drawFromCandidates(c, { temperature: 1, topK: 5, topP: 1 }, fixed(0.5))).toThrow(
      /needs more than 4/,
    );
  });
});
