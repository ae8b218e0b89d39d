/**
 * The experiment's verifier model for a pool run: its worker (one per verifier id, kept across
 * runs), loaded with the remote server's key where it has one, and its scoring of a problem's
 * samples with the experiment's reading (rule, end-of-sequence text, step delimiter).
 */
import type { ModelRef, Problem, VerifierScore } from '../../core/types';
import type { Backend, LoadProgress } from '../../runtime/browserModels';
import { modelVerifier } from '../experiment/modelVerifier';
import { stepDelimiter, type Experiment } from '../experiment/settings';
import { apiKeyFor } from '../remote/apiKeys';
import { VerifierClient } from '../workers/verifierClient';
import { gpuRecovery } from '../workers/gpuRecovery';

const clients = new Map<string, VerifierClient>();

export interface PoolVerifierRun {
  /** The models loaded, as the pool records them, and their parameter counts. */
  models: ModelRef[];
  parameters: Record<string, number>;
  /** `where`: the run's place, for the note if the verifier's GPU device is lost meanwhile. */
  score(
    id: string,
    problem: Problem,
    texts: string[],
    finished: boolean[],
    where: string,
  ): Promise<VerifierScore[]>;
}

export async function loadPoolVerifiers(
  e: Experiment,
  ids: readonly string[],
  backend: Backend,
  bytes: (id: string) => LoadProgress,
  onRecovered: (note: string) => void,
): Promise<PoolVerifierRun> {
  const mv = modelVerifier(e);
  const key = mv?.spec.kind === 'remote' ? apiKeyFor(mv.spec.baseUrl) : undefined;
  // Each in its own worker, side by side; recorded in the order asked.
  const handles = await Promise.all(
    ids.map((id) => {
      if (!clients.has(id)) clients.set(id, new VerifierClient(mv!.spec));
      return clients.get(id)!.load(backend, bytes(id), key);
    }),
  );
  const models: ModelRef[] = [];
  const parameters: Record<string, number> = {};
  ids.forEach((id, i) => {
    const h = handles[i]!;
    models.push({
      role: 'verifier',
      id,
      hash: h.hash,
      ...(h.remote ? { remote: h.remote } : {}),
    });
    parameters[id] = h.parameters;
  });
  // A GPU device lost mid-scoring: the verifier's worker restarts on a new device or on WASM.
  const recovery = new Map(
    ids.map((id) => {
      const client = clients.get(id)!;
      const gpu = gpuRecovery(backend, {
        restart: (why) => client.kill(why),
        reload: (b) => client.load(b, undefined, key),
        onRecovered: (note) => onRecovered(`${id}: ${note}`),
      });
      return [id, gpu];
    }),
  );
  return {
    models,
    parameters,
    score: (id, problem, texts, finished, where) =>
      recovery.get(id)!.run(
        (on) =>
          clients.get(id)!.score(
            on,
            {
              problem,
              texts,
              finished,
              stepDelimiter: stepDelimiter(e),
              ...(mv?.eosText ? { eosText: mv.eosText } : {}),
              ...(mv?.rule ? { rule: mv.rule } : {}),
            },
            key,
          ),
        where,
      ),
  };
}
