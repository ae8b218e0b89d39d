import { Rng } from '../rng';
import { bestFinished, SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface ParticleFilterParams {
  /** Particles: the budget. */
  n: number;
  /** Softmax temperature of the resampling weights (→ 0: keep only the best; → ∞: uniform). */
  tau: number;
  maxSteps: number;
  temperature: number;
  /** The answer: the best-scored finished particle, or the answer with the most verifier mass. */
  answerBy: 'best' | 'vote';
}

/** Resampling weights softmax(score / τ), computed stably; NaN or missing scores weigh 0. */
export function resampleWeights(scores: readonly number[], tau: number): number[] {
  const z = scores.map((s) => (Number.isFinite(s) ? s / tau : -Infinity));
  const top = Math.max(...z);
  if (top === -Infinity) return scores.map(() => 1 / scores.length);
  const e = z.map((x) => Math.exp(x - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

/** `count` multinomial draws from `weights` (index per draw, ascending by draw order). */
export function multinomial(weights: readonly number[], count: number, rng: Rng): number[] {
  const cdf: number[] = [];
  let acc = 0;
  for (const w of weights) cdf.push((acc += w));
  return Array.from({ length: count }, () => {
    const u = rng.next() * acc;
    const i = cdf.findIndex((c) => u < c);
    return i < 0 ? weights.length - 1 : i;
  });
}

/**
 * Particle filtering (Puri et al. 2025, *A Probabilistic Inference Approach to Inference-Time Scaling
 * of LLMs using Particle-Based Monte Carlo Methods*): every round extends each unfinished particle by one
 * step, weighs the particles by softmax(PRM score / τ) and resamples them in proportion, which keeps
 * some low-scored particles alive (robust to an imperfect verifier where top-k pruning is not).
 * Finished particles are kept as they are.
 */
export async function particleFilter(
  ctx: SearchContext,
  p: ParticleFilterParams,
): Promise<SearchResult> {
  const rec = new SearchRecorder(ctx, 'particle-filter', {
    n: p.n,
    tau: p.tau,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
    answerBy: p.answerBy,
  });
  const rng = Rng.fromSeed(ctx.seed, 'particle-filter', ctx.problem.id);
  const done: Node[] = [];
  // Each particle sits on a node; after resampling several particles may share one.
  let particles: Node[] = Array.from({ length: p.n }, () => rec.root);
  for (let depth = 1; particles.length > 0; depth++) {
    rec.round();
    // Particle j extends its node with child index j: copies of one node draw different steps.
    const children = await rec.expand(
      particles,
      particles.map((_, j) => j),
      p.temperature,
    );
    await rec.score(children);
    const open = rec.settle(children, done);
    if (open.length === 0 || depth >= p.maxSteps) {
      for (const n of open) rec.prune(n);
      break;
    }
    const weights = resampleWeights(
      open.map((n) => n.score ?? NaN),
      p.tau,
    );
    const draws = multinomial(weights, open.length, rng);
    const copies = open.map(() => 0);
    for (const i of draws) copies[i]!++;
    open.forEach((n, i) => rec.resampled(n, copies[i]!));
    particles = draws.sort((a, b) => a - b).map((i) => open[i]!);
  }
  return rec.result(p.answerBy === 'vote' ? weightedVoteLeaf(done) : bestFinished(done));
}

/** The best-scored finished particle among those giving the answer with the most verifier mass. */
function weightedVoteLeaf(done: readonly Node[]): Node | null {
  const mass = new Map<string | null, number>();
  for (const n of done) mass.set(n.answer, (mass.get(n.answer) ?? 0) + (n.score ?? 0));
  let top: string | null = null;
  let best = -Infinity;
  for (const n of done) {
    const m = mass.get(n.answer)!;
    if (m > best) {
      best = m;
      top = n.answer;
    }
  }
  return bestFinished(done.filter((n) => n.answer === top));
}
