/**
 * An experiment: everything that determines what is computed and shown, and the store's single
 * settings object. Each field is declared once in the experiment table (`table.ts`): its default,
 * its URL keys and what it determines, which the URL codec and the cache keys read.
 */
import type { Estimator } from '../../core/metrics/estimate';
import type { FinalSelection, TreeStrategyId } from '../../core/search';
import { STEP_DELIMITERS, taskWith, type StepDelimiterName } from '../../core/tasks';
import type { RuleId } from '../../core/verifiers/rules';

export type VerifierChoice =
  | 'arith-verifier'
  | 'arith-verifier-weak'
  | 'arith-prm'
  | 'oracle'
  | 'noisy-oracle'
  | 'policy-confidence'
  | 'hub'
  | 'remote'
  | 'none';

export type VerifierRule = 'generative' | RuleId;

export const PRM_AGGREGATIONS = ['last', 'min', 'prod'] as const;
export type PrmAggregation = (typeof PRM_AGGREGATIONS)[number];

/**
 * Learned verifiers run as models in their own worker; the rest are computed from the pool. The
 * generative verifiers are read by the generative rule, the tag PRM by its own (its config.json).
 */
export const LEARNED_VERIFIERS = ['arith-verifier', 'arith-verifier-weak', 'arith-prm'] as const;
export type LearnedVerifier = (typeof LEARNED_VERIFIERS)[number];
export const isLearned = (v: VerifierChoice): v is LearnedVerifier =>
  (LEARNED_VERIFIERS as readonly string[]).includes(v);

export const VERIFIER_LABELS: Record<VerifierChoice, string> = {
  'arith-verifier': 'Learned verifier (strong)',
  'arith-verifier-weak': 'Learned verifier (fallible)',
  'arith-prm': 'Tag PRM (built-in, Math-Shepherd reading)',
  oracle: 'Oracle checker (exact)',
  'noisy-oracle': 'Noisy oracle',
  'policy-confidence': "Policy's own confidence",
  hub: 'Hub model + rule',
  remote: 'Remote verifier (server)',
  none: 'None',
};

/** Strategies the user toggles; verifier-based ones use the chosen verifier. */
export type StrategyKey =
  | 'majority'
  | 'early-stop'
  | 'bon'
  | 'weighted'
  | 'bom'
  | 'confidence-min'
  | 'confidence-mean'
  | 'first-finish';

export const STRATEGY_KEYS: readonly StrategyKey[] = [
  'majority',
  'bon',
  'weighted',
  'bom',
  'early-stop',
  'confidence-min',
  'confidence-mean',
  'first-finish',
];

export const STRATEGY_LABELS: Record<StrategyKey, string> = {
  majority: 'Majority vote',
  bon: 'Best-of-N',
  weighted: 'Weighted vote',
  bom: 'Best-of-Majority',
  'early-stop': 'Early-stopping vote',
  'confidence-min': 'Confidence (min log-prob)',
  'confidence-mean': 'Confidence (mean log-prob)',
  'first-finish': 'First finish',
};

/** The strategy list with `key` switched, kept in the canonical order. */
export function toggleStrategy(list: readonly StrategyKey[], key: StrategyKey): StrategyKey[] {
  return list.includes(key)
    ? list.filter((s) => s !== key)
    : STRATEGY_KEYS.filter((s) => s === key || list.includes(s));
}

export const NEEDS_VERIFIER: ReadonlySet<StrategyKey> = new Set(['bon', 'weighted', 'bom']);

export type ComputeAxis = 'samples' | 'generated' | 'total' | 'flops' | 'memory' | 'wallclock';
export const COMPUTE_AXES: Record<ComputeAxis, string> = {
  samples: 'Samples (k)',
  generated: 'Generated tokens',
  total: 'Total tokens (incl. verifier)',
  flops: 'FLOPs (≈ 2·params·tokens)',
  memory: 'Memory traffic (bytes read decoding)',
  wallclock: 'Wall-clock (s, measured)',
};

export type BackendChoice = 'auto' | 'wasm' | 'webgpu';
export type BinMode = 'level' | 'quintile';

export interface NoisyOracleSettings {
  falsePositive: number;
  falseNegative: number;
  noise: number;
}

export interface Experiment {
  /** A registered task's id (`src/core/tasks`). */
  task: string;
  levels: number[];
  problems: number;
  /** Samples per problem in the pool; the budget slider can ask for more (the pool then grows). */
  n: number;
  seed: number;
  /**
   * The policy's OpenAI-compatible server (base URL with `/v1`), or null: the policy runs in this
   * page. Its API key is never part of the experiment.
   */
  remote: string | null;
  /** A built-in policy's id, a hub model's `org/name`, or the served name on `remote`. */
  policy: string;
  /** A hub policy's weights (transformers.js dtype); unused by the built-ins. */
  dtype: PolicyDtype;
  /** A hub policy's branch, tag or commit, as asked; the commit it resolved to is in the pool. */
  revision: string;
  /** A hub policy's system message; null: the default for its family and the task (`systemPrompt`). */
  system: string | null;
  verifier: VerifierChoice;
  /** The remote verifier's server (null: the policy's), served model and end-of-sequence text. */
  verifierServer: string | null;
  verifierModel: string;
  verifierEos: string;
  /**
   * How a hub or remote verifier model is read: by a reading rule (src/core/verifiers/rules), or
   * `generative`, the built-in verifiers' rule (a character-level model's log-prob of each line).
   */
  verifierRule: VerifierRule;
  /** The judge or critique rule's prompt, with {question} and {solution}; null: the rule's default. */
  verifierPrompt: string | null;
  /** How best-of-N turns a step-only PRM's step scores into a solution score. */
  prmAggregation: PrmAggregation;
  noisy: NoisyOracleSettings;
  /** One temperature, or several pooled: sample i is drawn at temperatures[i mod T]. */
  temperatures: number[];
  /** Longest completion sampled, in tokens (the task's default unless the link says otherwise). */
  maxTokens: number;
  /** Where free-text steps split (math): at a blank line, or at every line; arith's format fixes its own. */
  steps: StepDelimiterName;
  strategies: StrategyKey[];
  estimator: Estimator;
  axis: ComputeAxis;
  /** The budget k on the slider: a power of two. */
  budget: number;
  backend: BackendChoice;
  /** Index of the selected problem in the problem set. */
  problem: number;
  bins: BinMode;
  /** Show the power-law fit of coverage. */
  fit: boolean;
  /** Beside outcome accuracy, process-correct accuracy (answer and every step right). */
  process: boolean;
  /** The compute-optimal curve and table (Snell et al.) over the shown strategies. */
  computeOptimal: boolean;
  /** Its difficulty bins: the oracle's (pass@1 quintiles) or predicted (verifier-score quintiles). */
  coBins: 'oracle' | 'predicted';
  /** Seed of its two-fold split of the problems. */
  coSplit: number;
  /** Tree search on the selected problem: strategy, budget N and width M. */
  tree: TreeStrategyId;
  treeN: number;
  treeM: number;
  /** How beam search, DVTS and particle filtering choose the answer from their completed set. */
  treeSelect: FinalSelection;
  /**
   * The first wave's search variants (shrinking beams, pruning at the step limit, one DVTS leaf per
   * subtree, finished particles dropped, weights softmax(score / τ)); on for links of version 1.
   */
  treeFirstWave: boolean;
  /**
   * The built-in policy tree search runs on, when it is not the pool's (null): "a small policy with
   * search against a bigger one with voting" (Can 1B Surpass 405B?) on one chart.
   */
  treePolicy: (typeof POLICIES)[number] | null;
  /** Tree strategies drawn on the chart: real runs on the first `MAX_TREE_PROBLEMS` problems. */
  treeCurves: TreeStrategyId[];
  /** Search runs per problem and budget, averaged. */
  treeSeeds: number;
  /** Panels a clean link hides (classroom, talk). */
  hide: PanelId[];
  /** Talk mode: large type, high contrast, deck keys. */
  talk: boolean;
  /** Problems brought as JSON Lines, named by their content hash; null = generated. */
  custom: string | null;
}

/** Panels a clean link may hide; the chart always shows. */
export type PanelId = 'controls' | 'problem' | 'difficulty';
export const PANELS: Record<PanelId, string> = {
  controls: 'Experiment controls',
  problem: 'Problem and votes',
  difficulty: 'Difficulty and tree search',
};

export const MAX_TREE_N = 64;
/** Live tree-search curves run on at most this many problems (larger sweeps: `ttc sweep` files). */
export const MAX_TREE_PROBLEMS = 20;
export const MAX_TREE_SEEDS = 8;

export const MAX_PROBLEMS = 500;
/** The largest token limit a link may ask for (long free-text solutions fit well within it). */
export const MAX_TOKEN_LIMIT = 8192;
/** The built-in policies; a link may also name any hub model (`org/name`). */
export const POLICIES = ['arith-policy', 'arith-policy-small'] as const;
export const isBuiltinPolicy = (id: string): id is (typeof POLICIES)[number] =>
  (POLICIES as readonly string[]).includes(id);

/** The dtypes the picker offers, smallest download first (transformers.js names). */
export const POLICY_DTYPES = ['q4f16', 'q4', 'q8', 'fp16', 'fp32'] as const;
export type PolicyDtype = (typeof POLICY_DTYPES)[number];
/** Dtypes whose weights are float16: WebGPU runs them only where the adapter has `shader-f16`. */
export const F16_DTYPES: ReadonlySet<PolicyDtype> = new Set(['q4f16', 'fp16']);
export const MAX_SYSTEM_PROMPT = 2000;
/** A branch, tag or commit as a hub URL path segment may carry it (no `..`). */
export const isRevision = (text: string): boolean =>
  /^[\w][\w.\-/]{0,99}$/.test(text) && !text.includes('..');
/** The task each built-in policy was trained on (its vocabulary writes nothing else). */
export const POLICY_TASK: Readonly<Record<(typeof POLICIES)[number], string>> = {
  'arith-policy': 'arith',
  'arith-policy-small': 'arith',
};

/** The step delimiter the experiment's task splits at (its own where the format fixes it). */
export const stepDelimiter = (e: Pick<Experiment, 'task' | 'steps'>): string =>
  taskWith(e.task, STEP_DELIMITERS[e.steps]).stepDelimiter;

/** Why the experiment's policy cannot draw its task's samples, or null when it can. */
export function policyMismatch(e: Pick<Experiment, 'policy' | 'task' | 'remote'>): string | null {
  // A hub chat model gets any task's prompt in its chat template; a server says what it serves.
  if (!isBuiltinPolicy(e.policy) || e.remote !== null) return null;
  const trained = Object.hasOwn(POLICY_TASK, e.policy)
    ? POLICY_TASK[e.policy as (typeof POLICIES)[number]]
    : null;
  if (trained === null || trained === e.task) return null;
  return `${e.policy} writes only ${trained} solutions, so it cannot draw ${e.task} samples. Open a ${e.task} pool (Open pool…, e.g. one made by ttc import-samples) to study it here.`;
}
export const MAX_SAMPLES = 1024;
export const LEVELS = [1, 2, 3, 4, 5] as const;
