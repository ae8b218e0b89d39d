/**
 * The answer of a search, chosen from its completed set in a step of its own — as search-and-learn
 * does it: the search returns N completed solutions with their aggregated PRM scores, and the answer
 * is picked by naive best-of-N (`beam_search()`'s `np.argmax`), a weighted vote or a majority vote
 * (`sal/utils/score.py`), optionally after dropping duplicate solutions. Every tree strategy that
 * returns a completed set (beam search, DVTS, particle filtering) ends here.
 */
import type { Node } from './recorder';

export type FinalSelection = 'best' | 'weighted' | 'majority';

export const FINAL_SELECTIONS: readonly FinalSelection[] = ['best', 'weighted', 'majority'];

export interface FinalSelectionParams {
  by: FinalSelection;
  /** Drop solutions whose text repeats an earlier one before choosing (search-and-learn's `filter_duplicates`). */
  dedupe: boolean;
}

const textOf = (n: Node) => n.steps.join('\n');

/** The first node with the highest score (np.argmax's tie rule: the earliest index wins). */
function argmax(nodes: readonly Node[]): Node | null {
  let best: Node | null = null;
  for (const n of nodes)
    if (best === null || (n.score ?? -Infinity) > (best.score ?? -Infinity)) best = n;
  return best;
}

/**
 * The chosen node of `completed` (null when it is empty). A vote counts only solutions with an
 * answer; the winning answer is the first to reach the top tally, and its representative the first
 * of its highest-scored solutions. With no answer anywhere a vote falls back to the best score.
 */
export function selectFinal(completed: readonly Node[], p: FinalSelectionParams): Node | null {
  let set = completed;
  if (p.dedupe) {
    const seen = new Set<string>();
    set = completed.filter((n) => !seen.has(textOf(n)) && (seen.add(textOf(n)), true));
  }
  if (p.by === 'best') return argmax(set);
  const answered = set.filter((n) => n.finished && n.answer !== null);
  if (answered.length === 0) return argmax(set);
  const tally = new Map<string, number>();
  for (const n of answered)
    tally.set(n.answer!, (tally.get(n.answer!) ?? 0) + (p.by === 'weighted' ? (n.score ?? 0) : 1));
  let top: string | null = null;
  for (const [answer, mass] of tally) if (top === null || mass > tally.get(top)!) top = answer;
  return argmax(answered.filter((n) => n.answer === top));
}
