/// <reference lib="webworker" />
/**
 * Thin worker entry: one loaded policy, exposed over comlink. Draws a range of a problem's samples as
 * one batch, reports progress after every decode step, and can be cancelled between steps.
 */
import * as Comlink from 'comlink';
import { arith } from '../src/core/tasks/arith';
import { decode, encode } from '../src/core/tasks/arith/vocab';
import { loadBrowserModel, type Backend } from '../src/runtime/browserModels';
import { drawSamples } from '../src/runtime/drawSamples';
import type { LoadedModel } from '../src/runtime/sweep';
import type { DrawRequest, PolicyApi } from '../src/runtime/policyApi';

let model: LoadedModel | null = null;
let controller: AbortController | null = null;

const api: PolicyApi = {
  async load(id: string, backend: Backend) {
    await model?.decoder.release();
    model = null;
    model = await loadBrowserModel(id, backend, self.location.origin);
    return { id: model.id, hash: model.hash, parameters: model.parameters };
  },
  async draw(req: DrawRequest, onProgress) {
    if (!model) throw new Error('no model loaded');
    controller = new AbortController();
    const started = performance.now();
    return drawSamples(
      model.decoder,
      arith,
      { encode, decode },
      req.problem,
      { seed: req.seed, indices: req.indices },
      {
        ...req.params,
        signal: controller.signal,
        onStep: (p) =>
          onProgress({ ...p, tokensPerSecond: p.tokens / ((performance.now() - started) / 1000) }),
      },
    );
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
