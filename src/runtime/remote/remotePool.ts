/** A remote policy and verifier as `sweep` takes them (PoolPolicy, PoolVerifier). */
import type { ModelRef } from '../../core/types';
import { CONFIDENCE_VERIFIER, MEAN_LOGPROB_VERIFIER, generativeVerifierInfo } from '../drawSamples';
import type { PoolPolicy, PoolVerifier } from '../sweep';
import { remoteDraw } from './remotePolicy';
import type { RemoteModel } from './remoteModel';
import type { RemoteVerifier } from './remoteVerifier';
import { displayUrl } from './transport';

export function remoteRef(m: RemoteModel, role: ModelRef['role']): ModelRef {
  const engine = m.caps.models.find((x) => x.id === m.model)?.ownedBy ?? '';
  return {
    role,
    id: m.model,
    // The server does not say what its weights are.
    hash: '',
    remote: {
      url: displayUrl(m.transport.baseUrl),
      engine,
      seeding: m.useN && m.caps.n ? 'n' : 'per-sample',
    },
  };
}

export function remotePoolPolicy(m: RemoteModel): PoolPolicy {
  return {
    ref: remoteRef(m, 'policy'),
    verifiers: m.caps.logprobs ? [CONFIDENCE_VERIFIER, MEAN_LOGPROB_VERIFIER] : [],
    backend: 'remote',
    draw: (task, problem, range, o) => remoteDraw(m, task, problem, range, o),
  };
}

export function remotePoolVerifier(m: RemoteModel, v: RemoteVerifier): PoolVerifier {
  return {
    ref: remoteRef(m, 'verifier'),
    info: generativeVerifierInfo(v.id),
    score: (_task, problem, samples, finished) => v.score(problem, samples, finished),
  };
}
