/**
 * Beam search with a process verifier (Snell et al. 2024), as search-and-learn's reference loop does
 * it: `src/sal/search/beam_search.py`, `_beam_search`, read at huggingface/search-and-learn@6f81cac.
 *
 * Every iteration the active beams are topped back up to N (survivors duplicated in order, cyclically)
 * and each draws one step; a beam that ends its solution joins the completed set; the open beams are
 * scored and the top N/M of them (a stable ascending argsort, its last N/M: ties go to the later beam)
 * survive. The last iteration samples each beam to the end of its solution rather than one step. The
 * completed set — sorted by score first with `sortCompleted` — is cut or duplicated to exactly N, and
 * the answer is chosen from it in a separate step (`finalSelection.ts`).
 *
 * Deliberate differences from the reference:
 * - One problem per call: the reference tops up over the whole batch of prompts, which is only right
 *   for a batch of one.
 * - Lookahead: the reference generates the lookahead rollout but scores the beam without it; here a
 *   beam's value is its greedy rollout's score, as Snell et al. describe lookahead search.
 * - Ties: numpy's default argsort is stable only up to 16 elements; here it is stable at every size.
 *
 * The first wave's behaviour is kept as two options, off by default: `shrinkingBeams` (survivors × M
 * candidates, fewer as beams finish, no top-up) and `pruneAtLimit` (what is unfinished at the step
 * limit is pruned, so a search can end with no answer).
 */
import { selectFinal, type FinalSelection } from '../search/finalSelection';
import { SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface BeamSearchParams {
  /** Beams: the budget N (candidates drawn per iteration). */
  n: number;
  /** Beam width M: N/M beams survive each iteration. Clamped to n. */
  m: number;
  /** Iterations, the step limit (search-and-learn's `num_iterations`: 40). */
  maxSteps: number;
  temperature: number;
  /** Lookahead: score a candidate by its greedy rollout this many steps further (0 = off). */
  lookahead?: number;
  /**
   * Drop open beams whose text repeats another's before pruning (`filter_duplicates`), and repeats
   * in the completed set before the answer is chosen.
   */
  filterDuplicates?: boolean;
  /** Keep the N best-scored completed beams rather than the first N (`sort_completed`). */
  sortCompleted?: boolean;
  /** How the answer is chosen from the completed set (default: naive best-of-N, the reference's). */
  select?: FinalSelection;
  /** First-wave variant: survivors × M candidates, no top-up to N. */
  shrinkingBeams?: boolean;
  /** First-wave variant: no final completion; unfinished beams are pruned at the step limit. */
  pruneAtLimit?: boolean;
}

export async function beamSearch(ctx: SearchContext, p: BeamSearchParams): Promise<SearchResult> {
  const m = Math.max(1, Math.min(p.m, p.n));
  const keep = Math.max(1, Math.floor(p.n / m));
  const select = p.select ?? 'best';
  const rec = new SearchRecorder(ctx, 'beam', {
    n: p.n,
    m,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
    lookahead: p.lookahead ?? 0,
    filterDuplicates: !!p.filterDuplicates,
    sortCompleted: !!p.sortCompleted,
    select,
    shrinkingBeams: !!p.shrinkingBeams,
    pruneAtLimit: !!p.pruneAtLimit,
  });
  let completed: Node[] = [];
  let active: Node[] = [];
  for (let i = 0; i < p.maxSteps; i++) {
    rec.round();
    const parents =
      i === 0
        ? Array.from({ length: p.n }, () => rec.root)
        : p.shrinkingBeams
          ? active.flatMap((b) => Array.from({ length: m }, () => b))
          : topUp(active, p.n);
    const last = i === p.maxSteps - 1;
    const indices = occurrences(parents);
    const beams =
      last && !p.pruneAtLimit
        ? await rec.complete(parents, indices, p.temperature)
        : await rec.expand(parents, indices, p.temperature);
    await scoreWithLookahead(rec, beams, last ? 0 : (p.lookahead ?? 0), p.maxSteps - i - 1);
    let open = rec.settle(beams, completed);
    if (open.length === 0) break;
    // (The first wave also stopped once N beams had finished.)
    if (last || (p.shrinkingBeams && completed.length >= p.n)) {
      for (const b of open) rec.prune(b);
      break;
    }
    if (p.filterDuplicates) {
      const seen = new Set<string>();
      open = open.filter((b) => {
        const text = b.steps.join('\n');
        if (!seen.has(text)) return (seen.add(text), true);
        rec.prune(b);
        return false;
      });
    }
    const top = new Set(topIndices(open, keep));
    active = open.filter((b, j) => (top.has(j) ? (rec.keep(b), true) : (rec.prune(b), false)));
  }
  completed = p.sortCompleted
    ? [...completed].sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity)).slice(0, p.n)
    : completed.slice(0, p.n);
  completed = topUp(completed, p.n);
  return rec.result(
    selectFinal(completed, { by: select, dedupe: !!p.filterDuplicates }),
    completed,
  );
}

/** (xs · (N div |xs| + 1))[:N]: the reference's duplication, in order, cyclically. */
export function topUp<T>(xs: readonly T[], n: number): T[] {
  if (xs.length === 0) return [];
  return Array.from({ length: n }, (_, i) => xs[i % xs.length]!);
}

/** For each entry, how many times the same node came before it: duplicates draw distinct steps. */
function occurrences(parents: readonly Node[]): number[] {
  const seen = new Map<Node, number>();
  return parents.map((b) => {
    const k = seen.get(b) ?? 0;
    seen.set(b, k + 1);
    return k;
  });
}

/** `np.argsort(scores)[-k:]` with a stable sort: the k best, ties to the later index. */
export function topIndices(nodes: readonly Node[], k: number): number[] {
  const order = nodes
    .map((n, j) => [n.score ?? -Infinity, j] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, j]) => j);
  return order.slice(Math.max(0, order.length - k));
}

/**
 * Scores `nodes`; with lookahead k, each unfinished node's value is the verifier's score of its greedy
 * rollout k steps further (Snell et al.), the rollout's tokens counted but its nodes not kept.
 */
export async function scoreWithLookahead(
  rec: SearchRecorder,
  nodes: readonly Node[],
  lookahead: number,
  stepsLeft: number,
): Promise<void> {
  const k = Math.min(lookahead, Math.max(0, stepsLeft));
  if (k === 0) return rec.score(nodes);
  const ends = [...nodes];
  await rec.extendEnds(ends, k, 0, false);
  const values = await rec.scoreValues(ends);
  nodes.forEach((n, i) => rec.setScore(n, values[i]!));
}
