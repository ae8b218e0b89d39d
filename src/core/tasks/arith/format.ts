import type { Problem } from '../../types';

/**
 * The text format the built-in models are trained on (spec: docs/arith.md):
 *
 *     <s>Q: (91*6-13)*4-72\n91*6=546\n546-13=533\n533*4=2132\n2132-72=2060\nA: 2060</s>
 *
 * The prompt ends with the newline after the question; the model writes steps, one per line, then the
 * answer line, then end-of-sequence.
 */
export const STEP_DELIMITER = '\n';
export const ANSWER_PREFIX = 'A: ';

export function arithPrompt(problem: Pick<Problem, 'question'>): string {
  return `Q: ${problem.question}\n`;
}

export function arithCompletion(problem: Pick<Problem, 'steps' | 'answer'>): string {
  return [...problem.steps, `${ANSWER_PREFIX}${problem.answer}`].join(STEP_DELIMITER);
}
