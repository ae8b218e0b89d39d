/**
 * Step-level search (the tree family of ../shared/reference/strategies.md): a policy that proposes the
 * next step of partial solutions and a verifier that scores partial solutions. Pure interfaces, so the
 * same strategies run on the built-in models (src/runtime), on a seeded automaton in unit tests, and
 * in the CLI.
 */
import type { Cost, Problem } from '../types';

/** One request for a next step: the steps so far (empty = the prompt) and the draw's own seed. */
export interface StepRequest {
  steps: readonly string[];
  /** u32 naming this draw's random stream, so a search replays exactly. */
  seed: number;
}

export interface StepProposal {
  /** The step's text, one line without its delimiter (the answer line for a finished solution). */
  text: string;
  /** Policy tokens generated for this step (delimiter or end-of-sequence included). */
  tokens: number;
  /** Sum of the step's token log-probs under the policy. */
  logprob: number;
  /** The solution ended with this step (answer line, end-of-sequence, or the length limit). */
  finished: boolean;
}

export interface StepPolicy {
  /**
   * Samples one next step per request, as one batch where the runtime can. Temperature 0 is greedy.
   * `promptTokens`: tokens the policy had to (re)read to continue these prefixes.
   */
  propose(
    problem: Problem,
    requests: readonly StepRequest[],
    temperature: number,
  ): Promise<{ steps: StepProposal[]; promptTokens: number; forwardPasses: number }>;
}

/** A process verifier: one value in [0, 1] per partial solution, higher = more promising. */
export interface StepScorer {
  id: string;
  score(
    problem: Problem,
    paths: readonly (readonly string[])[],
    finished: readonly boolean[],
  ): Promise<{ values: number[]; tokens: number }>;
}

/** What a finished node's answer is and whether the exact checker accepts it (for display only). */
export type Grader = (steps: readonly string[]) => { answer: string | null; correct: boolean };

export interface SearchContext {
  problem: Problem;
  policy: StepPolicy;
  scorer: StepScorer;
  grade: Grader;
  /** The search's seed: every draw's stream is derived from it and the node it extends. */
  seed: number;
  /** Called after every event (live tree view, progress). */
  onEvent?: (e: import('./trace').TraceEvent) => void;
  signal?: AbortSignal;
}

export interface SearchResult {
  /** The chosen solution's steps, answer and exact verdict (null answer: none finished). */
  steps: string[];
  answer: string | null;
  correct: boolean;
  cost: Cost;
  /**
   * The completed set the answer was chosen from (beam search, DVTS, particle filtering: N node ids,
   * duplicates kept as the reference code keeps them); absent for strategies without one.
   */
  completed?: number[];
  trace: import('./trace').SearchTrace;
}
