/// <reference lib="webworker" />
/**
 * Thin worker entry: one loaded policy, exposed over comlink. Sampling reports progress after every
 * decode step and can be cancelled between steps.
 */
import * as Comlink from 'comlink';
import { Rng } from '../src/core/rng';
import { arith } from '../src/core/tasks/arith';
import { decode, encode } from '../src/core/tasks/arith/vocab';
import { loadBrowserModel, type Backend } from '../src/runtime/browserModels';
import { sampleCompletions } from '../src/runtime/generate';
import type { LoadedModel } from '../src/runtime/sweep';
import type { PolicyApi, SampleRequest, SampleResult } from '../src/runtime/policyApi';

let model: LoadedModel | null = null;
let controller: AbortController | null = null;

const api: PolicyApi = {
  async load(id: string, backend: Backend) {
    model = await loadBrowserModel(id, backend, self.location.origin);
    return { id: model.id, hash: model.hash };
  },
  async sample(req: SampleRequest, onProgress): Promise<SampleResult> {
    if (!model) throw new Error('no model loaded');
    controller = new AbortController();
    const prompt = [model.decoder.cfg.bosId, ...encode(arith.prompt(req.problem))];
    const rngs = Array.from({ length: req.n }, (_, i) =>
      Rng.fromSeed(req.seed, 'sample', req.problem.id, i),
    );
    const started = performance.now();
    const { completions, cost } = await sampleCompletions(model.decoder, prompt, rngs, {
      ...req.params,
      signal: controller.signal,
      onStep: (p) =>
        onProgress({ ...p, tokensPerSecond: p.tokens / ((performance.now() - started) / 1000) }),
    });
    return {
      texts: completions.map((c) => decode(c.tokens)),
      tokens: completions.map((c) => c.tokens.length),
      cost,
    };
  },
  cancel() {
    controller?.abort();
  },
};

Comlink.expose(api);
