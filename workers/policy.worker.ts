/// <reference lib="webworker" />
/**
 * Thin worker entry: one loaded policy, exposed over comlink. Draws the given samples of a problem as
 * one batch, reports progress after every decode step, and can be cancelled between steps.
 */
import * as Comlink from 'comlink';
import { taskWith } from '../src/core/tasks';
import '../src/core/tasks/grading';
import { configureOrt, type Backend } from '../src/runtime/browserModels';
import { ModelSlot, type LoadEvents } from '../src/runtime/modelSlot';
import type { ModelSpec } from '../src/runtime/modelSpec';
import { drawSamples } from '../src/runtime/drawSamples';
import { drawRefusal, DrawTooLarge, memoryFacts, WASM32_HEAP } from '../src/runtime/drawMemory';
import type { LoadedModel } from '../src/runtime/sweep';
import { remoteDraw } from '../src/runtime/remote/remotePolicy';
import type { DrawRequest, PolicyApi, PolicyProbeApi } from '../src/runtime/policyApi';
// A static import: a dynamic one would be emitted as a chunk even when the hook is dead code.
import { forkCheck } from '../src/runtime/testing/forkCheck';
import { TEST_BUILD } from '../src/runtime/testBuild';
import { hideGpuAdapter, loseGpuDevice, raceDeviceLoss } from '../src/runtime/gpuLoss';

const slot = new ModelSlot();
let controller: AbortController | null = null;

const api: PolicyApi & Partial<PolicyProbeApi> = {
  async load(spec: ModelSpec, backend: Backend, onBytes, onFile, beforeDownload, apiKey, faults) {
    const ctl = (controller = new AbortController());
    const events: LoadEvents = {};
    if (onBytes) events.onBytes = onBytes;
    if (onFile) events.onFile = onFile;
    if (beforeDownload) events.beforeDownload = beforeDownload;
    if (TEST_BUILD && faults?.noGpuAdapter) hideGpuAdapter();
    try {
      return await slot.load(
        spec,
        backend,
        self.location.origin,
        events,
        ctl.signal,
        apiKey,
        faults,
      );
    } finally {
      if (controller === ctl) controller = null;
    }
  },
  async draw(req: DrawRequest, onProgress, faults) {
    controller = new AbortController();
    const started = performance.now();
    const far = slot.remote();
    if (far) {
      // On a server: one request per sample, each with the seed the pool records.
      let tokens = 0;
      return remoteDraw(
        { ...far, signal: controller.signal },
        taskWith(req.problem.task, req.stepDelimiter),
        req.problem,
        { seed: req.seed, indices: req.indices },
        {
          ...req.params,
          onSample: (done, total, t) => {
            tokens += t;
            onProgress({
              done,
              running: total - done,
              tokens,
              tokensPerSecond: tokens / ((performance.now() - started) / 1000),
            });
          },
        },
      );
    }
    const model = slot.get();
    const memoryCheck = req.memory && drawMemoryCheck(model, req);
    let loseDevice = TEST_BUILD && !!faults?.loseDevice;
    return raceDeviceLoss(
      drawSamples(
        model.decoder,
        taskWith(req.problem.task, req.stepDelimiter),
        model.codec,
        req.problem,
        { seed: req.seed, indices: req.indices },
        {
          ...req.params,
          signal: controller.signal,
          ...(memoryCheck ? { memoryCheck } : {}),
          onStep: (p) => {
            onProgress({
              ...p,
              tokensPerSecond: p.tokens / ((performance.now() - started) / 1000),
            });
            if (loseDevice) {
              loseDevice = false;
              loseGpuDevice();
            }
          },
        },
      ),
    );
  },
  cancel() {
    controller?.abort();
  },
  // Dropped from the production build: lets the e2e suite check that workers run under the CSP.
  ...(TEST_BUILD ? { probeFetch, probeForks } : {}),
};

/** Refuses a decode step predicted not to fit this worker's memory (before it is attempted). */
function drawMemoryCheck(model: LoadedModel, req: DrawRequest) {
  const { backend, gpuBuffer } = req.memory!;
  const facts = memoryFacts(model);
  return (rows: number, positions: number) => {
    const why = drawRefusal(model.id, facts, rows, positions, backend, {
      ...(backend === 'wasm' ? { wasmHeap: WASM32_HEAP } : {}),
      ...(gpuBuffer !== undefined ? { gpuBuffer } : {}),
    });
    if (why) throw new DrawTooLarge(why);
  };
}

async function probeForks(base: string, file: string, backend: Backend) {
  configureOrt(self.location.origin, backend);
  return forkCheck(base, file, backend);
}

async function probeFetch(url: string): Promise<string> {
  try {
    const r = await fetch(url, { cache: 'no-store' });
    return `ok ${r.status}`;
  } catch (e) {
    return `failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

Comlink.expose(api);
