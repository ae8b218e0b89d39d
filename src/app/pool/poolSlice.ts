/**
 * The sample pool the page holds, and the run that grows it in the workers: problem by problem, new
 * samples only, partial results kept on cancel or failure. Views read `pool`; only `runPool` writes it.
 */
import type { StateCreator } from 'zustand';
import type { ModelRef, Pool, Problem } from '../../core/types';
import type { Backend } from '../../runtime/browserModels';
import type { SampleProgress } from '../../runtime/policyApi';
import { hasProblems, problemSet } from '../experiment/problemSource';
import { policyMismatch, stepDelimiter, type Experiment } from '../experiment/settings';
import { modelVerifier } from '../experiment/modelVerifier';
import { loadPoolVerifiers } from './poolVerifier';
import { poolKey, storedPoolKey } from '../experiment/cacheKeys';
import { TEST_BUILD } from '../../runtime/testBuild';
import { cancelDueAfter, downloadFaultOn } from '../testHooks';
import { PolicyClient } from '../workers/policyClient';
import { describeError, type ErrorKind } from '../workers/errors';
import { gpuRecovery } from '../workers/gpuRecovery';
import { growPool, samplesNeeded, type GrowPlan, type WorkingEntry } from './growPool';
import { workingEntries } from './importPool';
import { isStale, keepPool, withoutStaleScores, type StoredPool } from './storedPool';
import { modelParameters } from './modelParameters';
import { load } from '../persist/db';
import type { BackendInfo } from '../../runtime/backend';
import type { FileProgress } from '../../runtime/hub/loadHub';
import { browserStorageEstimate, checkDownload, gpuBuffer } from '../hub/downloadCheck';
import { policySpec } from '../hub/policySpec';

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface RunProgress {
  problemsDone: number;
  problems: number;
  samplesDone: number;
  samplesNeeded: number;
  tokensPerSecond: number;
}

export interface PoolState {
  key: string | null;
  /** The experiment whose run made this pool (its task, levels, seed and temperatures). */
  source: Experiment | null;
  backend: Backend | null;
  problems: Problem[];
  entries: (WorkingEntry | undefined)[];
  models: ModelRef[];
  /** Parameters per model id, for the FLOPs axis. */
  parameters: Record<string, number>;
  status: RunStatus;
  progress: RunProgress | null;
  error: string | null;
  errorKind: ErrorKind | null;
  /** Generation speed of the last run (tokens/s), for time estimates. */
  lastTokensPerSecond: number | null;
  /** Where an imported pool came from (file name or same-origin path); null for a live run. */
  imported: string | null;
  /** The pool came from this browser's storage (IndexedDB) rather than from inference. */
  restored: boolean;
  /** Policy forward passes and verifier batches this page ran for this pool. */
  inferenceCalls: number;
  /** The model file arriving (bytes so far, size if known): the last one this run loaded. */
  loading: { model: string; loaded: number; total: number | null } | null;
  /** A hub policy's files this run: each one's bytes so far, or read from this browser's cache. */
  download: { model: string; files: FileProgress[] } | null;
  /** A remote policy's server: what was detected there, one line each with what it costs. */
  capabilities: string[] | null;
  /** The run lost its GPU device and went on (where, and on what): said in the run bar. */
  recovered: string | null;
}

/** The store's messages (the pool slice tells the user when old results were evicted). */
interface Notifier {
  notify(message: string): void;
}

/** The store's other state a run reads: what the browser's backend offers (adapter limits, f16). */
interface BackendHolder {
  backend: BackendInfo | null;
}

export interface PoolSlice {
  pool: PoolState;
  runPool(e: Experiment, backend: Backend): Promise<void>;
  cancelPool(): void;
  /** Shows a pool file as it is (no recomputation) under the experiment it answers. */
  loadPool(pool: Pool, e: Experiment, imported: string): void;
}

export const EMPTY_POOL: PoolState = {
  key: null,
  source: null,
  backend: null,
  problems: [],
  entries: [],
  models: [],
  parameters: {},
  status: 'idle',
  progress: null,
  error: null,
  errorKind: null,
  lastTokensPerSecond: null,
  imported: null,
  restored: false,
  inferenceCalls: 0,
  loading: null,
  download: null,
  capabilities: null,
  recovered: null,
};

let problemSetCache: { key: string; problems: Problem[] } | null = null;
/** The experiment's problems (memoized: views ask on every render, e.g. while the slider moves). */
function problemsFor(e: Experiment): Problem[] {
  const key = JSON.stringify([e.seed, e.levels, e.problems, e.custom, hasProblems(e)]);
  if (problemSetCache?.key !== key) {
    problemSetCache = { key, problems: problemSet(e) };
  }
  return problemSetCache.problems;
}

/** The plan a run must fulfil for experiment `e`. */
export function planFor(e: Experiment): GrowPlan {
  return {
    problems: problemsFor(e),
    n: e.n,
    temperatures: e.temperatures,
    verifiers: modelVerifier(e) ? [modelVerifier(e)!.id] : [],
  };
}

/** Whether the pool held for `key` lacks anything experiment `e` needs (samples, problems or scores). */
export function poolIsStale(pool: PoolState, e: Experiment, backend: Backend): boolean {
  if (pool.key !== poolKey(e, backend)) return true;
  const plan = planFor(e);
  return plan.problems.some((_, i) => {
    const entry = pool.entries[i];
    return (
      !entry ||
      entry.samples.length < plan.n ||
      plan.verifiers.some((v) => entry.samples.some((s) => !s.scores[v]))
    );
  });
}

/** Samples a run of `e` would draw from this pool (0 when only scoring is due). */
export function pendingSamples(pool: PoolState, e: Experiment, backend: Backend): number {
  const same = pool.key === poolKey(e, backend);
  return samplesNeeded(planFor(e), same ? pool.entries : []);
}

let policy: PolicyClient | null = null;
let controller: AbortController | null = null;
let runs = 0;

export const createPoolSlice: StateCreator<
  PoolSlice & Notifier & BackendHolder,
  [],
  [],
  PoolSlice
> = (set, get) => ({
  pool: EMPTY_POOL,
  cancelPool: () => {
    controller?.abort();
    policy?.cancel();
  },
  loadPool: (pool, e, imported) => {
    get().cancelPool();
    runs++;
    const backend: Backend = pool.backend === 'webgpu' ? 'webgpu' : 'wasm';
    const entries = workingEntries(pool);
    set({
      pool: {
        ...EMPTY_POOL,
        key: poolKey(e, backend),
        source: e,
        backend,
        problems: entries.map((x) => x.problem),
        entries,
        models: pool.models,
        status: 'done',
        imported,
      },
    });
    // FLOPs need parameter counts: the built-in models' configs say them.
    void modelParameters(pool.models.map((m) => m.id)).then((parameters) => {
      if (get().pool.imported === imported) set({ pool: { ...get().pool, parameters } });
    });
  },
  runPool: async (e, backend) => {
    get().cancelPool();
    const mismatch = policyMismatch(e);
    if (mismatch) {
      runs++;
      set({ pool: { ...get().pool, status: 'error', error: mismatch, errorKind: 'load' } });
      return;
    }
    const run = ++runs;
    const ctl = (controller = new AbortController());
    const live = () => run === runs;
    const key = poolKey(e, backend);
    const plan = planFor(e);
    const prev = get().pool;
    // Problems past this run's count stay: the pool serves every count of its key.
    let kept = prev.key === key ? prev.entries : [];
    let needed = samplesNeeded(plan, kept);
    let drawnBefore = 0; // samples finished in this run, before the current batch
    let batch: SampleProgress | null = null;
    const started = performance.now();
    let tokens = 0;
    const progress = (problemsDone: number): RunProgress => ({
      problemsDone,
      problems: plan.problems.length,
      samplesDone: drawnBefore + (batch?.done ?? 0),
      samplesNeeded: needed,
      tokensPerSecond: (tokens + (batch?.tokens ?? 0)) / ((performance.now() - started) / 1000),
    });
    const update = (patch: Partial<PoolState>) =>
      live() && set({ pool: { ...get().pool, ...patch } });
    set({
      pool: {
        ...prev,
        key,
        source: e,
        backend,
        problems: [...plan.problems],
        entries: kept,
        status: 'running',
        error: null,
        errorKind: null,
        download: null,
        recovered: null,
        imported: null,
        restored: false,
        inferenceCalls: prev.key === key ? prev.inferenceCalls : 0,
        models: prev.key === key ? prev.models : [],
        progress: progress(0),
      },
    });
    let problemsDone = 0;
    let storeKey: string | null = null;
    try {
      policy ??= new PolicyClient();
      const p = policy;
      const bytes = (model: string) => (loaded: number, total: number | null) =>
        update({ loading: { model, loaded, total } });
      const spec = policySpec(e);
      const files = new Map<string, FileProgress>();
      if (spec.kind === 'hub') update({ download: { model: spec.model, files: [] } });
      // The verifiers load in their own workers while the policy loads (each compiles the runtime
      // and reads its model: on two cores, side by side takes about half the time). A hub verifier
      // waits: it may be the policy's own files, which one download must fetch once, and its bytes
      // count against the storage the policy's download was checked for. A policy that fails to
      // load ends the run with its own message; the verifiers' outcome is then not read.
      const loadVerifiers = () =>
        loadPoolVerifiers(e, plan.verifiers, backend, bytes, (note) => update({ recovered: note }));
      const hubVerifier = modelVerifier(e)?.spec.kind === 'hub';
      const verifiersLoading = hubVerifier ? null : loadVerifiers();
      verifiersLoading?.catch(() => undefined);
      const policyHandle = await p.load(spec, backend, {
        onBytes: bytes(e.policy),
        onFile: (f) => {
          files.set(f.path, f);
          update({ download: { model: e.policy, files: [...files.values()] } });
          const fault = TEST_BUILD ? downloadFaultOn(f) : null;
          if (fault === 'cancel') get().cancelPool();
          if (fault === 'kill') p.kill('the policy worker was stopped (test hook)');
          if (f.notKept)
            get().notify(
              `This browser's storage is full: ${e.policy}'s ${f.path} (${(f.received / 1e6).toFixed(1)} MB) downloaded but could not be kept (${f.notKept}), so the next visit downloads it again. The run goes on. Free space under "This browser" to keep it.`,
            );
        },
        beforeDownload: (plan) =>
          checkDownload(plan, backend, get().backend, browserStorageEstimate),
      });
      const models: ModelRef[] = [
        {
          role: 'policy',
          ...pick(policyHandle),
          ...(policyHandle.source ? { source: policyHandle.source } : {}),
          ...(policyHandle.remote ? { remote: policyHandle.remote } : {}),
        },
      ];
      update({ capabilities: policyHandle.capabilities ?? null });
      // A GPU device lost mid-draw: a fresh worker draws the problem again on a new device, or on
      // WASM; the samples it then draws say so (the pool's key and backend stay the experiment's).
      const gpu = gpuRecovery(backend, {
        restart: (why) => p.kill(why),
        reload: (b) => p.load(spec, b),
        onRecovered: (note) => update({ recovered: note }),
      });
      const scoring = await (verifiersLoading ?? loadVerifiers());
      models.push(...scoring.models);
      const parameters = { [e.policy]: policyHandle.parameters, ...scoring.parameters };
      if (!live()) return;
      // A pool this browser stored is named by the policy file that drew it: a retrained policy
      // is another key. Its scores count only for the verifier files that computed them.
      storeKey = storedPoolKey(e, backend, policyHandle.hash);
      const stored = prev.key === key ? null : await load<StoredPool>('pools', storeKey);
      if (!live()) return;
      if (stored) {
        kept = withoutStaleScores(stored, models);
        needed = samplesNeeded(plan, kept);
        update({
          entries: kept,
          restored: true,
          models: stored.models.filter((m) => m.role === 'policy' || !isStale(m, models)),
          parameters: { ...stored.parameters, ...get().pool.parameters },
          progress: progress(0),
        });
      }
      const keepModels = get().pool.models.filter((m) => !models.some((x) => x.id === m.id));
      update({
        models: [...models, ...keepModels],
        parameters: { ...get().pool.parameters, ...parameters },
      });
      await growPool(
        plan,
        kept,
        {
          draw: (problem, indices, temperature) =>
            gpu.run(
              async (on) => {
                batch = null;
                const drawn = await p.draw(
                  spec,
                  on,
                  {
                    problem,
                    seed: e.seed,
                    indices,
                    params: { temperature, topP: 1, topK: 0, maxTokens: e.maxTokens },
                    stepDelimiter: stepDelimiter(e),
                    memory: { backend: on, ...gpuBuffer(get().backend) },
                  },
                  (b) => {
                    batch = b;
                    update({ progress: progress(problemsDone) });
                  },
                );
                batch = null;
                drawnBefore += drawn.samples.length;
                tokens += drawn.cost.generatedTokens;
                update({ inferenceCalls: get().pool.inferenceCalls + drawn.cost.forwardPasses });
                if (on === backend) return drawn;
                return { ...drawn, samples: drawn.samples.map((s) => ({ ...s, backend: on })) };
              },
              `during problem ${problemsDone + 1}`,
            ),
          score: (v, problem, texts, finished) => {
            update({ inferenceCalls: get().pool.inferenceCalls + 1 });
            return scoring.score(v, problem, texts, finished, `during problem ${problemsDone + 1}`);
          },
        },
        (i, entry) => {
          if (!live()) return;
          problemsDone = i + 1;
          if (get().pool.entries[i] !== entry) {
            const entries = [...get().pool.entries];
            entries[i] = entry;
            update({ entries });
          }
          update({ progress: progress(problemsDone) });
          if (TEST_BUILD && cancelDueAfter(problemsDone)) get().cancelPool();
        },
        ctl.signal,
      );
      const secs = (performance.now() - started) / 1000;
      update({
        status: 'done',
        progress: progress(plan.problems.length),
        lastTokensPerSecond: tokens > 0 ? tokens / secs : get().pool.lastTokensPerSecond,
      });
    } catch (err) {
      if (!live()) return;
      const { kind, message } = describeError(err);
      // Lost while loading: that worker's device is gone for good, so Retry starts a fresh one.
      if (kind === 'device-lost') policy?.kill('the GPU device was lost');
      const cancelled = ctl.signal.aborted || kind === 'cancelled';
      update({
        status: cancelled ? 'cancelled' : 'error',
        error: cancelled ? null : message,
        errorKind: cancelled ? null : kind,
      });
    }
    // Whatever was drawn (all of it, or a cancelled run's part) is kept for the next visit.
    const now = get().pool;
    if (
      live() &&
      storeKey &&
      now.key === key &&
      now.inferenceCalls > 0 &&
      now.entries.some(Boolean)
    ) {
      const said = await keepPool(storeKey, now);
      if (said) get().notify(said);
    }
  },
});

const pick = (h: { id: string; hash: string }) => ({ id: h.id, hash: h.hash });
