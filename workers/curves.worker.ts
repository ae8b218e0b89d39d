/// <reference lib="webworker" />
/**
 * Thin worker entry: scores a pool (every strategy, every budget, intervals) off the main thread, so
 * a pool change never stalls the page and the budget slider only looks results up. Big pools are split:
 * several of these workers compute per-problem rows of slices (`rows`), then one joins them into the
 * report (`score`) while another computes the per-difficulty curves (`bins`).
 */
import * as Comlink from 'comlink';
import {
  binCurveSets,
  scorePool,
  scoreRows,
  type BinsInput,
  type ScoreOptions,
  type ScoreReport,
} from '../src/core/metrics/score';
import type { CurveStrategy, ProblemMatrix } from '../src/core/metrics/curves';
import type { PreparedPool } from '../src/core/metrics/prepare';

export type Rows = {
  strategies: string[];
  curveStrategies: CurveStrategy[];
  matrix: ProblemMatrix;
};

export interface CurvesApi {
  score(
    pool: PreparedPool,
    options: Partial<ScoreOptions>,
    rows?: Rows,
    bins?: 'later',
  ): ScoreReport;
  rows(pool: PreparedPool, options: Partial<ScoreOptions> & { ks: number[] }): Rows;
  bins(input: BinsInput): ScoreReport['bins'];
}

Comlink.expose({ score: scorePool, rows: scoreRows, bins: binCurveSets } satisfies CurvesApi);
