import { Rng } from '../rng';
import type { Pool, Sample, VerifierInfo, VerifierScore } from '../types';

/**
 * A controllable imperfect verifier (cf. *Inference Scaling fLaws*): the exact checker's verdict on each
 * step and on the final answer, flipped with probability `falsePositive` (a wrong one called right) or
 * `falseNegative` (a right one called wrong), plus Gaussian score noise of s.d. `noise`, clamped to
 * [0, 1]. With all three at 0 it is the exact oracle verifier.
 *
 * Every draw comes from a stream named by (seed, problem, sample index), so a sample's scores never
 * change when more samples or problems are added.
 */
export interface NoisyOracleParams {
  falsePositive: number;
  falseNegative: number;
  noise: number;
  seed: number;
}

export const ORACLE_PARAMS: NoisyOracleParams = {
  falsePositive: 0,
  falseNegative: 0,
  noise: 0,
  seed: 0,
};

export function noisyOracleId(p: NoisyOracleParams): string {
  if (p.falsePositive === 0 && p.falseNegative === 0 && p.noise === 0) return 'oracle';
  return `noisy-oracle(fp=${p.falsePositive},fn=${p.falseNegative},noise=${p.noise},seed=${p.seed})`;
}

export function noisyOracleScore(
  problemId: string,
  sample: Sample,
  p: NoisyOracleParams,
): VerifierScore {
  const rng = Rng.fromSeed(p.seed, 'noisy-oracle', problemId, sample.index);
  const verdict = (truth: boolean) => {
    const flip = rng.bernoulli(truth ? p.falseNegative : p.falsePositive);
    const base = truth !== flip ? 1 : 0;
    const z = p.noise > 0 ? p.noise * rng.normal() : 0;
    return Math.min(1, Math.max(0, base + z));
  };
  const outcome = verdict(sample.correct);
  // Unchecked steps (free text) get no step scores: the oracle judges only what is known.
  const steps = sample.stepCorrect === null ? [] : sample.stepCorrect.map(verdict);
  // A checker reads no tokens: it costs nothing on the compute axis.
  return { steps, outcome, tokens: 0 };
}

/** The pool's record of a noisy oracle (its id names every parameter, seed included). */
export function noisyOracleInfo(params: NoisyOracleParams): VerifierInfo {
  const id = noisyOracleId(params);
  return { id, kind: id === 'oracle' ? 'oracle' : 'noisy-oracle', params: { ...params } };
}

/** A copy of the pool with the noisy oracle's scores added under `noisyOracleId(params)`. */
export function withNoisyOracle(pool: Pool, params: NoisyOracleParams): Pool {
  const info = noisyOracleInfo(params);
  const id = info.id;
  return {
    ...pool,
    verifiers: [...pool.verifiers.filter((v) => v.id !== id), info],
    problems: pool.problems.map((entry) => ({
      ...entry,
      samples: entry.samples.map((s) => ({
        ...s,
        scores: { ...s.scores, [id]: noisyOracleScore(entry.problem.id, s, params) },
      })),
    })),
  };
}
