/// <reference lib="webworker" />
/**
 * Thin worker entry: one verifier model — read by a rule, or by the generative rule — in this worker
 * or on a remote server, scoring a problem's samples over comlink.
 */
import * as Comlink from 'comlink';
import { taskWith } from '../src/core/tasks';
import type { Backend, LoadProgress } from '../src/runtime/browserModels';
import { ModelSlot } from '../src/runtime/modelSlot';
import type { ModelSpec } from '../src/runtime/modelSpec';
import { scoreSamples } from '../src/runtime/drawSamples';
import { remoteGenerativeVerifier } from '../src/runtime/remote/remoteVerifier';
import { remoteRuleModel } from '../src/runtime/remote/remoteReader';
import { localRuleModel } from '../src/runtime/ruleVerifier';
import { ruleInput } from '../src/core/verifiers/rules/input';
import { scoreWithRule } from '../src/core/verifiers/rules';
import '../src/core/tasks/grading';
import type { ScoreRequest, VerifierApi } from '../src/runtime/verifierApi';
import { raceDeviceLoss } from '../src/runtime/gpuLoss';

const slot = new ModelSlot();

const api: VerifierApi = {
  load: (spec: ModelSpec, backend: Backend, onBytes?: LoadProgress, apiKey?: string) =>
    slot.load(spec, backend, self.location.origin, onBytes ? { onBytes } : {}, undefined, apiKey),
  score: (req: ScoreRequest) => raceDeviceLoss(score(req)),
};

async function score(req: ScoreRequest) {
  const task = taskWith(req.problem.task, req.stepDelimiter);
  const far = slot.remote();
  // The experiment's rule, or a built-in's own (the tag PRM's config states it).
  const rule = req.rule ?? (far ? undefined : slot.get().rule);
  if (rule)
    return scoreWithRule(
      rule,
      ruleInput(task, req.problem, req.texts, req.finished),
      far ? remoteRuleModel(far) : localRuleModel(slot.get()),
    );
  if (far)
    return remoteGenerativeVerifier(far, task, { eosText: req.eosText || null }).score(
      req.problem,
      req.texts.map((text) => ({ text })),
      req.finished,
    );
  const model = slot.get();
  return scoreSamples(
    model.decoder,
    task,
    model.codec,
    req.problem,
    req.texts.map((text) => ({ text })),
    req.finished,
  );
}

Comlink.expose(api);
