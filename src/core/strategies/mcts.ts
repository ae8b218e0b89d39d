import { bestFinished, SearchRecorder, type Node } from '../search/recorder';
import type { SearchContext, SearchResult } from '../search/types';

export interface MctsParams {
  /** Rollouts: the budget (each adds at most one node and backs one value up). */
  rollouts: number;
  /**
   * Or a budget in policy tokens: rollouts continue (up to `rollouts`) until the generated tokens
   * reach it, so MCTS can be compared with other strategies at equal generation cost.
   */
  tokens?: number;
  /** UCT exploration constant c. */
  c: number;
  /** Expansion width: children per node before it is fully expanded. */
  m: number;
  maxSteps: number;
  temperature: number;
  answerBy: 'visits' | 'best';
}

interface Stats {
  visits: number;
  value: number;
  children: Node[];
}

/**
 * Monte Carlo tree search over steps: select by UCT Q + c·sqrt(ln N_parent / N_child) (unvisited
 * children first), expand one new sampled step while a node has fewer than M children, evaluate the
 * leaf with the verifier, back the value up to the root. The answer follows the most-visited children
 * to a finished leaf, or is the best-scored finished node.
 */
export async function mcts(ctx: SearchContext, p: MctsParams): Promise<SearchResult> {
  const m = Math.max(1, p.m);
  const rec = new SearchRecorder(ctx, 'mcts', {
    rollouts: p.rollouts,
    ...(p.tokens !== undefined ? { tokens: p.tokens } : {}),
    c: p.c,
    m,
    maxSteps: p.maxSteps,
    temperature: p.temperature,
    answerBy: p.answerBy,
  });
  const stats = new Map<Node, Stats>();
  const of = (n: Node) => {
    let s = stats.get(n);
    if (!s) stats.set(n, (s = { visits: 0, value: 0, children: [] }));
    return s;
  };
  const depthOf = (n: Node) => n.steps.length;
  for (let r = 0; r < p.rollouts; r++) {
    if (p.tokens !== undefined && rec.generatedTokens >= p.tokens) break;
    rec.round();
    // Selection.
    let node = rec.root;
    while (!node.finished && depthOf(node) < p.maxSteps && of(node).children.length >= m) {
      node = uctChild(of(node), of, p.c);
    }
    // Expansion: one new child, unless the node is terminal.
    let leaf = node;
    if (!node.finished && depthOf(node) < p.maxSteps) {
      const s = of(node);
      leaf = (await rec.expand([node], [s.children.length], p.temperature))[0]!;
      s.children.push(leaf);
      await rec.score([leaf]);
    } else if (leaf.score === null) await rec.score([leaf]);
    // Backup.
    const value = leaf.score ?? 0;
    for (let at: Node | null = leaf; at; at = at.parent) {
      const s = of(at);
      s.visits++;
      s.value += value;
      rec.visited(at, value);
    }
  }
  const all = rec.nodes.filter((n) => n.finished);
  let chosen: Node | null = null;
  if (p.answerBy === 'visits') {
    let at = rec.root;
    while (of(at).children.length > 0) {
      at = [...of(at).children].sort((a, b) => of(b).visits - of(a).visits || a.id - b.id)[0]!;
    }
    chosen = at.finished ? at : null;
  }
  return rec.result(chosen ?? bestFinished(all));
}

function uctChild(parent: Stats, of: (n: Node) => Stats, c: number): Node {
  let best: Node | null = null;
  let bestValue = -Infinity;
  for (const child of parent.children) {
    const s = of(child);
    const u =
      s.visits === 0
        ? Infinity
        : s.value / s.visits + c * Math.sqrt(Math.log(parent.visits) / s.visits);
    if (u > bestValue) {
      bestValue = u;
      best = child;
    }
  }
  return best!;
}
