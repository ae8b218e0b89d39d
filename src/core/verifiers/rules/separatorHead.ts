/**
 * Qwen2.5-Math-PRM's reading (Zhang et al. 2025, *The Lessons of Developing Process Reward Models*),
 * as search-and-learn builds its input: the chat template with the system message, the question as
 * the user turn, and the assistant turn holding the steps, each followed by the separator token
 * `<extra_0>`. The model's two-way head gives [p(negative), p(positive)] at every separator; a step's
 * score is p(positive). Read from vLLM's `/pooling` (rows per separator) or from an ONNX
 * token-classification export (logits at the separator positions). A step's own text cannot contain
 * the separator (it would be read as one): it is removed from the step first.
 */
import type { ChatTurn, RowReader, RuleInput, RuleScores, RuleText } from './types';
import { rowScores } from './types';

export interface SeparatorParams {
  separator: string;
  system: string;
}

export const QWEN_MATH_PRM: SeparatorParams = {
  separator: '<extra_0>',
  system: 'Please reason step by step, and put your final answer within \\boxed{}.',
};

/** The text and ids the PRM reads for one solution, and where its separators are. */
export async function separatorInput(
  text: RuleText,
  question: string,
  steps: readonly string[],
  p: SeparatorParams,
): Promise<{ turns: ChatTurn[]; ids: number[]; at: number[] }> {
  const sep = await text.encode(p.separator);
  if (sep.length !== 1)
    throw new Error(`the separator ${p.separator} is not one token for this model`);
  const clean = steps.map((s) => s.split(p.separator).join(''));
  const assistant = clean.map((s) => s + p.separator).join('');
  const turns: ChatTurn[] = [
    { role: 'system', content: p.system },
    { role: 'user', content: question },
    { role: 'assistant', content: assistant },
  ];
  if (!text.chat) throw new Error('the separator rule needs the model’s chat template');
  const ids = await text.chat(turns, false);
  const at = ids.flatMap((t, i) => (t === sep[0] ? [i] : []));
  return { turns, ids, at };
}

export async function separatorScores(
  input: RuleInput,
  text: RuleText,
  reader: RowReader,
  p: SeparatorParams = QWEN_MATH_PRM,
): Promise<RuleScores> {
  const seqs = await Promise.all(
    input.solutions.map((s) => separatorInput(text, input.question, s.steps, p)),
  );
  return rowScores(reader, seqs, 'steps');
}
