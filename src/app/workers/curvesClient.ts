import type { ScoreOptions, ScoreReport } from '../../core/metrics/score';
import type { Pool } from '../../core/types';
import type { CurvesApi } from '../../../workers/curves.worker';
import { WorkerClient } from './workerClient';

/** Scores pools in a worker; a newer request supersedes an older one (the older result is dropped). */
export class CurvesClient extends WorkerClient<CurvesApi> {
  private latest = 0;

  constructor() {
    super(
      () =>
        new Worker(new URL('../../../workers/curves.worker.ts', import.meta.url), {
          type: 'module',
        }),
      'curves',
    );
  }

  /** Resolves with the report, or null when a newer request was made meanwhile. */
  async score(pool: Pool, options: Partial<ScoreOptions>): Promise<ScoreReport | null> {
    const id = ++this.latest;
    const report = await this.guard(this.api.score(pool, options) as Promise<ScoreReport>);
    return id === this.latest ? report : null;
  }
}
