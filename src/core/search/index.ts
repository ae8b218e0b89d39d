/**
 * Tree strategies: the verifier steers generation step by step. Each budget is a real run (cached by
 * the caller under `searchKey`), unlike the pool strategies whose every budget is read off one pool.
 */
import { beamSearch } from '../strategies/beamSearch';
import { bestFirst } from '../strategies/bestFirst';
import { dvts } from '../strategies/dvts';
import { mcts } from '../strategies/mcts';
import { particleFilter } from '../strategies/particleFilter';
import type { FinalSelection } from './finalSelection';
import type { SearchContext, SearchResult } from './types';

export type TreeStrategyId = 'beam' | 'dvts' | 'particle-filter' | 'mcts' | 'best-first';

export interface TreeSettings {
  /** Width M (beam, DVTS, MCTS, best-first). */
  m: number;
  maxSteps: number;
  temperature: number;
  /** Lookahead steps (beam, DVTS). */
  lookahead: number;
  /** How beam search, DVTS and particle filtering choose the answer from their completed set. */
  select: FinalSelection;
  /**
   * Drop duplicates: beam search's open beams before pruning (search-and-learn's `filter_duplicates`),
   * and every completed set before its answer is chosen.
   */
  filterDuplicates: boolean;
  /** Beam search: keep the N best completed beams, not the first N (`sort_completed`). */
  sortCompleted: boolean;
  /**
   * The first wave's variants, before the strategies followed their reference code: shrinking beams,
   * pruning at the step limit, one leaf per DVTS subtree, finished particles leaving the population
   * and weights softmax(score / τ). Links made before version 2 replay with it on.
   */
  firstWave: boolean;
  /** Particle-filter softmax temperature (the first-wave weights only). */
  tau: number;
  /** MCTS exploration constant. */
  c: number;
}

export const DEFAULT_TREE_SETTINGS: TreeSettings = {
  m: 4,
  maxSteps: 40,
  temperature: 1,
  lookahead: 0,
  select: 'best',
  filterDuplicates: false,
  sortCompleted: false,
  firstWave: false,
  tau: 0.1,
  c: 1,
};

export interface TreeStrategy {
  id: TreeStrategyId;
  label: string;
  /** What the budget N counts (the docs' table). */
  budget: string;
  run(ctx: SearchContext, n: number, s: TreeSettings): Promise<SearchResult>;
}

export const TREE_STRATEGIES: Readonly<Record<TreeStrategyId, TreeStrategy>> = {
  beam: {
    id: 'beam',
    label: 'Beam search (PRM)',
    budget: 'beams: N candidates every iteration (N/M survivors, duplicated back to N)',
    run: (ctx, n, s) =>
      beamSearch(ctx, {
        n,
        m: s.m,
        maxSteps: s.maxSteps,
        temperature: s.temperature,
        lookahead: s.lookahead,
        select: s.select,
        filterDuplicates: s.filterDuplicates,
        sortCompleted: s.sortCompleted,
        shrinkingBeams: s.firstWave,
        pruneAtLimit: s.firstWave,
      }),
  },
  dvts: {
    id: 'dvts',
    label: 'DVTS',
    budget: 'N/M independent subtrees × M candidates per step',
    run: (ctx, n, s) =>
      dvts(ctx, {
        n,
        m: s.m,
        maxSteps: s.maxSteps,
        temperature: s.temperature,
        lookahead: s.firstWave ? 0 : s.lookahead,
        select: s.select,
        oneLeafPerSubtree: s.firstWave,
        filterDuplicates: s.filterDuplicates,
        pruneAtLimit: s.firstWave,
      }),
  },
  'particle-filter': {
    id: 'particle-filter',
    label: 'Particle filtering',
    budget: 'N particles, each extended by one step per round',
    run: (ctx, n, s) =>
      particleFilter(ctx, {
        n,
        maxSteps: s.maxSteps,
        temperature: s.temperature,
        select: s.select,
        filterDuplicates: s.filterDuplicates,
        ...(s.firstWave ? { dropFinished: true, temperedWeights: s.tau } : {}),
      }),
  },
  mcts: {
    id: 'mcts',
    label: 'MCTS',
    budget: 'N rollouts (each adds one step and backs up one verifier value)',
    run: (ctx, n, s) =>
      mcts(ctx, {
        rollouts: n,
        c: s.c,
        m: s.m,
        maxSteps: s.maxSteps,
        temperature: s.temperature,
        answerBy: 'visits',
      }),
  },
  'best-first': {
    id: 'best-first',
    label: 'Best-first',
    budget: 'N expansions of M candidate steps each',
    run: (ctx, n, s) =>
      bestFirst(ctx, { expansions: n, m: s.m, maxSteps: s.maxSteps, temperature: s.temperature }),
  },
};

export const isTreeStrategy = (id: string): id is TreeStrategyId =>
  Object.prototype.hasOwnProperty.call(TREE_STRATEGIES, id);

/** Everything that determines a run: the cache key for replaying it instead of re-running. */
export function searchKey(
  problemId: string,
  strategy: TreeStrategyId,
  n: number,
  s: TreeSettings,
  seed: number,
  models: string,
): string {
  return JSON.stringify([
    problemId,
    strategy,
    n,
    s.m,
    s.maxSteps,
    s.temperature,
    s.lookahead,
    s.tau,
    s.c,
    s.select,
    s.filterDuplicates,
    s.sortCompleted,
    s.firstWave,
    seed,
    models,
  ]);
}

export { beamSearch, dvts, particleFilter, mcts, bestFirst };
export { FINAL_SELECTIONS, selectFinal, type FinalSelection } from './finalSelection';
export type {
  SearchContext,
  SearchResult,
  StepPolicy,
  StepScorer,
  StepProposal,
  StepRequest,
} from './types';
export {
  replayTrace,
  validateTrace,
  pathTo,
  type SearchTrace,
  type SearchTree,
  type TreeNode,
  type TraceEvent,
} from './trace';
