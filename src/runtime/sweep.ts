/**
 * Draws a sample pool: for each problem, N samples from the policy (seeded per problem and sample
 * index, so a larger N keeps the earlier samples), graded by the task's exact checker, scored by the
 * policy's own confidence and by each verifier. `ttc sweep`'s engine, for a policy in process or on a
 * remote server alike; the app's workers run the same per-problem steps (drawSamples.ts).
 *
 * Problems can be in flight together (a remote server batches them), and the pool is handed out
 * after every problem that completes, so a sweep that dies keeps what arrived; given that partial
 * pool back (`resume`), a sweep draws only the samples it lacks.
 */
import { POOL_FORMAT_VERSION } from '../core/pool/migrate';
import { makeProblemSet } from '../core/tasks/problemSet';
import type { Task } from '../core/tasks/task';
import type {
  ModelRef,
  ModelSource,
  Pool,
  PoolEntry,
  Problem,
  Sample,
  VerifierInfo,
  VerifierScore,
} from '../core/types';
import { ENGINE_VERSION } from '../core/version';
import type { RuleSpec } from '../core/verifiers/rules';
import type { Decoder } from './decoder';
import {
  CONFIDENCE_VERIFIER,
  drawSamples,
  MEAN_LOGPROB_VERIFIER,
  SELF_CERTAINTY_VERIFIER,
  generativeVerifierInfo,
  scoreSamples,
  type Codec,
  type DrawnSamples,
  type DrawRange,
} from './drawSamples';
import type { SamplingParams } from './sampling';

export { CONFIDENCE_VERIFIER };

export interface LoadedModel {
  id: string;
  hash: string;
  /** Parameters, for FLOPs. */
  parameters: number;
  decoder: Decoder;
  /** Text ↔ token ids, from the model's own tokenizer. */
  codec: Codec;
  /** A hub model's files and commit (built-in models are named by their hash alone). */
  source?: ModelSource;
  /** How the model reads as a verifier when its config says (the tag PRM); else the generative rule. */
  rule?: RuleSpec;
}

export interface SweepOptions extends SamplingParams {
  task: Task;
  seed: number;
  levels: number[];
  problems: number;
  n: number;
  maxTokens: number;
  /**
   * Sample i is drawn at temperatures[i mod T], as the page's pools mix temperatures (default: the
   * one `temperature`).
   */
  temperatures?: readonly number[];
  /** Problems in flight at once (default 1). */
  concurrency?: number;
  /** A partial pool of the same sweep: its samples are kept and only the missing ones drawn. */
  resume?: Pool;
  onProblem?: (done: number, total: number) => void;
  /** After every completed problem: the pool so far (problems in order, completed ones only). */
  onPool?: (pool: Pool) => void;
  signal?: AbortSignal;
}

/** Where a pool's samples come from: a model in process or on a server. */
export interface PoolPolicy {
  ref: ModelRef;
  /** The verifier-free scores its samples carry. */
  verifiers: VerifierInfo[];
  /** The runtime, as the pool records it (`wasm`, `remote`). */
  backend: string;
  /** At most this many problems at once (an ONNX session runs one call at a time: 1). */
  inFlight?: number;
  draw(task: Task, problem: Problem, range: DrawRange, o: SweepOptions): Promise<DrawnSamples>;
}

export interface PoolVerifier {
  ref: ModelRef;
  info: VerifierInfo;
  inFlight?: number;
  score(
    task: Task,
    problem: Problem,
    samples: readonly Pick<Sample, 'text'>[],
    finished: readonly boolean[],
  ): Promise<VerifierScore[]>;
}

export function modelRef(role: ModelRef['role'], m: LoadedModel): ModelRef {
  return { role, id: m.id, hash: m.hash, ...(m.source ? { source: m.source } : {}) };
}

export function inProcessPolicy(m: LoadedModel, backend = 'wasm'): PoolPolicy {
  return {
    ref: modelRef('policy', m),
    verifiers: [CONFIDENCE_VERIFIER, MEAN_LOGPROB_VERIFIER, SELF_CERTAINTY_VERIFIER],
    backend,
    inFlight: 1,
    draw: (task, problem, range, o) => drawSamples(m.decoder, task, m.codec, problem, range, o),
  };
}

export function inProcessVerifier(m: LoadedModel): PoolVerifier {
  return {
    ref: modelRef('verifier', m),
    info: generativeVerifierInfo(m.id),
    inFlight: 1,
    score: (task, problem, samples, finished) =>
      scoreSamples(m.decoder, task, m.codec, problem, samples, finished),
  };
}

/** Whether `pool` can be resumed by a sweep with these settings; the reason when not. */
export function resumeMismatch(pool: Pool, policy: PoolPolicy, o: SweepOptions): string | null {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (pool.task.id !== o.task.id || pool.seed !== o.seed || !same(pool.task.levels, o.levels))
    return 'its task, levels or seed differ';
  if (pool.models.find((m) => m.role === 'policy')?.id !== policy.ref.id)
    return 'its policy differs';
  const s = pool.sampling;
  if (
    !same(s.temperatures, temperaturesOf(o)) ||
    s.topP !== o.topP ||
    s.topK !== o.topK ||
    s.maxTokens !== o.maxTokens
  )
    return 'its sampling settings differ';
  return null;
}

const temperaturesOf = (o: SweepOptions): number[] =>
  o.temperatures && o.temperatures.length > 0 ? [...o.temperatures] : [o.temperature];

/** The samples at `indices`, each at its temperature (one draw per temperature, merged by index). */
async function drawMixed(
  policy: PoolPolicy,
  problem: Problem,
  indices: readonly number[],
  o: SweepOptions,
): Promise<DrawnSamples> {
  const ts = temperaturesOf(o);
  if (ts.length === 1)
    return policy.draw(o.task, problem, { seed: o.seed, indices }, { ...o, temperature: ts[0]! });
  const parts: DrawnSamples[] = [];
  for (let t = 0; t < ts.length; t++) {
    const mine = indices.filter((i) => i % ts.length === t);
    if (mine.length)
      parts.push(
        await policy.draw(
          o.task,
          problem,
          { seed: o.seed, indices: mine },
          { ...o, temperature: ts[t]! },
        ),
      );
  }
  const rows = parts
    .flatMap((d) => d.samples.map((s, j) => ({ s, f: d.finished[j]! })))
    .sort((a, b) => a.s.index - b.s.index);
  const cost = { ...parts[0]!.cost };
  for (const d of parts.slice(1))
    for (const k of Object.keys(cost) as (keyof typeof cost)[]) cost[k] += d.cost[k];
  return { samples: rows.map((r) => r.s), finished: rows.map((r) => r.f), cost };
}

export async function sweep(
  policy: PoolPolicy,
  verifiers: PoolVerifier[],
  o: SweepOptions,
): Promise<Pool> {
  const problems = makeProblemSet(o.task, o.seed, o.levels, o.problems);
  const kept = new Map((o.resume?.problems ?? []).map((e) => [e.problem.id, e]));
  const entries: (PoolEntry | undefined)[] = new Array(problems.length);
  const header = {
    format: 'ttc-pool' as const,
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: o.task.id, levels: o.levels, seed: o.seed },
    models: [policy.ref, ...verifiers.map((v) => v.ref)],
    verifiers: [...policy.verifiers, ...verifiers.map((v) => v.info)],
    sampling: {
      temperatures: temperaturesOf(o),
      topP: o.topP,
      topK: o.topK,
      maxTokens: o.maxTokens,
    },
    seed: o.seed,
    backend: policy.backend,
    createdAt: o.resume?.createdAt ?? new Date().toISOString(),
  };
  const poolOf = (): Pool => ({
    ...header,
    problems: entries.filter((e): e is PoolEntry => e !== undefined),
  });
  let done = 0;

  async function one(p: number): Promise<void> {
    const problem = problems[p]!;
    const old = kept.get(problem.id);
    const have = new Set(old?.samples.map((s) => s.index) ?? []);
    const indices = Array.from({ length: o.n }, (_, i) => i).filter((i) => !have.has(i));
    if (old && indices.length === 0) {
      entries[p] = { ...old, samples: old.samples.filter((s) => s.index < o.n) };
    } else {
      const { samples, finished, cost } = await drawMixed(policy, problem, indices, o);
      for (const v of verifiers) {
        const started = performance.now();
        const scores = await v.score(o.task, problem, samples, finished);
        scores.forEach((s, i) => (samples[i]!.scores[v.info.id] = s));
        cost.verifierTokens += scores.reduce((a, s) => a + s.tokens, 0);
        cost.elapsedMs += performance.now() - started;
      }
      const all = [...(old?.samples ?? []), ...samples].sort((a, b) => a.index - b.index);
      const c = old?.cost;
      entries[p] = {
        problem,
        samples: all,
        cost: c
          ? {
              promptTokens: c.promptTokens + cost.promptTokens,
              generatedTokens: c.generatedTokens + cost.generatedTokens,
              verifierTokens: c.verifierTokens + cost.verifierTokens,
              forwardPasses: c.forwardPasses + cost.forwardPasses,
              elapsedMs: c.elapsedMs + cost.elapsedMs,
            }
          : cost,
      };
    }
    o.onProblem?.(++done, problems.length);
    o.onPool?.(poolOf());
    o.signal?.throwIfAborted();
  }

  // Workers take the next problem in order; the first failure stops the others taking more.
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < problems.length) {
      const p = next++;
      try {
        await one(p);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const width = Math.min(
    o.concurrency ?? 1,
    problems.length,
    policy.inFlight ?? Infinity,
    ...verifiers.map((v) => v.inFlight ?? Infinity),
  );
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, width) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
  return poolOf();
}
