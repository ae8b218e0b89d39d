import { generateMath, MATH_LEVELS } from './generate';

/**
 * A golden fixture pinning the word-problem generator (`fixtures/math-golden.jsonl`, written by
 * `npm run golden`): the same seed must give the same problem in every later version, or links and
 * pools that name math problems by seed would change meaning. A unit test fails if it drifts.
 */
export const MATH_GOLDEN_SEEDS_PER_LEVEL = 20;

export function mathGoldenLines(): string[] {
  return MATH_LEVELS.flatMap((level) =>
    Array.from({ length: MATH_GOLDEN_SEEDS_PER_LEVEL }, (_, seed) => {
      const p = generateMath(seed, level);
      return JSON.stringify({
        seed,
        level,
        id: p.id,
        question: p.question,
        steps: p.steps,
        answer: p.answer,
      });
    }),
  );
}
