import { Rng } from '../rng';
import type { Problem } from '../types';

/**
 * The seed of search run `s` on a problem: named by (experiment seed, problem, run), shared by every
 * strategy and budget, so the app and `ttc sweep --strategy` replay the same searches.
 */
export const runSeed = (seed: number, problem: Problem, s: number): number =>
  Rng.fromSeed(seed, 'search-run', problem.id, s).nextU32();
