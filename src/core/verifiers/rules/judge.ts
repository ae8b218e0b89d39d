/**
 * LLM-as-a-judge: the model is asked whether the solution is correct and read at its answer, the
 * score being P(Yes) / (P(Yes) + P(No)) (the verification prompt of *When To Solve, When To Verify*,
 * Singhi et al. 2025, and of J1 without the written critique). The prompt is the experiment's, with
 * `{question}` and `{solution}` filled in; a chat model gets it as the user turn with the generation
 * prompt, any other model as text. With `perStep`, every prefix of the solution is judged too (one
 * score per step, for search); otherwise the score is the outcome alone.
 */
import type { RuleInput, RuleScores, RuleText, TokenReader } from './types';
import { singleToken, twoWay } from './types';

export interface JudgeParams {
  prompt: string;
  yes: string;
  no: string;
  /** Between steps when the solution is written into the prompt. */
  joiner: string;
  perStep: boolean;
}

export const DEFAULT_JUDGE: JudgeParams = {
  prompt:
    'Here is a math problem and a proposed solution.\n\nProblem: {question}\n\nSolution:\n{solution}\n\nIs the solution correct? Answer Yes or No.',
  yes: 'Yes',
  no: 'No',
  joiner: '\n\n',
  perStep: false,
};

/** The prompt with `{question}` and `{solution}` filled in one pass (a solution containing "{question}" stays text). */
export function fillPrompt(prompt: string, question: string, solution: string): string {
  return prompt.replace(/\{(question|solution)\}/g, (_, k: string) =>
    k === 'question' ? question : solution,
  );
}

/**
 * A judge's prompt for one solution, as ids ending where the judge answers: the user turn with the
 * generation prompt for a chat model, else the text and a newline.
 */
export function judgeIds(
  text: RuleText,
  prompt: string,
  question: string,
  solution: string,
): Promise<number[]> {
  const filled = fillPrompt(prompt, question, solution);
  return text.chat
    ? text.chat([{ role: 'user', content: filled }], true)
    : text.encode(filled + '\n');
}

export async function judgeScores(
  input: RuleInput,
  text: RuleText,
  reader: TokenReader,
  p: JudgeParams = DEFAULT_JUDGE,
): Promise<RuleScores> {
  const yes = await singleToken(text, p.yes, 'yes verdict');
  const no = await singleToken(text, p.no, 'no verdict');
  const asks = await Promise.all(
    input.solutions.map((s) => {
      const prefixes = p.perStep ? s.steps.map((_, i) => s.steps.slice(0, i + 1)) : [s.steps];
      return Promise.all(
        prefixes.map((steps) => judgeIds(text, p.prompt, input.question, steps.join(p.joiner))),
      );
    }),
  );
  const flat = asks.flat();
  const reads = await reader.read(
    flat.map((ids) => ({ ids, at: [ids.length - 1], candidates: [yes, no] })),
  );
  let k = 0;
  return asks.map((prefixes) => {
    const scores = prefixes.map(() => {
      const [[y, n]] = reads[k++]! as [[number, number]];
      return twoWay(y, n);
    });
    const tokens = prefixes.reduce((t, ids) => t + ids.length, 0);
    return p.perStep
      ? { steps: scores, outcome: scores[scores.length - 1] ?? 0, tokens }
      : { steps: [], outcome: scores[0]!, tokens };
  });
}
