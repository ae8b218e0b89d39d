import { bestFinished, byScore, SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface BeamSearchParams {
  /** Beams: the budget (samples of the first step; candidates per later step). */
  n: number;
  /** Beam width: children per survivor. Clamped to n. */
  m: number;
  /** Step limit (search-and-learn: 40). */
  maxSteps: number;
  temperature: number;
  /** Lookahead: score a candidate by its greedy rollout this many steps further (0 = off). */
  lookahead?: number;
}

/**
 * Beam search with a process verifier (Snell et al. 2024; search-and-learn): N first steps are scored,
 * the top N/M survive and each is extended by M sampled steps, until N beams have finished or the step
 * limit. Finished beams leave the active set; the answer is the best-scored finished beam.
 */
export async function beamSearch(ctx: SearchContext, p: BeamSearchParams): Promise<SearchResult> {
  const m = Math.max(1, Math.min(p.m, p.n));
  const keep = Math.max(1, Math.floor(p.n / m));
  const rec = new SearchRecorder(ctx, 'beam', {
    n: p.n,
    m,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
    lookahead: p.lookahead ?? 0,
  });
  const finished: Node[] = [];
  rec.round();
  let frontier = await rec.expand(
    Array.from({ length: p.n }, () => rec.root),
    Array.from({ length: p.n }, (_, i) => i),
    p.temperature,
  );
  for (let depth = 1; ; depth++) {
    await scoreWithLookahead(rec, frontier, p.lookahead ?? 0, p.maxSteps - depth);
    const active = rec.settle(frontier, finished);
    if (finished.length >= p.n || active.length === 0 || depth >= p.maxSteps) {
      for (const n of active) rec.prune(n);
      break;
    }
    active.sort(byScore);
    const survivors = active.slice(0, keep);
    for (const n of survivors) rec.keep(n);
    for (const n of active.slice(keep)) rec.prune(n);
    rec.round();
    const parents = survivors.flatMap((s) => Array.from({ length: m }, () => s));
    frontier = await rec.expand(
      parents,
      parents.map((_, i) => i % m),
      p.temperature,
    );
  }
  return rec.result(bestFinished(finished) ?? bestActive(rec));
}

/** With nothing finished, the best-scored node at any depth (ties to the older one). */
function bestActive(rec: SearchRecorder): Node | null {
  const scored = rec.nodes.filter((n) => n.score !== null);
  return scored.length === 0 ? null : [...scored].sort(byScore)[0]!;
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
  for (let s = 0; s < k; s++) {
    const open = ends.map((n, i) => (n.finished ? -1 : i)).filter((i) => i >= 0);
    if (open.length === 0) break;
    const next = await rec.expand(
      open.map((i) => ends[i]!),
      open.map(() => 0),
      0,
      false,
    );
    open.forEach((i, j) => (ends[i] = next[j]!));
  }
  const values = await rec.scoreValues(ends);
  nodes.forEach((n, i) => rec.setScore(n, values[i]!));
}
