/** What an experiment's settings mean for tree search: the step verifier, the settings, the problems. */
import { DEFAULT_TREE_SETTINGS, type TreeSettings } from '../../core/search';
import type { Problem } from '../../core/types';
import type { SearchVerifier } from '../../runtime/searchApi';
import { problemSet } from '../experiment/problemSource';
import {
  isBuiltinPolicy,
  MAX_TREE_N,
  MAX_TREE_PROBLEMS,
  type Experiment,
} from '../experiment/settings';
import { modelVerifier } from '../experiment/modelVerifier';

/** The step verifier the experiment's verifier choice stands for, or why search cannot run. */
export function searchVerifier(e: Experiment): SearchVerifier | string {
  const model = modelVerifier(e);
  if (model)
    return {
      kind: 'model',
      id: model.id,
      spec: model.spec,
      eosText: model.eosText,
      ...(model.rule ? { rule: model.rule } : {}),
    };
  if (e.verifier === 'remote')
    return 'Choose the remote verifier’s server and model (Verifier: Remote verifier).';
  if (e.verifier === 'hub')
    return 'Choose the hub verifier’s model and a rule (Verifier: Hub model + rule).';
  if (e.verifier === 'oracle') return { kind: 'oracle' };
  if (e.verifier === 'noisy-oracle') return { kind: 'oracle', noisy: { ...e.noisy, seed: e.seed } };
  return 'Tree search needs a step verifier: choose a learned verifier, the oracle or the noisy oracle.';
}

/** The settings `ttc sweep --strategy` uses by default, with the experiment's width and temperature. */
export const searchSettings = (e: Experiment): TreeSettings => ({
  ...DEFAULT_TREE_SETTINGS,
  m: e.treeM,
  temperature: e.temperatures[0] ?? 1,
  select: e.treeSelect,
  firstWave: e.treeFirstWave,
});

/** Whether the tree-policy override applies: a built-in pool policy in this page (same task). */
export const treePolicyApplies = (e: Pick<Experiment, 'policy' | 'remote'>): boolean =>
  e.remote === null && isBuiltinPolicy(e.policy);

/** The experiment a tree search draws with: the pool's policy, or the tree policy where set. */
export const searchPolicy = (e: Experiment): Experiment =>
  e.treePolicy !== null && treePolicyApplies(e) ? { ...e, policy: e.treePolicy } : e;

export const selectedProblem = (e: Experiment): Problem => problemSet(e)[e.problem]!;

/** The problems the chart's tree curves run on: the experiment's first ones (same ids as its pool). */
export const treeProblems = (e: Experiment): Problem[] =>
  problemSet(e, Math.min(e.problems, MAX_TREE_PROBLEMS));

/** Budgets of the chart's tree curves: powers of two up to the pool's N and `MAX_TREE_N`. */
export function treeBudgets(e: Experiment): number[] {
  const out: number[] = [];
  for (let n = 1; n <= Math.min(e.n, MAX_TREE_N); n *= 2) out.push(n);
  return out;
}
