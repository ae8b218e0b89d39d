import type { Grade, Problem, Step } from '../types';

/** A task whose answers and steps can be checked exactly. */
export interface Task {
  id: string;
  levels: readonly number[];
  /** Separates steps in a completion (one line for built-in tasks; a blank line for most hub math). */
  stepDelimiter: string;
  /**
   * The same task with another step delimiter, for tasks where it is a choice (free text: a blank
   * line, or every line); absent where the format fixes it (arith). See `taskWith`.
   */
  withStepDelimiter?(delimiter: string): Task;
  /** The token limit per completion an experiment starts with (its solutions fit well within it). */
  maxTokens: number;
  generate(seed: number, level: number): Problem;
  /** A problem someone brought (a problem set's line): the problem, or why this task cannot take it. */
  fromQuestion(question: string, answer: string, id: string, level?: number): Problem | string;
  /**
   * Reads a problem set's line itself, for tasks whose sets come in formats of their own (math:
   * GSM8K and MATH lines); without it a line is `{"question", "answer", "id"?, "difficulty"?}`.
   */
  fromLine?(row: Record<string, unknown>, line: number): Problem | string;
  /** Whether an exact checker judges each step (arith), or only the final answer (free text). */
  checksSteps: boolean;
  prompt(problem: Problem): string;
  /**
   * The system message a chat model of this family is evaluated with on the task (its model id
   * names the family), or none; a user's own system prompt replaces it.
   */
  systemPrompt?(model: string): string;
  /** The reference completion a model should write after the prompt. */
  completion(problem: Problem): string;
  normalizeAnswer(raw: string | null): string | null;
  extractAnswer(completion: string): string | null;
  /** Whether a step ends the solution (arith's answer line; a math step holding the final answer). */
  endsSolution(step: string): boolean;
  grade(problem: Problem, completion: string): Grade;
  diagnose(problem: Problem, steps: readonly string[]): Step[];
}
