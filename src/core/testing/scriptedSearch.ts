/**
 * The scripted world of the differential tests (`src/core/strategies/reference.test.ts`): a policy
 * whose c-th draw from a prefix is a fixed function of the prefix and c — so two search loops that ask
 * in the same order get the same steps, whatever seeds they pass — a PRM with four score levels (ties
 * are common, so tie order is tested), and a run's trace read back as a log of what each iteration
 * drew, kept, pruned and finished.
 */
import { replayTrace } from '../search/trace';
import type { SearchContext, SearchResult, StepPolicy, StepScorer } from '../search/types';
import type { Problem } from '../types';

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const LENGTH = 5;

/** The c-th draw from `steps`: one of three steps, or (from depth 2) an early answer line. */
export function draw(
  steps: readonly string[],
  c: number,
  salt: number,
): { text: string; finished: boolean } {
  const d = steps.length;
  const h = fnv(`${salt}|${steps.join('/')}|${c}`);
  if (d >= LENGTH) return { text: `A: ${h % 3}`, finished: true };
  if (d >= 2 && h % 5 === 0) return { text: `A: ${h % 3}`, finished: true };
  return { text: `s${d}${'abc'[h % 3]}`, finished: false };
}

/** A fresh scripted policy: counts its draws per prefix, ignores seeds and temperature. */
export function scriptedPolicy(salt: number): StepPolicy {
  const drawn = new Map<string, number>();
  return {
    async propose(_problem, requests) {
      return {
        steps: requests.map((r) => {
          const key = r.steps.join('/');
          const c = drawn.get(key) ?? 0;
          drawn.set(key, c + 1);
          return { ...draw(r.steps, c, salt), tokens: 1, logprob: 0 };
        }),
        promptTokens: 0,
        forwardPasses: 1,
      };
    },
  };
}

/** Four score levels, so ties are common. */
export const prmScore = (steps: readonly string[], salt: number) =>
  0.1 + (fnv(`prm|${salt}|${steps.join('/')}`) % 4) / 4;

const scriptedPrm = (salt: number): StepScorer => ({
  id: 'scripted',
  score: async (_problem, paths) => ({ values: paths.map((p) => prmScore(p, salt)), tokens: 0 }),
});

export const PROBLEM: Problem = {
  id: 'scripted',
  task: 'scripted',
  level: 1,
  question: 'q',
  answer: '0',
  steps: [],
  seed: 0,
};

export const context = (salt: number): SearchContext => ({
  problem: PROBLEM,
  policy: scriptedPolicy(salt),
  scorer: scriptedPrm(salt),
  grade: (steps) => {
    const last = steps.at(-1) ?? '';
    const answer = last.startsWith('A: ') ? last.slice(3) : null;
    return { answer, correct: answer === '0' };
  },
  seed: salt,
});

export interface Iteration {
  /** Each draw's resulting text (a final completion: its whole chain), in draw order. */
  drawn: string[];
  kept: string[];
  pruned: string[];
  finished: string[];
  /** Particle filtering: the population after resampling, as sorted "text×copies". */
  population?: string[];
}

export interface Log {
  iterations: Iteration[];
  completed: string[];
}

export const iteration = (): Iteration => ({ drawn: [], kept: [], pruned: [], finished: [] });

/** Our run's trace read back as a log (a chain of steps drawn in one round is one draw). */
export function ourLog(r: SearchResult): Log {
  const tree = replayTrace(r.trace);
  const path = (id: number): string => {
    const out: string[] = [];
    for (let n = tree.nodes[id]!; n.parent !== null; n = tree.nodes[n.parent]!) out.unshift(n.text);
    return out.join('/');
  };
  const iterations: Iteration[] = [];
  const roundOf = new Map<number, number>();
  let cur: Iteration | null = null;
  const resampled = new Map<string, number>();
  const flush = () => {
    if (cur && resampled.size > 0)
      cur.population = [...resampled].map(([t, k]) => `${t}×${k}`).sort();
    resampled.clear();
  };
  for (const e of r.trace.events) {
    if (e.type === 'round') {
      flush();
      iterations.push((cur = iteration()));
      continue;
    }
    if (!cur) continue;
    if (e.type === 'created') {
      roundOf.set(e.node, iterations.length);
      // A chain head: its parent was not drawn this round.
      if (e.parent === null || roundOf.get(e.parent) !== iterations.length)
        cur.drawn.push(String(e.node));
      else cur.drawn[cur.drawn.indexOf(String(e.parent))] = String(e.node);
    } else if (e.type === 'kept') cur.kept.push(path(e.node));
    else if (e.type === 'pruned') cur.pruned.push(path(e.node));
    else if (e.type === 'finished') cur.finished.push(path(e.node));
    else if (e.type === 'resampled' && e.copies > 0)
      resampled.set(path(e.node), (resampled.get(path(e.node)) ?? 0) + e.copies);
  }
  flush();
  for (const it of iterations) it.drawn = it.drawn.map((id) => path(Number(id)));
  return { iterations, completed: (r.completed ?? []).map(path) };
}
