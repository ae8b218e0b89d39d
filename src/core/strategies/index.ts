import { isPrepared, knownFields, type PreparedPool } from '../metrics/prepare';
import type { Pool } from '../types';
import { STEP_AGGREGATIONS, type Aggregation } from '../verifiers/aggregate';
import { bestOfMajority, DEFAULT_BOM_THRESHOLD } from './bestOfMajority';
import { bestOfN } from './bestOfN';
import { confidenceSelection } from './confidence';
import { earlyStoppingVote } from './earlyStoppingVote';
import { firstFinish } from './firstFinish';
import { majorityVote } from './majorityVote';
import { oracle } from './oracle';
import type { PoolStrategy } from './types';
import { weightedVote } from './weightedVote';

export interface PoolStrategyOptions {
  bomThreshold?: number;
}

/** What a verifier's scores allow: outcome-based BoN when it gave outcomes, step aggregations when steps. */
export function verifierAggregations(pool: Pool | PreparedPool, verifier: string): Aggregation[] {
  let steps = false;
  let outcome = false;
  if (isPrepared(pool)) {
    for (const p of pool.problems) {
      const cols = p.scores[verifier];
      steps ||= !!cols?.hasSteps;
      outcome ||= !!cols?.hasOutcome;
    }
  } else {
    for (const entry of pool.problems) {
      for (const s of entry.samples) {
        const score = s.scores[verifier];
        if (!score) continue;
        if (score.steps.length > 0) steps = true;
        if (score.outcome !== undefined) outcome = true;
      }
    }
  }
  return [...(outcome ? (['outcome'] as const) : []), ...(steps ? STEP_AGGREGATIONS : [])];
}

/** A strategy the pool cannot score, and why (what its samples do not say). */
export interface UnavailableStrategy {
  id: string;
  label: string;
  reason: string;
}

/** Strategies that need what some samples leave unknown (pool version 2): log-probs, token counts. */
export function unavailableStrategies(pool: Pool | PreparedPool): UnavailableStrategy[] {
  const known = knownFields(pool);
  const out: UnavailableStrategy[] = [];
  const add = (s: PoolStrategy, reason: string) => out.push({ id: s.id, label: s.label, reason });
  if (!known.logprobs)
    for (const s of [confidenceSelection('mean'), confidenceSelection('min')])
      add(s, 'not available: the pool has samples without log-probs');
  if (!known.tokens) add(firstFinish, 'not available: the pool has samples without token counts');
  return out;
}

/** Every pool-based strategy the pool supports, the oracle first. */
export function poolStrategies(
  pool: Pool | PreparedPool,
  opts: PoolStrategyOptions = {},
): PoolStrategy[] {
  const unavailable = new Set(unavailableStrategies(pool).map((u) => u.id));
  const list: PoolStrategy[] = [
    oracle,
    majorityVote,
    earlyStoppingVote,
    confidenceSelection('mean'),
    confidenceSelection('min'),
    firstFinish,
  ].filter((s) => !unavailable.has(s.id));
  for (const v of isPrepared(pool) ? pool.meta.verifiers : pool.verifiers) {
    const aggregations = verifierAggregations(pool, v.id);
    if (aggregations.length === 0) continue;
    for (const a of aggregations) list.push(bestOfN(v.id, a));
    list.push(weightedVote(v.id));
    list.push(bestOfMajority(v.id, opts.bomThreshold ?? DEFAULT_BOM_THRESHOLD));
  }
  return list;
}

export {
  majorityVote,
  earlyStoppingVote,
  weightedVote,
  bestOfMajority,
  bestOfN,
  confidenceSelection,
  firstFinish,
  oracle,
};
export type { PoolStrategy, ArgmaxStrategy, VoteStrategy, TieRule } from './types';
