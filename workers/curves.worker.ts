/// <reference lib="webworker" />
/**
 * Thin worker entry: scores a pool (every strategy, every budget, intervals) off the main thread, so
 * a pool change never stalls the page and the budget slider only looks results up. Big pools are split:
 * several of these workers compute per-problem rows of slices (`rows`), one joins them (`score`).
 */
import * as Comlink from 'comlink';
import {
  scorePool,
  scoreRows,
  type ScoreOptions,
  type ScoreReport,
} from '../src/core/metrics/score';
import type { ProblemMatrix } from '../src/core/metrics/curves';
import type { PreparedPool } from '../src/core/metrics/prepare';

export type Rows = { strategies: string[]; matrix: ProblemMatrix };

export interface CurvesApi {
  score(pool: PreparedPool, options: Partial<ScoreOptions>, rows?: Rows): ScoreReport;
  rows(pool: PreparedPool, options: Partial<ScoreOptions> & { ks: number[] }): Rows;
}

Comlink.expose({ score: scorePool, rows: scoreRows } satisfies CurvesApi);
