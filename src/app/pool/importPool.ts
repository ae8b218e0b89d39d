/**
 * A pool file (from `ttc sweep`, or exported by the page) shown without recomputing: the experiment it
 * answers, and the working entries the page holds.
 */
import { parsePool } from '../../core/pool/validate';
import type { Pool } from '../../core/types';
import { getTask, isTask } from '../../core/tasks';
import {
  LEARNED_VERIFIERS,
  LEVELS,
  MAX_SAMPLES,
  MAX_TOKEN_LIMIT,
  POLICY_DTYPES,
  type Experiment,
  type PolicyDtype,
  type VerifierChoice,
} from '../experiment/settings';
import type { WorkingEntry } from './growPool';
import { checkModelId } from '../../runtime/hub/resolve';
import { defaultSystemPrompt } from '../hub/policySpec';

/** Pool files larger than this are refused before parsing (the page would stall or run out of memory). */
export const MAX_POOL_BYTES = 256 * 1024 * 1024;

const floorPow2 = (x: number) => 2 ** Math.floor(Math.log2(Math.max(1, x)));

/** The settings under which the page shows `pool`: its task, levels, seed, size and best verifier. */
export function experimentFromPool(pool: Pool, current: Experiment): Experiment {
  const minN = Math.min(...pool.problems.map((p) => p.samples.length));
  const n = Math.min(MAX_SAMPLES, floorPow2(minN));
  const ids = pool.verifiers.map((v) => v.id);
  const learned = LEARNED_VERIFIERS.find((v) => ids.includes(v));
  const noisy = pool.verifiers.find((v) => v.kind === 'noisy-oracle');
  let verifier: VerifierChoice = 'oracle'; // the checker's verdicts are in every pool
  let noisySettings = current.noisy;
  if (learned) verifier = learned;
  else if (noisy?.params) {
    verifier = 'noisy-oracle';
    const num = (k: string) =>
      typeof noisy.params![k] === 'number' ? (noisy.params![k] as number) : 0;
    noisySettings = {
      falsePositive: num('falsePositive'),
      falseNegative: num('falseNegative'),
      noise: num('noise'),
    };
  } else if (ids.includes('policy-confidence')) verifier = 'policy-confidence';
  const task = isTask(pool.task.id) ? pool.task.id : current.task;
  // A hub policy's pool names its model, weights, commit and prompt: more samples come from them.
  const policy = pool.models.find((m) => m.role === 'policy');
  const source = policy?.source;
  const hub =
    policy && source && checkModelId(policy.id) === null
      ? {
          policy: policy.id,
          revision: source.revision,
          ...((POLICY_DTYPES as readonly string[]).includes(source.dtype)
            ? { dtype: source.dtype as PolicyDtype }
            : {}),
          ...(source.system !== undefined
            ? {
                system:
                  source.system === defaultSystemPrompt(pool.task.id, policy.id)
                    ? null
                    : source.system,
              }
            : {}),
        }
      : {};
  const levels = [...new Set(pool.problems.map((p) => p.problem.level))].sort((a, b) => a - b);
  return {
    ...current,
    ...hub,
    task,
    // Imported problems may have no level (0): the set is then named by its hash, not its levels.
    levels: levels.every((l) => (LEVELS as readonly number[]).includes(l))
      ? levels
      : current.levels,
    problems: pool.problems.length,
    n,
    seed: pool.seed,
    temperatures:
      pool.sampling.temperatures.length > 0 ? pool.sampling.temperatures : current.temperatures,
    maxTokens: Math.min(MAX_TOKEN_LIMIT, pool.sampling.maxTokens ?? getTask(task).maxTokens),
    verifier,
    noisy: noisySettings,
    budget: Math.min(current.budget, n),
    problem: Math.min(current.problem, pool.problems.length - 1),
  };
}

/** Samples that stopped before the token limit ended with end-of-sequence (the runtime's only stops). */
export function workingEntries(pool: Pool): WorkingEntry[] {
  return pool.problems.map((entry) => ({
    ...entry,
    // Unknown length (imported text): it ended itself, as far as anyone can tell.
    finished: entry.samples.map(
      (s) =>
        s.tokens === null || pool.sampling.maxTokens === null || s.tokens < pool.sampling.maxTokens,
    ),
  }));
}

/** Reads a pool file's text with the size check first; throws with a message for the user. */
export function readPoolText(text: string, name: string): Pool {
  if (text.length > MAX_POOL_BYTES)
    throw new Error(`${name} is larger than ${MAX_POOL_BYTES >> 20} MB`);
  try {
    return parsePool(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n').slice(0, 3).join('; ') : String(e);
    throw new Error(`${name} is not a pool file: ${detail}`);
  }
}

/** Only same-origin paths may be opened from a link (`?pool=/pools/demo.json`), never other sites. */
export function poolUrl(param: string, origin: string): URL | null {
  if (!param.startsWith('/') || param.startsWith('//')) return null;
  try {
    const url = new URL(param, origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}
