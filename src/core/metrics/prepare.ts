import type { Pool, PoolEntry } from '../types';
import { aggregateScore, solutionScore, type Aggregation } from '../verifiers/aggregate';

const AGGREGATIONS: readonly Aggregation[] = ['outcome', 'last', 'min', 'prod', 'mean'];

/** One verifier's scores of a problem's samples, as columns (NaN where it gave nothing). */
export interface ScoreColumns {
  /** Solution score per aggregation (`bestOfN`'s keys). */
  by: Record<Aggregation, Float64Array>;
  /** The weighted vote's weight: the outcome when present, else the last step. */
  solution: Float64Array;
  /** Tokens the verifier read per sample. */
  tokens: Float64Array;
  /** Step scores that have an exact step label, flattened over samples (the step AUROC's input). */
  stepScores: Float64Array;
  stepLabels: Uint8Array;
  /** Whether any sample got step scores / an outcome (which best-of-N variants the pool supports). */
  hasSteps: boolean;
  hasOutcome: boolean;
}

/**
 * One problem's samples in the flat typed arrays the estimators walk. Distinct normalized answers get
 * dense ids; samples with no answer get -1 (they count toward k but never vote). Holds no sample
 * objects, so a prepared pool crosses to a worker as a few typed arrays per problem, not 10⁵ objects.
 */
export interface PreparedProblem {
  id: string;
  level: number;
  n: number;
  /** Number of correct samples. */
  c: number;
  answers: string[];
  answerId: Int32Array;
  /** Id of the reference answer among `answers`, or -1 when no sample found it. */
  correctAnswer: number;
  correct: Uint8Array;
  /**
   * Process-correct (*Examining False Positives under Inference Scaling*): the answer right and every
   * step right; null when some sample's steps were not checked (free text).
   */
  processCorrect: Uint8Array | null;
  tokens: Float64Array;
  /** The prompt's tokens as the pool counts its prefill (memory traffic reads the KV cache over it). */
  promptTokens: number;
  meanLogprob: Float64Array;
  minLogprob: Float64Array;
  /** Verifier id → its scores of these samples. */
  scores: Record<string, ScoreColumns>;
}

/** Whether every sample of a pool knows its token count and its log-probs (pool version 2). */
export interface KnownFields {
  tokens: boolean;
  logprobs: boolean;
}

/** A pool reduced to what scoring reads. */
export interface PreparedPool {
  format: 'ttc-prepared-pool';
  meta: Pick<Pool, 'task' | 'models' | 'backend' | 'seed' | 'engineVersion' | 'verifiers'>;
  known: KnownFields;
  problems: PreparedProblem[];
}

export function knownFields(pool: Pool | PreparedPool): KnownFields {
  if (isPrepared(pool)) return pool.known;
  const samples = pool.problems.flatMap((e) => e.samples);
  return {
    tokens: samples.every((s) => s.tokens !== null),
    logprobs: samples.every((s) => s.meanLogprob !== null && s.minLogprob !== null),
  };
}

export function preparePool(pool: Pool): PreparedPool {
  const { task, models, backend, seed, engineVersion, verifiers } = pool;
  return {
    format: 'ttc-prepared-pool',
    meta: { task, models, backend, seed, engineVersion, verifiers },
    known: knownFields(pool),
    problems: pool.problems.map(prepareProblem),
  };
}

export const isPrepared = (pool: Pool | PreparedPool): pool is PreparedPool =>
  pool.format === 'ttc-prepared-pool';

export function prepareProblem(entry: PoolEntry): PreparedProblem {
  const { samples, problem } = entry;
  const n = samples.length;
  const ids = new Map<string, number>();
  const answers: string[] = [];
  const answerId = new Int32Array(n);
  const correct = new Uint8Array(n);
  let processCorrect: Uint8Array | null = new Uint8Array(n);
  const tokens = new Float64Array(n);
  const meanLogprob = new Float64Array(n);
  const minLogprob = new Float64Array(n);
  let c = 0;
  let correctAnswer = -1;
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    // Unknown (pool version 2) is NaN here: whatever reads it says "not available".
    tokens[i] = s.tokens ?? NaN;
    meanLogprob[i] = s.meanLogprob ?? NaN;
    minLogprob[i] = s.minLogprob ?? NaN;
    if (s.correct) {
      correct[i] = 1;
      c++;
    }
    if (s.stepCorrect === null) processCorrect = null;
    else if (processCorrect && s.correct && s.stepCorrect.every(Boolean)) processCorrect[i] = 1;
    if (s.answer === null) {
      answerId[i] = -1;
      continue;
    }
    let id = ids.get(s.answer);
    if (id === undefined) {
      id = answers.length;
      ids.set(s.answer, id);
      answers.push(s.answer);
      if (s.correct) correctAnswer = id;
    }
    answerId[i] = id;
  }
  const verifierIds = new Set<string>();
  for (const s of samples) for (const v in s.scores) verifierIds.add(v);
  const scores: Record<string, ScoreColumns> = {};
  for (const v of verifierIds) scores[v] = scoreColumns(entry, v);
  return {
    id: problem.id,
    level: problem.level,
    n,
    c,
    answers,
    answerId,
    correctAnswer,
    correct,
    processCorrect,
    tokens,
    promptTokens: entry.cost.promptTokens,
    meanLogprob,
    minLogprob,
    scores,
  };
}

function scoreColumns({ samples }: PoolEntry, verifier: string): ScoreColumns {
  const n = samples.length;
  const by = Object.fromEntries(AGGREGATIONS.map((a) => [a, new Float64Array(n)])) as Record<
    Aggregation,
    Float64Array
  >;
  const solution = new Float64Array(n);
  const tokens = new Float64Array(n);
  const stepScores: number[] = [];
  const stepLabels: number[] = [];
  let hasSteps = false;
  let hasOutcome = false;
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    const score = s.scores[verifier];
    for (const a of AGGREGATIONS) by[a][i] = aggregateScore(score, a);
    solution[i] = solutionScore(score);
    tokens[i] = score?.tokens ?? 0;
    if (!score) continue;
    if (score.steps.length > 0) hasSteps = true;
    if (score.outcome !== undefined) hasOutcome = true;
    const labels = s.stepCorrect;
    if (labels === null) continue; // nothing checked these steps: no step labels to rank against
    score.steps.forEach((x, j) => {
      if (j < labels.length && !Number.isNaN(x)) {
        stepScores.push(x);
        stepLabels.push(labels[j]! ? 1 : 0);
      }
    });
  }
  return {
    by,
    solution,
    tokens,
    stepScores: Float64Array.from(stepScores),
    stepLabels: Uint8Array.from(stepLabels),
    hasSteps,
    hasOutcome,
  };
}

const NOTHING = new Float64Array(0);

/** Per-sample values of one verifier's tokens (0 where it did not score the sample). */
export function verifierTokens(p: PreparedProblem, verifier: string | undefined): Float64Array {
  if (verifier === undefined) return new Float64Array(p.n);
  return p.scores[verifier]?.tokens ?? new Float64Array(p.n);
}

/** A verifier's solution scores under `how` (all NaN when it scored none of the samples). */
export function scoreColumn(
  p: PreparedProblem,
  verifier: string,
  how: Aggregation | 'solution',
): Float64Array {
  const cols = p.scores[verifier];
  if (!cols) return p.n === 0 ? NOTHING : new Float64Array(p.n).fill(NaN);
  return how === 'solution' ? cols.solution : cols.by[how];
}
