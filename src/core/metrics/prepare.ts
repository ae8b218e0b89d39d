import type { PoolEntry, Sample } from '../types';

/**
 * One problem's samples in the flat typed arrays the estimators walk. Distinct normalized answers get
 * dense ids; samples with no answer get -1 (they count toward k but never vote).
 */
export interface PreparedProblem {
  id: string;
  level: number;
  n: number;
  /** Number of correct samples. */
  c: number;
  samples: readonly Sample[];
  answers: string[];
  answerId: Int32Array;
  /** Id of the reference answer among `answers`, or -1 when no sample found it. */
  correctAnswer: number;
  correct: Uint8Array;
  tokens: Float64Array;
}

export function prepareProblem(entry: PoolEntry): PreparedProblem {
  const { samples, problem } = entry;
  const n = samples.length;
  const ids = new Map<string, number>();
  const answers: string[] = [];
  const answerId = new Int32Array(n);
  const correct = new Uint8Array(n);
  const tokens = new Float64Array(n);
  let c = 0;
  let correctAnswer = -1;
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    tokens[i] = s.tokens;
    if (s.correct) {
      correct[i] = 1;
      c++;
    }
    if (s.answer === null) {
      answerId[i] = -1;
      continue;
    }
    let id = ids.get(s.answer);
    if (id === undefined) {
      id = answers.length;
      ids.set(s.answer, id);
      answers.push(s.answer);
      if (s.correct) correctAnswer = id;
    }
    answerId[i] = id;
  }
  return {
    id: problem.id,
    level: problem.level,
    n,
    c,
    samples,
    answers,
    answerId,
    correctAnswer,
    correct,
    tokens,
  };
}

/** Per-sample values of one verifier's tokens (0 where it did not score the sample). */
export function verifierTokens(p: PreparedProblem, verifier: string | undefined): Float64Array {
  const out = new Float64Array(p.n);
  if (verifier === undefined) return out;
  for (let i = 0; i < p.n; i++) out[i] = p.samples[i]!.scores[verifier]?.tokens ?? 0;
  return out;
}
