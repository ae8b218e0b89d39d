/// <reference lib="webworker" />
/** Thin worker entry: one loaded generative verifier, scoring a problem's samples over comlink. */
import * as Comlink from 'comlink';
import { taskWith } from '../src/core/tasks';
import type { Backend, LoadProgress } from '../src/runtime/browserModels';
import { ModelSlot } from '../src/runtime/modelSlot';
import { builtinSpec } from '../src/runtime/modelSpec';
import { scoreSamples } from '../src/runtime/drawSamples';
import type { ScoreRequest, VerifierApi } from '../src/runtime/verifierApi';

const slot = new ModelSlot();

const api: VerifierApi = {
  load: (id: string, backend: Backend, onBytes?: LoadProgress) =>
    slot.load(builtinSpec(id), backend, self.location.origin, onBytes ? { onBytes } : {}),
  async score(req: ScoreRequest) {
    const model = slot.get();
    return scoreSamples(
      model.decoder,
      taskWith(req.problem.task, req.stepDelimiter),
      model.codec,
      req.problem,
      req.texts.map((text) => ({ text })),
      req.finished,
    );
  },
};

Comlink.expose(api);
