/// <reference lib="webworker" />
/** Thin worker entry: one loaded generative verifier, scoring a problem's samples over comlink. */
import * as Comlink from 'comlink';
import { arith } from '../src/core/tasks/arith';
import { decode, encode } from '../src/core/tasks/arith/vocab';
import { loadBrowserModel, type Backend } from '../src/runtime/browserModels';
import { scoreSamples } from '../src/runtime/drawSamples';
import type { LoadedModel } from '../src/runtime/sweep';
import type { ScoreRequest, VerifierApi } from '../src/runtime/verifierApi';

let model: LoadedModel | null = null;

const api: VerifierApi = {
  async load(id: string, backend: Backend) {
    await model?.decoder.release();
    model = null;
    model = await loadBrowserModel(id, backend, self.location.origin);
    return { id: model.id, hash: model.hash, parameters: model.parameters };
  },
  async score(req: ScoreRequest) {
    if (!model) throw new Error('no model loaded');
    return scoreSamples(
      model.decoder,
      arith,
      { encode, decode },
      req.problem,
      req.texts.map((text) => ({ text })),
      req.finished,
    );
  },
};

Comlink.expose(api);
