/**
 * From the app's working pool to the pool the engine scores (and the user exports): the chosen
 * verifier's scores only (the noisy oracle's computed here, seeded), in the format `ttc score` reads.
 */
import { POOL_FORMAT_VERSION } from '../../core/pool/migrate';
import type { ModelRef, Pool, Sample, VerifierInfo, VerifierScore } from '../../core/types';
import {
  noisyOracleId,
  noisyOracleInfo,
  noisyOracleScore,
  type NoisyOracleParams,
} from '../../core/verifiers/noisyOracle';
import { ENGINE_VERSION } from '../../core/version';
// From core, not runtime/drawSamples: that module pulls in ONNX Runtime, which stays in the workers.
import { CONFIDENCE_VERIFIER, generativeVerifierInfo } from '../../core/verifiers/verifierFree';
import type { WorkingEntry } from '../pool/growPool';
import { modelVerifier } from './modelVerifier';
import { bonAggregation } from './verifierSettings';
import type { Experiment, StrategyKey } from './settings';

/** The engine's id of the chosen verifier, or null for none. */
export function verifierId(e: Experiment): string | null {
  switch (e.verifier) {
    case 'none':
      return null;
    case 'noisy-oracle':
      return noisyOracleId({ ...e.noisy, seed: e.seed });
    case 'remote':
    case 'hub':
      return modelVerifier(e)?.id ?? null;
    default:
      return e.verifier;
  }
}

/**
 * The engine strategy id a toggle stands for, or null when it needs a verifier and there is none.
 * Best-of-N reads an outcome, or a step-only PRM's steps by the experiment's aggregation.
 */
export function strategyId(key: StrategyKey, e: Experiment): string | null {
  const verifier = verifierId(e);
  switch (key) {
    case 'bon':
      return verifier && `bon-${bonAggregation(e)}@${verifier}`;
    case 'weighted':
      return verifier && `weighted@${verifier}`;
    case 'bom':
      return verifier && `bom@${verifier}`;
    default:
      return key;
  }
}

export interface PoolMeta {
  backend: string;
  models: ModelRef[];
}

export function scoredPool(
  entries: readonly WorkingEntry[],
  e: Experiment,
  meta: PoolMeta,
  createdAt = new Date().toISOString(),
): Pool {
  const vid = verifierId(e);
  const noisy: NoisyOracleParams | null =
    e.verifier === 'oracle' || e.verifier === 'noisy-oracle'
      ? { ...e.noisy, seed: e.seed, ...(e.verifier === 'oracle' ? ORACLE : {}) }
      : null;
  const verifiers: VerifierInfo[] = noisy
    ? [noisyOracleInfo(noisy)]
    : vid
      ? [modelVerifier(e) ? generativeVerifierInfo(vid) : CONFIDENCE_VERIFIER]
      : [];
  // One pass over the samples (this runs on the main thread before every rescore): keep only the
  // chosen verifier's scores, computing the noisy oracle's where the sample lacks them. Its id names
  // every parameter and its draws are seeded per (seed, problem, sample), so a score already stored
  // under that id (an opened pool) is the one it would compute.
  const scoresOf = (problemId: string, s: Sample): Record<string, VerifierScore> => {
    if (!vid) return {};
    const own = s.scores[vid];
    if (own) return { [vid]: own };
    return noisy ? { [vid]: noisyOracleScore(problemId, s, noisy) } : {};
  };
  return {
    format: 'ttc-pool',
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: e.task, levels: e.levels, seed: e.seed },
    models: meta.models.filter((m) => m.role === 'policy' || m.id === vid),
    verifiers,
    sampling: { temperatures: e.temperatures, topP: 1, topK: 0, maxTokens: e.maxTokens },
    seed: e.seed,
    backend: meta.backend,
    createdAt,
    problems: entries.map(({ problem, samples, cost }) => ({
      problem,
      cost,
      samples: samples.map((s) => ({ ...s, scores: scoresOf(problem.id, s) })),
    })),
  };
}

const ORACLE = { falsePositive: 0, falseNegative: 0, noise: 0 };
