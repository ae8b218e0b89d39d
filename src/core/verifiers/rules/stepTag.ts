/**
 * Math-Shepherd's reading (Wang et al. 2024, *Math-Shepherd*): the question, then each step followed
 * by a step tag (`ки`), steps joined by a newline; at every tag the model's next-token distribution
 * is read over two verdict tokens, and a step's score is P(+) / (P(+) + P(−)). The sequence is built
 * piece by piece, so each tag's position is known even when the tag tokenizes into several tokens or
 * a step's own text contains the tag: the read is after the tag's last token. A reward server reads
 * the same sequence with a step pooler at the tag (vLLM's `--task reward` with `pooling_type: STEP`,
 * the way vLLM serves Math-Shepherd's PRM): its rows are that same two-way softmax.
 */
import type { RowReader, RuleInput, RuleScores, RuleText, TokenReader } from './types';
import { rowScores, singleToken, twoWay } from './types';

export interface StepTagParams {
  /** Written after each step (Math-Shepherd: " ки"; the built-in tag PRM its own token). */
  tag: string;
  good: string;
  bad: string;
  /** Between a step's tag and the next step. */
  joiner: string;
  /** Between the question and the first step. */
  lead: string;
}

export const MATH_SHEPHERD: StepTagParams = {
  tag: ' ки',
  good: '+',
  bad: '-',
  joiner: '\n',
  lead: ' ',
};

/** The ids the model reads for one solution, and where each step's tag ends. */
export async function tagSequence(
  text: RuleText,
  question: string,
  steps: readonly string[],
  p: StepTagParams,
): Promise<{ ids: number[]; at: number[] }> {
  const tag = await text.encode(p.tag);
  if (tag.length === 0) throw new Error('the step tag encodes to no tokens');
  const joiner = await text.encode(p.joiner);
  const ids = [...(await text.encode(question + p.lead))];
  const at: number[] = [];
  for (const [i, step] of steps.entries()) {
    if (i > 0) ids.push(...joiner);
    ids.push(...(await text.encode(step)), ...tag);
    at.push(ids.length - 1);
  }
  return { ids, at };
}

export async function stepTagScores(
  input: RuleInput,
  text: RuleText,
  reader: TokenReader,
  p: StepTagParams = MATH_SHEPHERD,
): Promise<RuleScores> {
  const good = await singleToken(text, p.good, 'good verdict');
  const bad = await singleToken(text, p.bad, 'bad verdict');
  const seqs = await Promise.all(
    input.solutions.map((s) => tagSequence(text, input.question, s.steps, p)),
  );
  const reads = await reader.read(seqs.map((s) => ({ ...s, candidates: [good, bad] })));
  return reads.map((r, i) => ({
    steps: r.map(([g, b]) => twoWay(g!, b!)),
    tokens: seqs[i]!.ids.length,
  }));
}

/**
 * The same reading from a reward server's step rows: the tagged sequence sent as token ids, one row
 * per tag back, [P(good), P(bad)] over the verdict tokens (`returned_token_ids: [good, bad]`, the
 * order of vLLM's Math-Shepherd recipe).
 */
export async function stepTagRowScores(
  input: RuleInput,
  text: RuleText,
  rows: RowReader,
  p: StepTagParams = MATH_SHEPHERD,
): Promise<RuleScores> {
  const seqs = await Promise.all(
    input.solutions.map((s) => tagSequence(text, input.question, s.steps, p)),
  );
  return rowScores(
    rows,
    seqs.map((s) => ({ ...s, turns: [], positive: 0 as const })),
    'tags',
  );
}
