/// <reference lib="webworker" />
/**
 * Thin worker entry: tree search on one problem. Holds its own policy and (learned) verifier, since a
 * search alternates between them every step; runs the engine's strategy and returns its trace.
 */
import * as Comlink from 'comlink';
import { oracleScorer } from '../src/core/search/scorers';
import { taskWith } from '../src/core/tasks';
import '../src/core/tasks/grading';
import type { Backend } from '../src/runtime/browserModels';
import { ModelSlot } from '../src/runtime/modelSlot';
import { builtinSpec, specKey, type ModelSpec } from '../src/runtime/modelSpec';
import type { SearchApi, SearchRequest } from '../src/runtime/searchApi';
import { runSearch } from '../src/runtime/searchSweep';
import { decoderStepPolicy } from '../src/runtime/stepPolicy';
import { generativeStepScorer } from '../src/runtime/stepScorer';

const policy = new ModelSlot();
const verifier = new ModelSlot();
const loaded = { policy: '', verifier: '' };
let controller: AbortController | null = null;

const api: SearchApi = {
  async load(policySpec: ModelSpec, verifierId: string | null, backend: Backend) {
    if (loaded.policy !== specKey(policySpec, backend)) {
      loaded.policy = '';
      await policy.load(policySpec, backend, self.location.origin);
      loaded.policy = specKey(policySpec, backend);
    }
    const verifierSpec = verifierId ? builtinSpec(verifierId) : null;
    if (verifierSpec && loaded.verifier !== specKey(verifierSpec, backend)) {
      loaded.verifier = '';
      await verifier.load(verifierSpec, backend, self.location.origin);
      loaded.verifier = specKey(verifierSpec, backend);
    }
    return { policy: policy.get().hash, verifier: verifierId ? verifier.get().hash : null };
  },
  async run(req: SearchRequest) {
    controller = new AbortController();
    const task = taskWith(req.problem.task, req.stepDelimiter);
    const scorer =
      req.verifier.kind === 'model'
        ? generativeStepScorer(verifier.get().decoder, req.verifier.id, task, verifier.get().codec)
        : oracleScorer(task, req.verifier.noisy);
    const stepPolicy = decoderStepPolicy(policy.get().decoder, task, policy.get().codec, {
      topP: 1,
      topK: 0,
      maxStepTokens: req.maxTokens,
      maxTokens: req.maxTokens,
    });
    return runSearch(
      req.strategy,
      req.n,
      req.settings,
      { task, problem: req.problem, policy: stepPolicy, scorer, seed: req.seed },
      { signal: controller.signal },
    );
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
