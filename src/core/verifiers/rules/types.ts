/**
 * Reading rules: how a reward model or a judge is read to score a solution's steps and outcome
 * (Math-Shepherd's step tag, Qwen2.5-Math-PRM's separator head, RLHFlow's turn per step,
 * LLM-as-a-judge). A rule builds the token sequences the model reads and turns the log-probs (or the
 * pooled rows) it gets back into scores in [0, 1]; the model behind it — in this page, in a worker,
 * on a remote server — is a reader. No I/O here.
 */
import type { VerifierScore } from '../../types';

/** One teacher-forced read: at each position p of `at`, the next-token log-prob of each candidate. */
export interface ReadRequest {
  ids: readonly number[];
  /** Positions in `ids` (0-based): the distribution read is the one for the token after ids[p]. */
  at: readonly number[];
  candidates: readonly number[];
}

/** A causal LM as a rule reads it. `read` answers request by request: [request][position][candidate]. */
export interface TokenReader {
  read(requests: readonly ReadRequest[]): Promise<number[][][]>;
}

/** One sampled continuation a rule asks for (a judge's critique), seeded so a rescore repeats it. */
export interface GenerateRequest {
  ids: readonly number[];
  /** u32: the stream the continuation is drawn from. */
  seed: number;
  temperature: number;
  maxTokens: number;
}

/**
 * A token-classification head (Qwen2.5-Math-PRM): p(positive) at each asked position. A local model
 * reads `ids`; a server (vLLM's `/pooling`) is sent the conversation and finds its separators itself,
 * or, where there are no turns (a step-tag PRM served as a reward model), the ids.
 */
export interface RowReader {
  rows(
    requests: readonly {
      ids: readonly number[];
      turns: readonly ChatTurn[];
      at: readonly number[];
      /** Which column of a server's two-way rows is the good one (default 1, [negative, positive]). */
      positive?: 0 | 1;
    }[],
  ): Promise<number[][]>;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/**
 * The verifier model's text side: its tokenizer and, for chat models, its template. Asynchronous,
 * since a remote model's tokenizer is its server's (`/tokenize`).
 */
export interface RuleText {
  /** Text → ids, no special tokens added. */
  encode(text: string): Promise<number[]>;
  /** A conversation in the model's chat template, as ids (with the generation prompt when asked). */
  chat?(turns: readonly ChatTurn[], addGenerationPrompt: boolean): Promise<number[]>;
}

/** One problem's solutions to score, each as its steps (and whether it ended with end-of-sequence). */
export interface RuleInput {
  question: string;
  solutions: readonly { steps: readonly string[]; finished: boolean }[];
}

/** Scores and the tokens read for them (the verifier's compute). */
export type RuleScores = VerifierScore[];

/** P(good) from the log-probs of the two verdict tokens: a softmax over just those two. */
export function twoWay(good: number, bad: number): number {
  if (good === -Infinity && bad === -Infinity) return 0.5;
  return 1 / (1 + Math.exp(bad - good));
}

/** The one id a verdict word must be, or why it cannot be read. */
export async function singleToken(text: RuleText, word: string, what: string): Promise<number> {
  const ids = await text.encode(word);
  if (ids.length !== 1)
    throw new Error(
      `the ${what} ${JSON.stringify(word)} is ${ids.length} tokens for this model: a verdict must be one token`,
    );
  return ids[0]!;
}

/**
 * Step scores from a step-reward model's rows, one row per read position of each request — checked,
 * since a server finds the positions itself (its step token) and may find others than the rule wrote.
 */
export async function rowScores(
  reader: RowReader,
  requests: Parameters<RowReader['rows']>[0],
  what: string,
): Promise<RuleScores> {
  const rows = await reader.rows(requests);
  return rows.map((r, i) => {
    const want = requests[i]!.at.length;
    if (r.length !== want)
      throw new Error(`the PRM gave ${r.length} step rows for ${want} ${what}`);
    return { steps: r, tokens: requests[i]!.ids.length };
  });
}
