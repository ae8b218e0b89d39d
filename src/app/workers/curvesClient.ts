import {
  joinMatrices,
  poolBudgets,
  type BinsInput,
  type ScoreOptions,
  type ScoreReport,
} from '../../core/metrics/score';
import { preparePool, type PreparedPool } from '../../core/metrics/prepare';
import type { Pool } from '../../core/types';
import type { CurvesApi, Rows } from '../../../workers/curves.worker';
import { WorkerClient } from './workerClient';

const spawn = () =>
  new Worker(new URL('../../../workers/curves.worker.ts', import.meta.url), { type: 'module' });

/** Pools below this many samples are scored in one worker (splitting would cost more than it saves). */
const SPLIT_SAMPLES = 20_000;

class CurvesWorker extends WorkerClient<CurvesApi> {
  constructor() {
    super(spawn, 'curves');
  }
  score(
    pool: PreparedPool,
    options: Partial<ScoreOptions>,
    rows?: Rows,
    bins?: 'later',
  ): Promise<ScoreReport> {
    return this.guard(this.api.score(pool, options, rows, bins) as Promise<ScoreReport>);
  }
  bins(input: BinsInput): Promise<ScoreReport['bins']> {
    return this.guard(this.api.bins(input) as Promise<ScoreReport['bins']>);
  }
  rows(pool: PreparedPool, options: Partial<ScoreOptions> & { ks: number[] }): Promise<Rows> {
    return this.guard(this.api.rows(pool, options) as Promise<Rows>);
  }
}

/**
 * Scores pools in workers; a newer request supersedes an older one (the older result is dropped).
 * The pool crosses to the workers prepared (typed arrays per problem: ~10 ms to clone where the
 * pool's 10⁵ sample objects took ~300 ms). Big pools are cut into one slice of problems per core,
 * scored in parallel and joined, the per-difficulty curves computed beside the rest of the report:
 * the same report as one worker would give (problems are independent; tested in core).
 */
export class CurvesClient {
  private latest = 0;
  private readonly main = new CurvesWorker();
  private readonly helpers: CurvesWorker[];

  constructor(cores = globalThis.navigator?.hardwareConcurrency ?? 1) {
    this.helpers = Array.from(
      { length: Math.max(0, Math.min(4, cores) - 1) },
      () => new CurvesWorker(),
    );
  }

  /** Resolves with the report, or null when a newer request was made meanwhile. */
  async score(pool: Pool, options: Partial<ScoreOptions>): Promise<ScoreReport | null> {
    const id = ++this.latest;
    const samples = pool.problems.reduce((s, p) => s + p.samples.length, 0);
    const prepared = preparePool(pool);
    // Phase marks for `npm run bench` (where a recompute's time goes).
    performance.mark('ttc:curves:prepared');
    const workers = [this.main, ...this.helpers];
    let report: ScoreReport;
    if (samples < SPLIT_SAMPLES || workers.length === 1 || pool.problems.length < workers.length) {
      report = await this.main.score(prepared, options);
    } else {
      const ks = poolBudgets(prepared, options);
      const size = Math.ceil(prepared.problems.length / workers.length);
      const slices = workers
        .map((_, i) => prepared.problems.slice(i * size, (i + 1) * size))
        .filter((slice) => slice.length > 0);
      const parts = await Promise.all(
        slices.map((problems, i) =>
          workers[i]!.rows({ ...prepared, problems }, { ...options, ks }),
        ),
      );
      performance.mark('ttc:curves:rows');
      const rows = { ...parts[0]!, matrix: joinMatrices(parts.map((p) => p.matrix)) };
      // The report and its per-difficulty curves side by side: the bins need only a few numbers
      // per problem and the rows, not the pool.
      const [main, bins] = await Promise.all([
        this.main.score(prepared, { ...options, ks }, rows, 'later'),
        this.helpers[0]!.bins({
          problems: prepared.problems.map(({ id, level, c, n }) => ({ id, level, c, n })),
          strategies: rows.curveStrategies,
          ks,
          matrix: rows.matrix,
          options: { bootstrap: options.bootstrap, seed: options.seed },
        }),
      ]);
      report = { ...main, bins };
    }
    return id === this.latest ? report : null;
  }
}
