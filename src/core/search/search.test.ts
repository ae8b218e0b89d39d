import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  automatonChecker,
  automatonGrade,
  automatonPolicy,
  type Automaton,
} from '../testing/automaton';
import type { Problem } from '../types';
import { beamSearch } from '../strategies/beamSearch';
import { bestFirst } from '../strategies/bestFirst';
import { dvts } from '../strategies/dvts';
import { TREE_STRATEGIES, DEFAULT_TREE_SETTINGS } from './index';
import { mcts } from '../strategies/mcts';
import { particleFilter, resampleWeights } from '../strategies/particleFilter';
import { pathTo, replayTrace, validateTrace, type SearchTrace } from './trace';
import type { SearchContext, SearchResult } from './types';

// Depth 1's most likely step is wrong, so greedy decoding is wrong while search can be right.
const AUTOMATON: Automaton = {
  length: 3,
  table: [
    [0.6, 0.3, 0.1],
    [0.3, 0.5, 0.2],
    [0.7, 0.3],
  ],
};
const PROBLEM: Problem = {
  id: 'toy-1',
  task: 'automaton',
  level: 1,
  question: 'toy',
  answer: '42',
  steps: ['0:ok', '1:ok', '2:ok'],
  seed: 1,
};

const context = (seed = 5, automaton = AUTOMATON): SearchContext => ({
  problem: PROBLEM,
  policy: automatonPolicy(automaton),
  scorer: automatonChecker,
  grade: automatonGrade,
  seed,
});

async function greedy(): Promise<string[]> {
  const steps: string[] = [];
  const policy = automatonPolicy(AUTOMATON);
  for (;;) {
    const [s] = (await policy.propose(PROBLEM, [{ steps, seed: 0 }], 0)).steps;
    steps.push(s!.text);
    if (s!.finished) return steps;
  }
}

const ALL: [string, (ctx: SearchContext) => Promise<SearchResult>][] = [
  ['beam', (c) => beamSearch(c, { n: 8, m: 4, maxSteps: 10, temperature: 1 })],
  [
    'beam+lookahead',
    (c) => beamSearch(c, { n: 8, m: 4, maxSteps: 10, temperature: 1, lookahead: 1 }),
  ],
  [
    'beam, first wave',
    (c) =>
      beamSearch(c, {
        n: 8,
        m: 4,
        maxSteps: 3,
        temperature: 1,
        shrinkingBeams: true,
        pruneAtLimit: true,
      }),
  ],
  ['beam, step limit', (c) => beamSearch(c, { n: 8, m: 4, maxSteps: 2, temperature: 1 })],
  ['dvts', (c) => dvts(c, { n: 8, m: 2, maxSteps: 10, temperature: 1 })],
  ['dvts+lookahead', (c) => dvts(c, { n: 8, m: 2, maxSteps: 10, temperature: 1, lookahead: 1 })],
  [
    'dvts, first wave',
    (c) =>
      dvts(c, {
        n: 8,
        m: 2,
        maxSteps: 2,
        temperature: 1,
        oneLeafPerSubtree: true,
        pruneAtLimit: true,
      }),
  ],
  ['pf', (c) => particleFilter(c, { n: 8, maxSteps: 10, temperature: 1 })],
  ['pf, step limit', (c) => particleFilter(c, { n: 8, maxSteps: 2, temperature: 1 })],
  ['pf-vote', (c) => particleFilter(c, { n: 8, maxSteps: 10, temperature: 1, select: 'weighted' })],
  [
    'pf, first wave',
    (c) =>
      particleFilter(c, {
        n: 8,
        maxSteps: 10,
        temperature: 1,
        dropFinished: true,
        temperedWeights: 0.5,
      }),
  ],
  [
    'mcts',
    (c) => mcts(c, { rollouts: 16, c: 1, m: 3, maxSteps: 10, temperature: 1, answerBy: 'visits' }),
  ],
  ['best-first', (c) => bestFirst(c, { expansions: 8, m: 3, maxSteps: 10, temperature: 1 })],
];

describe('tree search on a seeded automaton with the exact checker', () => {
  it('beam search with N = M = 1 at temperature 0 is greedy decoding', async () => {
    const r = await beamSearch(context(), { n: 1, m: 1, maxSteps: 10, temperature: 0 });
    expect(r.steps).toEqual(await greedy());
    expect(r.steps).toEqual(['0:ok', '1:w1', '2:ok', 'A: 8']);
  });

  it('DVTS completes N solutions: the M candidates of each subtree’s last expansion', async () => {
    for (const seed of [1, 2, 3]) {
      const r = await dvts(context(seed), { n: 8, m: 2, maxSteps: 10, temperature: 1 });
      const tree = replayTrace(r.trace);
      expect(r.completed).toHaveLength(8);
      // Pairs of siblings, each pair under one subtree's last tip, every one a finished solution.
      for (let t = 0; t < 4; t++) {
        const [a, b] = [r.completed![2 * t]!, r.completed![2 * t + 1]!];
        expect(tree.nodes[a]!.parent).toBe(tree.nodes[b]!.parent);
        expect(tree.nodes[a]!.finished && tree.nodes[b]!.finished).toBe(true);
      }
    }
  });

  it('beam search with the checker beats greedy: it finds the right answer when any beam does', async () => {
    const wrongGreedy = automatonGrade(await greedy());
    expect(wrongGreedy.correct).toBe(false);
    let found = 0;
    for (let seed = 0; seed < 20; seed++) {
      const r = await beamSearch(context(seed), { n: 16, m: 4, maxSteps: 10, temperature: 1 });
      const tree = replayTrace(r.trace);
      const anyRight = tree.nodes.some((n) => n.finished && n.correct === true);
      // With the exact checker as verifier, a right finished beam is never passed over.
      expect(r.correct).toBe(anyRight);
      if (r.correct) found++;
    }
    expect(found).toBeGreaterThanOrEqual(15);
  });

  it('first-wave particle filtering at τ → 0 resamples only the best-scored particles', async () => {
    const r = await particleFilter(context(9), {
      n: 16,
      maxSteps: 10,
      temperature: 1,
      dropFinished: true,
      temperedWeights: 1e-9,
    });
    const tree = replayTrace(r.trace);
    const rounds = new Map<number, number[]>();
    for (const e of r.trace.events) {
      if (e.type !== 'resampled') continue;
      const depth = tree.nodes[e.node]!.depth;
      rounds.set(depth, [...(rounds.get(depth) ?? []), e.node]);
    }
    expect(rounds.size).toBeGreaterThan(0);
    for (const nodes of rounds.values()) {
      const top = Math.max(...nodes.map((n) => tree.nodes[n]!.score!));
      for (const n of nodes) {
        if (tree.nodes[n]!.copies! > 0) expect(tree.nodes[n]!.score).toBe(top);
      }
    }
    expect(r.correct).toBe(true);
  });

  it('first-wave particle weights are softmax(score/τ): one-hot as τ → 0, uniform as τ → ∞', () => {
    const scores = [0.2, 0.9, 0.5, 0.9];
    expect(resampleWeights(scores, 1e-9)).toEqual([0, 0.5, 0, 0.5]);
    for (const w of resampleWeights(scores, 1e9)) expect(w).toBeCloseTo(0.25, 9);
    const w1 = resampleWeights(scores, 1);
    expect(w1[1]! / w1[0]!).toBeCloseTo(Math.exp(0.7), 12);
  });

  it('first-wave particle filtering at τ → ∞ resamples uniformly (copies spread like a multinomial)', async () => {
    // Over many seeds, the share of copies a particle receives does not depend on its score.
    let onBest = 0;
    let onWorst = 0;
    let best = 0;
    let worst = 0;
    for (let seed = 0; seed < 60; seed++) {
      const r = await particleFilter(context(seed), {
        n: 8,
        maxSteps: 10,
        temperature: 1,
        dropFinished: true,
        temperedWeights: 1e9,
      });
      const tree = replayTrace(r.trace);
      for (const e of r.trace.events) {
        if (e.type !== 'resampled') continue;
        if (tree.nodes[e.node]!.score === 1) {
          best++;
          onBest += e.copies;
        } else {
          worst++;
          onWorst += e.copies;
        }
      }
    }
    expect(best).toBeGreaterThan(50);
    expect(worst).toBeGreaterThan(50);
    expect(onBest / best).toBeCloseTo(1, 0);
    expect(onWorst / worst).toBeCloseTo(1, 0);
  });

  it('MCTS visit counts sum to the rollout budget', async () => {
    for (const rollouts of [1, 5, 16, 40]) {
      const r = await mcts(context(3), {
        rollouts,
        c: 1.4,
        m: 3,
        maxSteps: 10,
        temperature: 1,
        answerBy: 'visits',
      });
      const tree = replayTrace(r.trace);
      expect(tree.nodes[0]!.visits).toBe(rollouts);
      const children = tree.nodes[0]!.children.map((c) => tree.nodes[c]!.visits);
      expect(children.reduce((a, b) => a + b, 0)).toBe(rollouts);
      // Every node's visits are its children's plus the rollouts that ended on it.
      for (const n of tree.nodes)
        expect(n.visits).toBeGreaterThanOrEqual(
          n.children.reduce((s, c) => s + tree.nodes[c]!.visits, 0),
        );
    }
  });

  it('MCTS with a token budget stops at the first rollout that reaches it', async () => {
    for (const tokens of [1, 20, 75]) {
      const r = await mcts(context(3), {
        rollouts: 1000,
        tokens,
        c: 1.4,
        m: 3,
        maxSteps: 10,
        temperature: 1,
        answerBy: 'visits',
      });
      const tree = replayTrace(r.trace);
      const rollouts = tree.nodes[0]!.visits;
      expect(r.cost.generatedTokens).toBeGreaterThanOrEqual(tokens);
      // Without the last rollout's node the budget was not reached yet.
      const last = tree.nodes.at(-1)!;
      expect(r.cost.generatedTokens - last.tokens).toBeLessThan(tokens);
      expect(r.trace.events.filter((e) => e.type === 'round')).toHaveLength(rollouts);
    }
  });

  for (const [name, run] of ALL) {
    it(`${name}: the trace validates, survives JSON and replays to the tree the search built`, async () => {
      // What the search did, seen from outside it: every step the policy proposed and every score the
      // verifier gave, so the replayed tree is compared with calls, not with another replay.
      const seen = observed(context(11));
      const r = await run(seen.ctx);
      const back = validateTrace(JSON.parse(JSON.stringify(r.trace)));
      expect(back.ok).toBe(true);
      const tree = replayTrace((back as { trace: SearchTrace }).trace);
      // Nodes are the sampled proposals, in order (lookahead rollouts are greedy and leave no node).
      const sampled = seen.proposals.filter((p) => p.temperature > 0);
      expect(tree.nodes.length - 1).toBe(sampled.length);
      sampled.forEach((p, i) => {
        const node = tree.nodes[i + 1]!;
        expect(node.text).toBe(p.text);
        expect(node.tokens).toBe(p.tokens);
        expect(
          pathTo(tree, node.id)
            .slice(1)
            .map((id) => tree.nodes[id]!.text),
        ).toEqual(p.path);
        if (node.score !== null) {
          // With lookahead a node carries the score of its greedy rollout's end, a path extending it.
          const own = seen.scores.get(p.path.join('\n'));
          const rollouts = [...seen.scores].filter(([k]) => k.startsWith(p.path.join('\n')));
          if (name.endsWith('+lookahead') && own === undefined)
            expect(rollouts.map(([, v]) => v)).toContain(node.score);
          else expect(node.score).toBe(own);
        }
        expect(tree.nodes[node.parent!]!.children).toContain(node.id);
      });
      if (r.answer !== null) {
        expect(tree.selected).not.toBeNull();
        expect(tree.nodes[tree.selected!]!.answer).toBe(r.answer);
      }
      // The same seed replays the same search; compute counts every token the policy generated,
      // lookahead rollouts included.
      const again = await run(context(11));
      expect(again.trace.events).toEqual(r.trace.events);
      const all = seen.proposals.reduce((t, p) => t + p.tokens, 0);
      expect(r.cost.generatedTokens).toBe(all);
      const greedyTokens = all - sampled.reduce((t, p) => t + p.tokens, 0);
      if (name.endsWith('+lookahead')) expect(greedyTokens).toBeGreaterThan(0);
      else expect(greedyTokens).toBe(0);
    });
  }

  it('clamps the width M to the budget N', async () => {
    const r = await beamSearch(context(), { n: 2, m: 8, maxSteps: 10, temperature: 1 });
    expect(r.trace.params.m).toBe(2);
    const d = await dvts(context(), { n: 2, m: 8, maxSteps: 10, temperature: 1 });
    expect(d.trace.params.m).toBe(2);
  });

  it('every registered strategy runs with the default settings', async () => {
    for (const s of Object.values(TREE_STRATEGIES)) {
      const r = await s.run(context(), 4, { ...DEFAULT_TREE_SETTINGS, maxSteps: 10 });
      expect(validateTrace(r.trace).ok, s.id).toBe(true);
    }
  });
});

/** A context whose policy and scorer record every call (the search itself is unchanged). */
function observed(ctx: SearchContext) {
  const proposals: { path: string[]; text: string; tokens: number; temperature: number }[] = [];
  const scores = new Map<string, number>();
  const wrapped: SearchContext = {
    ...ctx,
    policy: {
      async propose(problem, requests, temperature) {
        const out = await ctx.policy.propose(problem, requests, temperature);
        out.steps.forEach((st, i) =>
          proposals.push({
            path: [...requests[i]!.steps, st.text],
            text: st.text,
            tokens: st.tokens,
            temperature,
          }),
        );
        return out;
      },
    },
    scorer: {
      id: ctx.scorer.id,
      async score(problem, paths, finished) {
        const out = await ctx.scorer.score(problem, paths, finished);
        paths.forEach((p, i) => scores.set(p.join('\n'), out.values[i]!));
        return out;
      },
    },
  };
  return { ctx: wrapped, proposals, scores };
}

describe('validateTrace on untrusted input', () => {
  it('never throws and rejects what it cannot replay', async () => {
    const good = (await beamSearch(context(), { n: 4, m: 2, maxSteps: 10, temperature: 1 })).trace;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: good.events.length - 1 }),
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer(),
          fc.string(),
          fc.constant('<script>alert(1)</script>'),
          fc.double(),
          fc.object(),
        ),
        fc.constantFrom('node', 'parent', 'type', 'score', 'text', 'copies', 'tokens'),
        (at, junk, key) => {
          const events = good.events.map((e) => ({ ...e })) as Record<string, unknown>[];
          events[at]![key] = junk;
          const result = validateTrace({ ...good, events });
          if (result.ok) expect(() => replayTrace(result.trace)).not.toThrow();
          else expect(result.errors[0]).toMatch(/^event \d+: /);
        },
      ),
      { numRuns: 500, seed: 4 },
    );
    expect(validateTrace('nope').ok).toBe(false);
    expect(validateTrace({ ...good, version: 99 }).ok).toBe(false);
    expect(validateTrace({ ...good, events: [{ type: 'kept', node: 3 }] }).ok).toBe(false);
  });
});
