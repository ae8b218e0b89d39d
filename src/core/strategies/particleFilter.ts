/**
 * Particle filtering (Puri et al. 2025, *A Probabilistic Inference Approach to Inference-Time Scaling
 * of LLMs using Particle-Based Monte Carlo Methods*), as the authors' reference code does it:
 * its_hub `its_hub/algorithms/particle_gibbs.py`, `ParticleGibbs.infer` with one iteration and no
 * reference particles (`ParticleFiltering`), read at Red-Hat-AI-Innovation-Team/its_hub@e4d00d1.
 *
 * N particles start at the prompt. Every round each particle that has not stopped draws one step and
 * is scored; its log-weight is logit(PRM score) (the score clipped to [1e-7, 1 − 1e-7]). Then all N
 * particles — the stopped ones with their final weight — are resampled, N draws with replacement
 * from softmax(log-weights) (`random.choices`), in draw order. A particle stops when its solution
 * ends or at the step limit (its_hub's `max_steps`). The rounds go on until every particle has
 * stopped; the final population is the completed set, and the answer is chosen from it in a separate
 * step (`finalSelection.ts`; the reference's default, argmax of the weights, is `best`).
 *
 * Deliberate differences: random draws come from the search's seeded stream, not Python's `random`;
 * `best` compares scores, so two scores that clip to the same weight are told apart.
 *
 * The first wave's behaviour is kept as two options, off by default: `dropFinished` (finished
 * particles leave the population and only the open ones are resampled, so it shrinks) and
 * `temperedWeights` (weights softmax(score / τ) instead of softmax(logit(score))).
 */
import { Rng } from '../rng';
import { selectFinal, type FinalSelection } from '../search/finalSelection';
import { SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface ParticleFilterParams {
  /** Particles: the budget. */
  n: number;
  maxSteps: number;
  temperature: number;
  select?: FinalSelection;
  /** Drop repeated solutions from the final population before the answer is chosen. */
  filterDuplicates?: boolean;
  /** First-wave variant: finished particles leave the population. */
  dropFinished?: boolean;
  /** First-wave variant: weights softmax(score / τ), with this τ (absent: the reference's logits). */
  temperedWeights?: number;
}

/** logit(score), clipped as its_hub's `_inv_sigmoid` clips it; NaN or missing scores weigh nothing. */
export function logWeight(score: number | null): number {
  if (score === null || !Number.isFinite(score)) return -Infinity;
  const x = Math.min(1 - 1e-7, Math.max(1e-7, score));
  return Math.log(x / (1 - x));
}

/** softmax(z), computed stably; all −∞ gives uniform weights. */
export function softmax(z: readonly number[]): number[] {
  const top = Math.max(...z);
  if (top === -Infinity) return z.map(() => 1 / z.length);
  const e = z.map((x) => Math.exp(x - top));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / total);
}

/** Resampling weights softmax(score / τ) (the tempered variant); NaN or missing scores weigh 0. */
export function resampleWeights(scores: readonly number[], tau: number): number[] {
  return softmax(scores.map((s) => (Number.isFinite(s) ? s / tau : -Infinity)));
}

/** `count` draws from `weights` with replacement, in draw order (`random.choices`: bisect on the CDF). */
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

export async function particleFilter(
  ctx: SearchContext,
  p: ParticleFilterParams,
): Promise<SearchResult> {
  const select = p.select ?? 'best';
  const rec = new SearchRecorder(ctx, 'particle-filter', {
    n: p.n,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
    select,
    dropFinished: !!p.dropFinished,
    ...(p.temperedWeights !== undefined ? { temperedWeights: p.temperedWeights } : {}),
  });
  const rng = Rng.fromSeed(ctx.seed, 'particle-filter', ctx.problem.id);
  const weigh = (nodes: readonly Node[]) =>
    p.temperedWeights !== undefined
      ? resampleWeights(
          nodes.map((n) => n.score ?? NaN),
          p.temperedWeights,
        )
      : softmax(nodes.map((n) => logWeight(n.score)));
  const stoppedAt = new Set<Node>();
  const left: Node[] = []; // finished particles that left the population (dropFinished)
  let particles: Node[] = Array.from({ length: p.n }, () => rec.root);
  for (let depth = 1; particles.some((x) => !stoppedAt.has(x)); depth++) {
    rec.round();
    const open = particles.flatMap((x, j) => (stoppedAt.has(x) ? [] : [j]));
    // Particle j extends its node with child index j: copies of one node draw different steps.
    const children = await rec.expand(
      open.map((j) => particles[j]!),
      open,
      p.temperature,
    );
    await rec.score(children);
    open.forEach((j, c) => {
      const x = children[c]!;
      particles[j] = x;
      if (x.finished) rec.finish(x);
      if (x.finished || depth >= p.maxSteps) stoppedAt.add(x);
    });
    let population = particles;
    if (p.dropFinished) {
      left.push(...particles.filter((x) => x.finished));
      population = particles.filter((x) => !x.finished);
      if (population.length === 0 || depth >= p.maxSteps) {
        for (const x of population) rec.prune(x);
        particles = [];
        break;
      }
    }
    const draws = multinomial(weigh(population), population.length, rng);
    recordResampling(rec, population, draws);
    particles = draws.map((i) => population[i]!);
    // The first wave kept its particles in node order.
    if (p.dropFinished) particles.sort((a, b) => a.id - b.id);
  }
  const completed = p.dropFinished ? left : particles;
  return rec.result(
    selectFinal(completed, { by: select, dedupe: !!p.filterDuplicates }),
    completed,
  );
}

/** One `resampled` event per distinct node of the population, with its copies (0: dropped). */
function recordResampling(rec: SearchRecorder, population: readonly Node[], draws: number[]): void {
  const copies = new Map<Node, number>();
  for (const x of population) copies.set(x, 0);
  for (const i of draws) copies.set(population[i]!, copies.get(population[i]!)! + 1);
  for (const [x, k] of copies) rec.resampled(x, k);
}
