import { poolStrategies, unavailableStrategies, type UnavailableStrategy } from '../strategies';
import { DEFAULT_BOM_THRESHOLD } from '../strategies/bestOfMajority';
import type { PoolStrategy, TieRule } from '../strategies/types';
import type { Pool } from '../types';
import { ENGINE_VERSION } from '../version';
import { concat } from './arrays';
import {
  computeOptimalReport,
  treeSettings,
  type ComputeOptimalOptions,
  type ComputeOptimalReport,
} from './computeOptimalReport';
import {
  aggregateCurves,
  bootstrapFor,
  processMatrix,
  powersOfTwo,
  problemMatrix,
  type CurvePoint,
  type CurveStrategy,
  type ProblemMatrix,
} from './curves';
import {
  binsByLevel,
  binsByPass1Quintile,
  type BinProblem,
  type DifficultyBin,
} from './difficulty';
import type { Estimator } from './estimate';
import { fitCoveragePowerLaw, type PowerLawFit } from './powerLaw';
import { predictAnswer } from './predict';
import { isPrepared, preparePool, type PreparedPool, type PreparedProblem } from './prepare';
import { verifierQuality, type VerifierQuality } from './verifierQuality';

export const CURVES_FORMAT_VERSION = 1;

export interface ScoreOptions {
  estimator: Estimator;
  /** Budgets; default: powers of two up to the smallest pool. */
  ks?: number[];
  draws: number;
  seed: number;
  tieRule: TieRule;
  bootstrap: number;
  bomThreshold: number;
  /**
   * Strategy ids to score (the oracle is always scored: it is the ceiling); default all. A strategy's
   * curve does not depend on which others are scored with it.
   */
  only?: string[];
  /** Also the process-correct curves (answer and every step right) of the sample-picking rules. */
  process?: boolean;
  /** Also compute-optimal scaling (Snell et al.) over every strategy and budget. */
  computeOptimal?: ComputeOptimalOptions;
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = {
  estimator: 'subsample',
  // Monte Carlo subsets per problem for the vote rules (the low end of the 200–1000 the strategies
  // reference suggests): the curve's Monte Carlo error is at most 0.5/√(200·P) over P problems, under
  // 5% of the bootstrap band's half-width, and a 200 × 256 pool rescores in the page in ~0.46 s.
  draws: 200,
  seed: 0,
  tieRule: 'first',
  bootstrap: 1000,
  bomThreshold: DEFAULT_BOM_THRESHOLD,
};

export interface CurveSet {
  bin: string;
  problems: number;
  curves: Record<string, CurvePoint[]>;
}

export interface ProblemPrediction {
  id: string;
  level: number;
  n: number;
  correct: number;
  pass1: number;
  quintile: string;
  /** Per strategy: the answer it picks on the whole pool, and its expected accuracy at each k. */
  predictions: Record<string, { answer: string | null; accuracy: number[] }>;
}

/** What `ttc score` writes (format documented in docs/formats.md). */
export interface ScoreReport {
  format: 'ttc-curves';
  version: number;
  engineVersion: string;
  settings: Required<Omit<ScoreOptions, 'only' | 'process' | 'computeOptimal'>>;
  pool: Pick<Pool, 'task' | 'models' | 'backend' | 'seed' | 'engineVersion'> & {
    problems: number;
    samples: number;
  };
  strategies: { id: string; label: string; kind: string; verifier?: string }[];
  /** Strategies the pool cannot score (its samples do not say what they need), with the reason. */
  unavailable: UnavailableStrategy[];
  /**
   * With `process`: overall process-correct curves (answer and every step right) of the rules that
   * pick a sample, keyed as `curves`; null when the pool's steps were not all checked.
   */
  process?: Record<string, CurvePoint[]> | null;
  /** With `computeOptimal`: the per-bin compute-optimal curve, its choices and the compute saved. */
  computeOptimal?: ComputeOptimalReport;
  ks: number[];
  overall: CurveSet;
  bins: { level: CurveSet[]; pass1Quintile: CurveSet[] };
  coverageFit: PowerLawFit | null;
  verifiers: VerifierQuality[];
  problems: ProblemPrediction[];
}

/** Checks budgets against the pool; returns a message for the user, or null when they are usable. */
export function checkBudgets(ks: readonly number[], minPool: number): string | null {
  if (ks.length === 0) return 'no budgets (ks) given';
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (!Number.isInteger(k) || k < 1) return `budget ${k} is not a positive integer`;
    if (k > minPool) return `budget ${k} exceeds the smallest pool (${minPool} samples)`;
    if (i > 0 && k <= ks[i - 1]!) return 'budgets must be strictly increasing';
  }
  return null;
}

/** Budgets for a pool: the given ones, or powers of two up to its smallest problem pool. */
export function poolBudgets(
  pool: Pool | PreparedPool,
  options: Partial<ScoreOptions> = {},
): number[] {
  const sizes = isPrepared(pool)
    ? pool.problems.map((p) => p.n)
    : pool.problems.map((p) => p.samples.length);
  const minPool = sizes.reduce((m, n) => Math.min(m, n), Infinity);
  if (pool.problems.length === 0 || minPool === 0)
    throw new Error('the pool has a problem with no samples');
  return options.ks ?? powersOfTwo(minPool);
}

function plan(pool: PreparedPool, options: Partial<ScoreOptions>) {
  const ks = poolBudgets(pool, options);
  const { only } = options;
  const o = { ...DEFAULT_SCORE_OPTIONS, ...options };
  // What the report records as its settings (which strategies and curves it holds are its content).
  const settings: Required<Omit<ScoreOptions, 'only' | 'process' | 'computeOptimal'>> = {
    estimator: o.estimator,
    draws: o.draws,
    seed: o.seed,
    tieRule: o.tieRule,
    bootstrap: o.bootstrap,
    bomThreshold: o.bomThreshold,
    ks,
  };
  const strategies = poolStrategies(pool, { bomThreshold: settings.bomThreshold }).filter(
    (s) => !only || s.id === 'oracle' || only.includes(s.id),
  );
  return { settings, strategies };
}

/**
 * Per-problem estimates for every strategy (the expensive part of scoring), for a pool or a slice of
 * one: problems are independent, so slices can be scored in parallel and joined (`joinMatrices`) into
 * exactly the matrix of the whole. Pass the whole pool's budgets (`poolBudgets`) to every slice.
 */
export function scoreRows(
  source: Pool | PreparedPool,
  options: Partial<ScoreOptions> & { ks: number[] },
): { strategies: string[]; curveStrategies: CurveStrategy[]; matrix: ProblemMatrix } {
  const pool = isPrepared(source) ? source : preparePool(source);
  const { settings, strategies } = plan(pool, options);
  const matrix = problemMatrix(pool.problems, strategies, settings);
  return {
    strategies: strategies.map((s) => s.id),
    curveStrategies: strategies.map(curveStrategy),
    matrix,
  };
}

const curveStrategy = (s: CurveStrategy): CurveStrategy => ({
  id: s.id,
  kind: s.kind,
  ...(s.earlyStop ? { earlyStop: true } : {}),
});

/** Everything the per-bin curves read: a few numbers per problem and the rows. */
export interface BinsInput {
  problems: BinProblem[];
  strategies: CurveStrategy[];
  ks: number[];
  matrix: ProblemMatrix;
  options: Partial<Pick<ScoreOptions, 'bootstrap' | 'seed'>>;
}

/** A bin's curves with its own bootstrap (named by the bin, so any worker draws the same one). */
function curveSet(input: Omit<BinsInput, 'problems'>, bin: string, members: number[]): CurveSet {
  const bootstrap = input.options.bootstrap ?? DEFAULT_SCORE_OPTIONS.bootstrap;
  const seed = input.options.seed ?? DEFAULT_SCORE_OPTIONS.seed;
  return {
    bin,
    problems: members.length,
    curves: aggregateCurves(
      input.matrix,
      input.strategies,
      input.ks,
      members,
      bootstrapFor(members.length, bootstrap, seed, bin),
    ),
  };
}

/**
 * The per-difficulty curves (by level and by pass@1 quintile): two thirds of the report's bootstrap
 * work, separable from the rest, so the app computes them in a second worker alongside `scorePool`.
 */
export function binCurveSets(input: BinsInput): ScoreReport['bins'] {
  const toSets = (bins: DifficultyBin[]) => bins.map((b) => curveSet(input, b.bin, b.members));
  return {
    level: toSets(binsByLevel(input.problems)),
    pass1Quintile: toSets(binsByPass1Quintile(input.problems)),
  };
}

/** The matrix of consecutive slices, in order. */
export function joinMatrices(parts: readonly ProblemMatrix[]): ProblemMatrix {
  const join = (key: keyof ProblemMatrix): Float64Array[][] =>
    parts[0]![key].map((perK, si) =>
      perK.map((_, j) =>
        concat(
          parts.map((m) => m[key][si]![j]!),
          Float64Array,
        ),
      ),
    );
  return {
    accuracy: join('accuracy'),
    samples: join('samples'),
    generatedTokens: join('generatedTokens'),
    verifierTokens: join('verifierTokens'),
    decodeSteps: join('decodeSteps'),
    kvReads: join('kvReads'),
  };
}

/** Overall process-correct curves: the picking rules' process accuracy, their usual costs. */
function processCurves(
  problems: readonly PreparedProblem[],
  strategies: readonly PoolStrategy[],
  settings: Required<Omit<ScoreOptions, 'only' | 'process' | 'computeOptimal'>>,
  matrix: ProblemMatrix,
): Record<string, CurvePoint[]> | null {
  const rows = processMatrix(problems, strategies, settings);
  if (!rows) return null;
  const at = rows.strategies.map((s) => strategies.indexOf(s));
  const pick = (m: Float64Array[][]) => at.map((i) => m[i]!);
  return aggregateCurves(
    {
      accuracy: rows.accuracy,
      samples: pick(matrix.samples),
      generatedTokens: pick(matrix.generatedTokens),
      verifierTokens: pick(matrix.verifierTokens),
      decodeSteps: pick(matrix.decodeSteps),
      kvReads: pick(matrix.kvReads),
    },
    rows.strategies.map(curveStrategy),
    settings.ks,
    problems.map((_, i) => i),
    bootstrapFor(problems.length, settings.bootstrap, settings.seed, 'process'),
  );
}

/**
 * Scores every pool-based strategy on a validated pool. Throws (with a user-facing message) on bad
 * budgets. `rows` are the per-problem estimates when already computed (in parallel) by `scoreRows`.
 */
export function scorePool(
  source: Pool | PreparedPool,
  options: Partial<ScoreOptions> = {},
  rows?: { strategies: string[]; matrix: ProblemMatrix },
  /** `later`: leave `bins` empty for the caller to fill from `binCurveSets` (computed elsewhere). */
  bins?: 'later',
): ScoreReport {
  const pool = isPrepared(source) ? source : preparePool(source);
  const { problems, meta } = pool;
  const minPool = problems.reduce((m, p) => Math.min(m, p.n), Infinity);
  const { settings, strategies } = plan(pool, options);
  const { ks } = settings;
  const bad = checkBudgets(ks, minPool);
  if (bad) throw new Error(bad);
  if (rows && rows.strategies.join() !== strategies.map((s) => s.id).join()) {
    throw new Error('precomputed rows are for other strategies');
  }
  const matrix = rows?.matrix ?? problemMatrix(problems, strategies, settings);
  const input = { strategies, ks, matrix, options: settings };
  const overall = curveSet(
    input,
    'all',
    problems.map((_, i) => i),
  );
  const quintiles = binsByPass1Quintile(problems);
  const quintileOf = new Map<number, string>();
  for (const b of quintiles) for (const i of b.members) quintileOf.set(i, b.bin);
  const coverage = overall.curves['oracle']!.map((pt) => pt.accuracy);
  const process = options.process
    ? processCurves(problems, strategies, settings, matrix)
    : undefined;

  return {
    format: 'ttc-curves',
    version: CURVES_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    settings,
    pool: {
      task: meta.task,
      models: meta.models,
      backend: meta.backend,
      seed: meta.seed,
      engineVersion: meta.engineVersion,
      problems: problems.length,
      samples: problems.reduce((s, p) => s + p.n, 0),
    },
    strategies: strategies.map((s) => ({
      id: s.id,
      label: s.label,
      kind: s.kind,
      ...(s.verifier ? { verifier: s.verifier } : {}),
    })),
    ...(process !== undefined ? { process } : {}),
    ...(options.computeOptimal
      ? {
          computeOptimal: computeOptimalReport(
            problems,
            strategies,
            ks,
            matrix,
            { bootstrap: settings.bootstrap, ...options.computeOptimal },
            options.computeOptimal.treeRuns
              ? treeSettings(
                  options.computeOptimal.treeRuns,
                  problems.map((p) => p.id),
                  options.computeOptimal.unit,
                )
              : [],
            new Set(meta.verifiers.filter((v) => v.kind === 'confidence').map((v) => v.id)),
          ),
        }
      : {}),
    unavailable: unavailableStrategies(pool).filter(
      (u) => !options.only || options.only.includes(u.id),
    ),
    ks,
    overall,
    bins:
      bins === 'later' ? { level: [], pass1Quintile: [] } : binCurveSets({ ...input, problems }),
    coverageFit: fitCoveragePowerLaw(ks, coverage),
    verifiers: meta.verifiers.map((v) => verifierQuality(problems, v.id)),
    problems: problems.map((p, i) => ({
      id: p.id,
      level: p.level,
      n: p.n,
      correct: p.c,
      pass1: p.c / p.n,
      quintile: quintileOf.get(i)!,
      predictions: Object.fromEntries(
        strategies.map((s, si) => [
          s.id,
          { answer: predictAnswer(p, s), accuracy: ks.map((_, j) => matrix.accuracy[si]![j]![i]!) },
        ]),
      ),
    })),
  };
}
