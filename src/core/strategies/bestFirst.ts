import { bestFinished, byScore, SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface BestFirstParams {
  /** Expansions: the budget (each extends one partial solution by M candidate steps). */
  expansions: number;
  /** Candidates per expansion. */
  m: number;
  maxSteps: number;
  temperature: number;
}

/**
 * Best-first search (cf. *A\*-Decoding*): a priority queue of partial solutions keyed by the
 * verifier's value; always extend the most promising one. Stops when a finished solution reaches the
 * front of the queue (nothing open scores higher) or the expansions run out.
 */
export async function bestFirst(ctx: SearchContext, p: BestFirstParams): Promise<SearchResult> {
  const m = Math.max(1, p.m);
  const rec = new SearchRecorder(ctx, 'best-first', {
    expansions: p.expansions,
    m,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
  });
  const queue: Node[] = [rec.root];
  const finished: Node[] = [];
  for (let e = 0; e < p.expansions && queue.length > 0; e++) {
    queue.sort(byScore);
    const node = queue.shift()!;
    if (node.finished) {
      return rec.result(node);
    }
    rec.round();
    rec.keep(node);
    const children = await rec.expand(
      Array.from({ length: m }, () => node),
      Array.from({ length: m }, (_, i) => i),
      p.temperature,
    );
    await rec.score(children);
    for (const c of children) {
      if (c.finished) {
        finished.push(c);
        rec.finish(c);
        queue.push(c);
      } else if (c.steps.length >= p.maxSteps) rec.prune(c);
      else queue.push(c);
    }
  }
  queue.sort(byScore);
  const front = queue.find((n) => n.finished) ?? null;
  return rec.result(front ?? bestFinished(finished));
}
