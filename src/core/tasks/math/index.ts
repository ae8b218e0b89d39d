/**
 * The `math` task: word problems and free-text solutions, graded as MATH and GSM8K graders do
 * (docs/math.md). Steps are separated by a blank line (hub math models' convention). Nothing checks
 * a step of free text: its grades leave step verdicts unknown (`stepCorrect: null`, pool version 2).
 */
import type { Grade, Problem } from '../../types';
import type { Task } from '../task';
import { lastBoxed } from './extract';
import { generateMath, MATH_LEVELS } from './generate';
import { mathProblemFromLine } from './lines';
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
  delimiter: string = MATH_STEP_DELIMITER,
): { steps: string[]; answer: string | null; correct: boolean } {
  const answer = normalizeMathAnswer(extractMathAnswer(completion));
  return {
    steps: completion
      .split(delimiter)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    answer,
    correct: mathEquivalent(answer, problem.answer),
  };
}

/** The reference solution: the problem's steps, or (imported without any) the boxed answer alone. */
function referenceSolution(problem: Problem, delimiter: string): string {
  if (problem.steps.length > 0) return problem.steps.join(delimiter);
  return `The answer is $\\boxed{${problem.answer}}$.`;
}

/** The math task with its steps split at `delimiter` (a blank line by default). */
function mathTask(delimiter: string): Task {
  return {
    id: 'math',
    levels: MATH_LEVELS,
    stepDelimiter: delimiter,
    withStepDelimiter: mathTask,
    maxTokens: 1024,
    checksSteps: false,
    // Qwen's math evaluation puts the answer-format instruction in the system message.
    systemPrompt: (model) => (/qwen/i.test(model) ? MATH_INSTRUCTION : ''),
    generate: generateMath,
    fromQuestion: (question, answer, id, level) => {
      const r = mathProblemFromLine({ question, answer, id, ...(level ? { level } : {}) }, 0);
      return typeof r === 'string' ? r : r.problem;
    },
    fromLine: (row, line) => {
      const r = mathProblemFromLine(row, line);
      return typeof r === 'string' ? r : r.problem;
    },
    prompt: mathPrompt,
    completion: (problem) => referenceSolution(problem, delimiter),
    normalizeAnswer: normalizeMathAnswer,
    extractAnswer: extractMathAnswer,
    // A step that states the final answer ends the solution, whatever follows.
    endsSolution: (step) => lastBoxed(step) !== null || /answer is|^####/i.test(step),
    grade(problem, completion): Grade {
      const g = gradeMath(problem, completion, delimiter);
      return { ...g, stepCorrect: null };
    },
    diagnose: (_problem, steps) => steps.map((text) => ({ text })),
  };
}

export const math: Task = mathTask(MATH_STEP_DELIMITER);
