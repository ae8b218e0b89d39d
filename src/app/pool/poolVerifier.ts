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

const clients = new Map<string, VerifierClient>();

export interface PoolVerifierRun {
  /** The models loaded, as the pool records them, and their parameter counts. */
  models: ModelRef[];
  parameters: Record<string, number>;
  score(
    id: string,
    problem: Problem,
    texts: string[],
    finished: boolean[],
  ): Promise<VerifierScore[]>;
}

export async function loadPoolVerifiers(
  e: Experiment,
  ids: readonly string[],
  backend: Backend,
  bytes: (id: string) => LoadProgress,
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
  return {
    models,
    parameters,
    score: (id, problem, texts, finished) =>
      clients.get(id)!.score(
        backend,
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
  };
}
