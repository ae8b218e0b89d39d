import type { Task } from '../task';
import { gradeCompletion } from './check';
import { arithFromQuestion } from './fromQuestion';
import { ANSWER_PREFIX, arithCompletion, arithPrompt, STEP_DELIMITER } from './format';
import { generateArith } from './generate';
import { ARITH_LEVELS } from './levels';
import { diagnoseSteps, extractAnswer, normalizeAnswer } from './parse';

export const arith: Task = {
  id: 'arith',
  levels: ARITH_LEVELS.map((l) => l.level),
  stepDelimiter: STEP_DELIMITER,
  // The longest level-5 solution is under 100 tokens; 128 is what every built-in figure was drawn with.
  maxTokens: 128,
  generate: generateArith,
  fromQuestion: arithFromQuestion,
  checksSteps: true,
  prompt: arithPrompt,
  completion: arithCompletion,
  normalizeAnswer,
  extractAnswer,
  // 'A:' even without its space: a model that writes "A:2060" has still ended.
  endsSolution: (step) => step.startsWith(ANSWER_PREFIX.trimEnd()),
  grade: gradeCompletion,
  diagnose: diagnoseSteps,
};

export { ARITH_LEVELS, arithLevel, MAX_VALUE } from './levels';
export { generateArith, drawChain, formatQuestion, solveChain, problemFromChain } from './generate';
export { arithPrompt, arithCompletion } from './format';
export { parseStep, splitCompletion, normalizeAnswer, extractAnswer, diagnoseSteps } from './parse';
export { checkSteps, checkAnswer, gradeCompletion } from './check';
export { VOCAB, encode, decode, BOS_ID, EOS_ID, PAD_ID } from './vocab';
