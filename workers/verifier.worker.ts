/// <reference lib="webworker" />
/**
 * Thin worker entry: one generative verifier, in this worker or on a remote server (read from the
 * server's prompt log-probs by the same rule), scoring a problem's samples over comlink.
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
import { scoreWithRule } from '../src/core/verifiers/rules';
import '../src/core/tasks/grading';
import type { ScoreRequest, VerifierApi } from '../src/runtime/verifierApi';

const slot = new ModelSlot();

const api: VerifierApi = {
  load: (spec: ModelSpec, backend: Backend, onBytes?: LoadProgress, apiKey?: string) =>
    slot.load(spec, backend, self.location.origin, onBytes ? { onBytes } : {}, undefined, apiKey),
  async score(req: ScoreRequest) {
    const task = taskWith(req.problem.task, req.stepDelimiter);
    const far = slot.remote();
    if (req.rule)
      return scoreWithRule(
        req.rule,
        {
          question: req.problem.question,
          solutions: req.texts.map((t, i) => ({
            steps: task.grade(req.problem, t).steps,
            finished: req.finished[i]!,
          })),
        },
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
  },
};

Comlink.expose(api);
