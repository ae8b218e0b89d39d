import { bestFinished, byScore, SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface DvtsParams {
  /** Budget: subtrees × width. */
  n: number;
  /** Width: candidates per step in each subtree. Clamped to n. */
  m: number;
  maxSteps: number;
  temperature: number;
}

/**
 * Diverse verifier tree search (search-and-learn): N/M independent subtrees, each expanding M candidate
 * steps and keeping only the best, greedily, to the end. The subtrees advance together as one batch;
 * the answer is the best-scored finished leaf over all subtrees.
 */
export async function dvts(ctx: SearchContext, p: DvtsParams): Promise<SearchResult> {
  const m = Math.max(1, Math.min(p.m, p.n));
  const trees = Math.max(1, Math.floor(p.n / m));
  const rec = new SearchRecorder(ctx, 'dvts', {
    n: p.n,
    m,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
  });
  const leaves: Node[] = [];
  // tips[t]: the node subtree t extends next (the root at first); null once the subtree finished.
  let tips: (Node | null)[] = Array.from({ length: trees }, () => rec.root);
  for (let depth = 1; tips.some((t) => t !== null); depth++) {
    rec.round();
    const open = tips.flatMap((t, i) => (t ? [i] : []));
    const parents = open.flatMap((i) => Array.from({ length: m }, () => tips[i]!));
    // Subtree t's first candidates are the root's children t·M … t·M + M − 1: disjoint streams.
    const indices = open.flatMap((i) =>
      Array.from({ length: m }, (_, j) => (depth === 1 ? i * m + j : j)),
    );
    const children = await rec.expand(parents, indices, p.temperature);
    await rec.score(children);
    const next = [...tips];
    open.forEach((i, g) => {
      const group = children.slice(g * m, (g + 1) * m).sort(byScore);
      const best = group[0]!;
      for (const n of group.slice(1)) rec.prune(n);
      if (best.finished || depth >= p.maxSteps) {
        if (best.finished) rec.finish(best);
        else rec.keep(best);
        leaves.push(best);
        next[i] = null;
      } else {
        rec.keep(best);
        next[i] = best;
      }
    });
    tips = next;
  }
  return rec.result(bestFinished(leaves) ?? [...leaves].sort(byScore)[0] ?? null);
}
