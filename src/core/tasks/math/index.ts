/**
 * The `math` task's parts: word problems and free-text solutions, graded as MATH and GSM8K graders
 * do (docs/math.md). Steps are separated by a blank line (hub math models' convention). Nothing
 * checks a step of free text, so the task joins the registry (`src/core/tasks/index.ts`) with pool
 * version 2, whose samples can say "steps not checked" — not before, with made-up step labels.
 */
import type { Problem } from '../../types';
import { mathEquivalent } from './equivalent';
import { extractMathAnswer } from './extract';
import { MATH_STEP_DELIMITER } from './generate';
import { normalizeMathAnswer } from './normalize';

export { mathEquivalent } from './equivalent';
export { extractMathAnswer } from './extract';
export { generateMath, MATH_LEVELS, MATH_STEP_DELIMITER } from './generate';
export { normalizeMathAnswer } from './normalize';

/** The answer-format instruction after every question (the usual one for hub math models). */
export const MATH_INSTRUCTION =
  'Please reason step by step, and put your final answer within \\boxed{}.';

/** The user message: the question, then the answer-format instruction. */
export const mathPrompt = (problem: Pick<Problem, 'question'>) =>
  `${problem.question}\n\n${MATH_INSTRUCTION}`;

/** The solution's steps (blank-line separated), its extracted normalized answer, and the verdict. */
export function gradeMath(
  problem: Pick<Problem, 'answer'>,
  completion: string,
): { steps: string[]; answer: string | null; correct: boolean } {
  const answer = normalizeMathAnswer(extractMathAnswer(completion));
  return {
    steps: completion
      .split(MATH_STEP_DELIMITER)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    answer,
    correct: mathEquivalent(answer, problem.answer),
  };
}
