/**
 * Cache identity: the key of every stored or held result, one function per kind, built from the
 * experiment table (the settings that determine it) plus what the table cannot know: the engine
 * version, the backend the experiment resolved to, and the content hashes of the model files. A
 * retrained model, a new engine or another token limit is another key, never a stale result.
 */
import { ENGINE_VERSION } from '../../core/version';
import type { Experiment } from './settings';
import { settingsKey } from './table';

/**
 * The pool a page holds (in memory): what draws its samples, not how many (one pool serves every
 * problem count and N). The model files are checked when they load (`storedPoolKey`).
 */
export function poolKey(e: Experiment, backend: string): string {
  return JSON.stringify([ENGINE_VERSION, settingsKey(e, 'samples'), backend]);
}

/** A pool kept in this browser: the held pool's key and the policy file that drew it. */
export function storedPoolKey(e: Experiment, backend: string, policyHash: string): string {
  return JSON.stringify([poolKey(e, backend), policyHash]);
}

/**
 * The scored pool and its curves, computed again from the held pool whenever it changes (never
 * stored): the scoring settings, how scores become curves, and how many of the pool's problems.
 */
export function curvesKey(e: Experiment): string {
  return JSON.stringify([settingsKey(e, 'scores'), settingsKey(e, 'curves'), e.problems]);
}

/**
 * A tree-search run's models and settings: everything but the problem, strategy, budget and seed,
 * which `searchKey` (src/core/search) adds. Hashes are of the files the search worker loaded.
 */
export function searchModelsKey(
  e: Experiment,
  backend: string,
  policyHash: string,
  verifierHash: string | null,
): string {
  return JSON.stringify([
    ENGINE_VERSION,
    settingsKey(e, 'search'),
    backend,
    policyHash,
    verifierHash,
  ]);
}
