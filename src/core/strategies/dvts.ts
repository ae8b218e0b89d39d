/**
 * Diverse verifier tree search (Beeching et al. 2024), as search-and-learn's reference loop does it:
 * `src/sal/search/diverse_verifier_tree_search.py`, `_dvts`, read at huggingface/search-and-learn@6f81cac.
 *
 * N/M independent subtrees advance together. Every iteration each open subtree draws M candidate
 * steps from its tip (with lookahead, each scored by its greedy rollout), the first highest-scored
 * (np.argmax) becomes the tip, and a subtree whose tip ends its solution stops. The last iteration
 * samples the candidates to the end of their solutions. The completed set is every subtree's M
 * candidates of its last expansion — N solutions, not N/M — and the answer is chosen from it in a
 * separate step (`finalSelection.ts`).
 *
 * Deliberate difference: the reference stops a subtree whose text contains `boxed{`; here a step
 * policy says when a solution ended (its task's answer line).
 *
 * The first wave's behaviour is kept as two options, off by default: `oneLeafPerSubtree` (only each
 * subtree's chosen tip is completed) and `pruneAtLimit` (no final completion at the step limit).
 */
import { selectFinal, type FinalSelection } from '../search/finalSelection';
import { SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';
import { scoreWithLookahead } from './beamSearch';

export interface DvtsParams {
  /** Budget: subtrees × width. */
  n: number;
  /** Width M (`beam_width`): candidates per step in each subtree. Clamped to n. */
  m: number;
  maxSteps: number;
  temperature: number;
  /** Lookahead steps (greedy rollouts scored in place of the candidate). */
  lookahead?: number;
  select?: FinalSelection;
  /** Drop repeated solutions from the completed set before the answer is chosen. */
  filterDuplicates?: boolean;
  /** First-wave variant: one completion per subtree (its tip) instead of its M last candidates. */
  oneLeafPerSubtree?: boolean;
  /** First-wave variant: no final completion at the step limit. */
  pruneAtLimit?: boolean;
}

export async function dvts(ctx: SearchContext, p: DvtsParams): Promise<SearchResult> {
  const m = Math.max(1, Math.min(p.m, p.n));
  const trees = Math.max(1, Math.floor(p.n / m));
  const select = p.select ?? 'best';
  const rec = new SearchRecorder(ctx, 'dvts', {
    n: p.n,
    m,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
    lookahead: p.lookahead ?? 0,
    select,
    oneLeafPerSubtree: !!p.oneLeafPerSubtree,
    pruneAtLimit: !!p.pruneAtLimit,
  });
  const tips: Node[] = Array.from({ length: trees }, () => rec.root);
  const stopped = tips.map(() => false);
  // Each subtree's candidates of its last expansion (what the reference copies into its output).
  const lastGroup: Node[][] = tips.map(() => []);
  for (let i = 0; i < p.maxSteps; i++) {
    const open = tips.flatMap((_, t) => (stopped[t] ? [] : [t]));
    if (open.length === 0) break;
    rec.round();
    const last = i === p.maxSteps - 1;
    const parents = open.flatMap((t) => Array.from({ length: m }, () => tips[t]!));
    // Subtree t's first candidates are the root's children t·M … t·M + M − 1: disjoint streams.
    const indices = open.flatMap((t) =>
      Array.from({ length: m }, (_, j) => (i === 0 ? t * m + j : j)),
    );
    const children =
      last && !p.pruneAtLimit
        ? await rec.complete(parents, indices, p.temperature)
        : await rec.expand(parents, indices, p.temperature);
    await scoreWithLookahead(rec, children, last ? 0 : (p.lookahead ?? 0), p.maxSteps - i - 1);
    open.forEach((t, g) => {
      const group = children.slice(g * m, (g + 1) * m);
      const best = group.reduce((a, b) =>
        (b.score ?? -Infinity) > (a.score ?? -Infinity) ? b : a,
      );
      // The tip is kept; finished candidates stay in the completed set; the rest are not extended.
      for (const c of group) {
        if (c.finished && (c === best || !p.oneLeafPerSubtree)) rec.finish(c);
        else if (c === best) rec.keep(c);
        else rec.prune(c);
      }
      tips[t] = best;
      lastGroup[t] = group;
      if (best.finished || last) stopped[t] = true;
    });
  }
  const completed = p.oneLeafPerSubtree ? tips.filter((t) => t !== rec.root) : lastGroup.flat();
  return rec.result(
    selectFinal(completed, { by: select, dedupe: !!p.filterDuplicates }),
    completed,
  );
}
