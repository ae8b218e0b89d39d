/// <reference lib="webworker" />
/**
 * Thin worker entry: scores a pool (every strategy, every budget, intervals) off the main thread, so
 * a pool change never stalls the page and the budget slider only looks results up.
 */
import * as Comlink from 'comlink';
import { scorePool, type ScoreOptions, type ScoreReport } from '../src/core/metrics/score';
import type { Pool } from '../src/core/types';

export interface CurvesApi {
  score(pool: Pool, options: Partial<ScoreOptions>): ScoreReport;
}

Comlink.expose({ score: scorePool } satisfies CurvesApi);
