/**
 * Brings a pool up to date, problem by problem: draws only the sample indices a problem lacks (so the
 * samples it has never change), and has each learned verifier score whatever it has not scored yet.
 * Pure orchestration over injected workers: the same function runs against Node's runtime in tests.
 */
import type { Cost, PoolEntry, Problem, VerifierScore } from '../../core/types';
import type { DrawnSamples } from '../../runtime/drawSamples';

/** A pool entry while the app holds it: which samples ended with EOS (the verifiers read it too). */
export interface WorkingEntry extends PoolEntry {
  finished: boolean[];
}

export interface GrowDeps {
  draw(problem: Problem, indices: number[], temperature: number): Promise<DrawnSamples>;
  score(
    verifier: string,
    problem: Problem,
    texts: string[],
    finished: boolean[],
  ): Promise<VerifierScore[]>;
}

export interface GrowPlan {
  problems: readonly Problem[];
  /** Samples per problem wanted. */
  n: number;
  /** Sample i is drawn at temperatures[i mod T]. */
  temperatures: readonly number[];
  /** Learned verifiers that must have scored every sample. */
  verifiers: readonly string[];
}

const addCost = (a: Cost, b: Cost): Cost => ({
  promptTokens: a.promptTokens + b.promptTokens,
  generatedTokens: a.generatedTokens + b.generatedTokens,
  verifierTokens: a.verifierTokens + b.verifierTokens,
  forwardPasses: a.forwardPasses + b.forwardPasses,
  elapsedMs: a.elapsedMs + b.elapsedMs,
});

const ZERO: Cost = {
  promptTokens: 0,
  generatedTokens: 0,
  verifierTokens: 0,
  forwardPasses: 0,
  elapsedMs: 0,
};

/** Samples still to draw for a plan, over every problem (for progress and time estimates). */
export function samplesNeeded(plan: GrowPlan, current: readonly (WorkingEntry | undefined)[]) {
  return plan.problems.reduce(
    (s, _, i) => s + Math.max(0, plan.n - (current[i]?.samples.length ?? 0)),
    0,
  );
}

/** One problem brought up to the plan; returns the entry unchanged (same object) when nothing was due. */
export async function growEntry(
  problem: Problem,
  entry: WorkingEntry | undefined,
  plan: GrowPlan,
  deps: GrowDeps,
): Promise<WorkingEntry> {
  let samples = entry?.samples ?? [];
  let finished = entry?.finished ?? [];
  let cost = entry?.cost ?? ZERO;
  let changed = !entry;
  if (samples.length < plan.n) {
    const T = plan.temperatures.length;
    const drawn: DrawnSamples[] = [];
    for (let t = 0; t < T; t++) {
      const indices: number[] = [];
      for (let i = samples.length; i < plan.n; i++) if (i % T === t) indices.push(i);
      if (indices.length) drawn.push(await deps.draw(problem, indices, plan.temperatures[t]!));
    }
    const fresh = drawn.flatMap((d) => d.samples.map((s, j) => ({ s, f: d.finished[j]! })));
    fresh.sort((a, b) => a.s.index - b.s.index);
    samples = [...samples, ...fresh.map((x) => x.s)];
    finished = [...finished, ...fresh.map((x) => x.f)];
    cost = drawn.reduce((c, d) => addCost(c, d.cost), cost);
    changed = true;
  }
  for (const v of plan.verifiers) {
    const todo = samples.flatMap((s, i) => (s.scores[v] ? [] : [i]));
    if (todo.length === 0) continue;
    const started = performance.now();
    const scores = await deps.score(
      v,
      problem,
      todo.map((i) => samples[i]!.text),
      todo.map((i) => finished[i]!),
    );
    samples = samples.map((s) => ({ ...s, scores: { ...s.scores } }));
    todo.forEach((i, j) => (samples[i]!.scores[v] = scores[j]!));
    cost = addCost(cost, {
      ...ZERO,
      verifierTokens: scores.reduce((a, s) => a + s.tokens, 0),
      elapsedMs: performance.now() - started,
    });
    changed = true;
  }
  return changed ? { problem, samples, finished, cost } : entry!;
}

/**
 * Every problem in turn; `onEntry` gets each entry as soon as it is up to date (the same object when
 * nothing was due), so partial results stay when the run is cancelled (`signal` is checked between
 * problems; the workers stop within a decode step).
 */
export async function growPool(
  plan: GrowPlan,
  current: readonly (WorkingEntry | undefined)[],
  deps: GrowDeps,
  onEntry: (index: number, entry: WorkingEntry) => void,
  signal?: AbortSignal,
): Promise<void> {
  for (const [i, problem] of plan.problems.entries()) {
    signal?.throwIfAborted();
    onEntry(i, await growEntry(problem, current[i], plan, deps));
  }
}
