/**
 * A seeded automaton over step strings with known step-correctness probabilities: the stand-in policy
 * that makes tree-search tests exact. A solution is `length` steps then an answer line. At depth d the
 * step is `d:ok` (correct), or a wrong variant `d:w1`, `d:w2`, … with the probabilities of `table[d]`
 * (the first entry is `ok`'s). The answer is 42 when every step was `ok`, else a wrong answer named by
 * the first wrong variant taken. The exact checker scores a partial solution 1 when all its steps are
 * correct, else 0.
 */
import { Rng } from '../rng';
import type { Grader, StepPolicy, StepScorer } from '../search/types';

export interface Automaton {
  length: number;
  /** Per depth: probabilities of `ok`, `w1`, `w2`, … (each row sums to 1). */
  table: number[][];
}

export const RIGHT_ANSWER = '42';

const stepOk = (text: string) => text.endsWith(':ok');

function answerOf(steps: readonly string[]): string {
  const firstWrong = steps.find((s) => !stepOk(s));
  return firstWrong === undefined ? RIGHT_ANSWER : String(7 + Number(firstWrong.split(':w')[1]));
}

/** Probabilities at temperature T (T = 0: all mass on the most likely option, first on ties). */
export function tempered(row: readonly number[], temperature: number): number[] {
  if (temperature === 0) {
    const top = row.indexOf(Math.max(...row));
    return row.map((_, i) => (i === top ? 1 : 0));
  }
  const w = row.map((p) => p ** (1 / temperature));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

export function automatonPolicy(a: Automaton): StepPolicy {
  return {
    propose: async (_problem, requests, temperature) => ({
      steps: requests.map(({ steps, seed }) => {
        const d = steps.length;
        if (d >= a.length) {
          const text = `A: ${answerOf(steps)}`;
          return { text, tokens: text.length + 1, logprob: 0, finished: true };
        }
        const row = a.table[d]!;
        const probs = tempered(row, temperature);
        const u = Rng.fromSeed(seed, 'automaton').next();
        let pick = probs.length - 1;
        let acc = 0;
        for (let i = 0; i < probs.length; i++) {
          acc += probs[i]!;
          if (u < acc) {
            pick = i;
            break;
          }
        }
        const text = pick === 0 ? `${d}:ok` : `${d}:w${pick}`;
        return { text, tokens: text.length + 1, logprob: Math.log(row[pick]!), finished: false };
      }),
      promptTokens: 0,
      forwardPasses: 1,
    }),
  };
}

/** The exact checker as a verifier: 1 when every step so far (and the answer, if any) is right. */
export const automatonChecker: StepScorer = {
  id: 'oracle',
  score: async (_problem, paths) => ({
    values: paths.map((steps) =>
      steps.every((s) => stepOk(s) || s === `A: ${RIGHT_ANSWER}`) ? 1 : 0,
    ),
    tokens: 0,
  }),
};

export const automatonGrade: Grader = (steps) => {
  const last = steps[steps.length - 1] ?? '';
  const answer = last.startsWith('A: ') ? last.slice(3) : null;
  return { answer, correct: answer === RIGHT_ANSWER };
};
