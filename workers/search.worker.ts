/// <reference lib="webworker" />
/**
 * Thin worker entry: tree search on one problem. Holds its own policy and (learned) verifier — in
 * this worker or on remote servers — since a search alternates between them every step; runs the
 * engine's strategy and returns its trace.
 */
import * as Comlink from 'comlink';
import { oracleScorer } from '../src/core/search/scorers';
import { taskWith } from '../src/core/tasks';
import '../src/core/tasks/grading';
import type { Backend } from '../src/runtime/browserModels';
import { ModelSlot } from '../src/runtime/modelSlot';
import { specKey, type ModelSpec } from '../src/runtime/modelSpec';
import { remoteStepPolicy } from '../src/runtime/remote/remotePolicy';
import { remoteGenerativeVerifier } from '../src/runtime/remote/remoteVerifier';
import { remoteRuleModel } from '../src/runtime/remote/remoteReader';
import { localRuleModel, ruleStepScorer } from '../src/runtime/ruleVerifier';
import type { SearchApi, SearchKeys, SearchRequest } from '../src/runtime/searchApi';
import { runSearch } from '../src/runtime/searchSweep';
import { decoderStepPolicy } from '../src/runtime/stepPolicy';
import { generativeStepScorer } from '../src/runtime/stepScorer';
import type { StepPolicy } from '../src/core/search/types';
import type { LoadFaults } from '../src/runtime/policyApi';
import { hideGpuAdapter, loseGpuDevice, raceDeviceLoss } from '../src/runtime/gpuLoss';
import { TEST_BUILD } from '../src/runtime/testBuild';

const policy = new ModelSlot();
const verifier = new ModelSlot();
const loaded = { policy: '', verifier: '' };
let controller: AbortController | null = null;

const api: SearchApi = {
  async load(
    policySpec: ModelSpec,
    verifierSpec: ModelSpec | null,
    backend: Backend,
    keys: SearchKeys = {},
    faults?: LoadFaults,
  ) {
    if (TEST_BUILD && faults?.noGpuAdapter) hideGpuAdapter();
    if (loaded.policy !== specKey(policySpec, backend)) {
      loaded.policy = '';
      await policy.load(policySpec, backend, self.location.origin, {}, undefined, keys.policy);
      loaded.policy = specKey(policySpec, backend);
    }
    if (verifierSpec && loaded.verifier !== specKey(verifierSpec, backend)) {
      loaded.verifier = '';
      await verifier.load(
        verifierSpec,
        backend,
        self.location.origin,
        {},
        undefined,
        keys.verifier,
      );
      loaded.verifier = specKey(verifierSpec, backend);
    }
    const hash = (slot: ModelSlot) => (slot.remote() ? '' : slot.get().hash);
    return { policy: hash(policy), verifier: verifierSpec ? hash(verifier) : null };
  },
  async run(req: SearchRequest, faults) {
    controller = new AbortController();
    const signal = controller.signal;
    const task = taskWith(req.problem.task, req.stepDelimiter);
    const v = req.verifier;
    const farVerifier = verifier.remote();
    const local = farVerifier || v.kind !== 'model' ? null : verifier.get();
    const rule = v.kind === 'model' ? (v.rule ?? local?.rule) : undefined;
    const scorer =
      v.kind !== 'model'
        ? oracleScorer(task, v.noisy)
        : rule
          ? ruleStepScorer(
              v.id,
              farVerifier ? remoteRuleModel({ ...farVerifier, signal }) : localRuleModel(local!),
              rule,
              v.rule ? undefined : v.id,
            )
          : farVerifier
            ? remoteGenerativeVerifier({ ...farVerifier, signal }, task, {
                eosText: v.eosText || null,
              }).stepScorer(task)
            : generativeStepScorer(local!.decoder, v.id, task, local!.codec);
    const options = { topP: 1, topK: 0, maxStepTokens: req.maxTokens, maxTokens: req.maxTokens };
    const farPolicy = policy.remote();
    const stepPolicy = farPolicy
      ? remoteStepPolicy({ ...farPolicy, signal }, task, options)
      : decoderStepPolicy(policy.get().decoder, task, policy.get().codec, options);
    return raceDeviceLoss(
      runSearch(
        req.strategy,
        req.n,
        req.settings,
        {
          task,
          problem: req.problem,
          policy: TEST_BUILD && faults?.loseDevice ? losingDevice(stepPolicy) : stepPolicy,
          scorer,
          seed: req.seed,
        },
        { signal },
      ),
    );
  },
  cancel() {
    controller?.abort();
  },
};

/** Test build: a policy whose device is lost once its first steps are proposed (mid-search). */
function losingDevice(p: StepPolicy): StepPolicy {
  let first = true;
  return {
    propose: async (...args) => {
      const out = await p.propose(...args);
      if (first) loseGpuDevice();
      first = false;
      return out;
    },
  };
}

Comlink.expose(api);
