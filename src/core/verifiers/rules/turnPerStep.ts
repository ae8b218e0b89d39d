/**
 * RLHFlow's reading (Xiong et al. 2024, *An Implementation of Generative PRM*): a conversation with
 * one user turn per step (the first holds the question and the first step) and the assistant
 * answering each with a verdict token; a step's score is P(+) / (P(+) + P(−)) of the assistant's
 * first token after that step's turn. One sequence per solution, the verdicts filled in as `+`, read
 * where each assistant turn begins (the template rendered up to that turn with its generation prompt
 * must be a prefix of the whole; otherwise each prefix is read on its own).
 */
import type { ChatTurn, RuleInput, RuleScores, RuleText, TokenReader } from './types';
import { singleToken, twoWay } from './types';

export interface TurnPerStepParams {
  good: string;
  bad: string;
}

export const RLHFLOW: TurnPerStepParams = { good: '+', bad: '-' };

function conversation(question: string, steps: readonly string[], verdict: string): ChatTurn[] {
  return steps.flatMap((step, i): ChatTurn[] => [
    { role: 'user', content: i === 0 ? `${question} ${step}` : step },
    { role: 'assistant', content: verdict },
  ]);
}

export async function turnPerStepScores(
  input: RuleInput,
  text: RuleText,
  reader: TokenReader,
  p: TurnPerStepParams = RLHFLOW,
): Promise<RuleScores> {
  const chat = text.chat;
  if (!chat) throw new Error('the turn-per-step rule needs a chat model (a chat template)');
  const good = await singleToken(text, p.good, 'good verdict');
  const bad = await singleToken(text, p.bad, 'bad verdict');
  const perSolution = await Promise.all(
    input.solutions.map(async (s) => {
      const turns = conversation(input.question, s.steps, p.good);
      const whole = await chat(turns, false);
      const heads = await Promise.all(s.steps.map((_, i) => chat(turns.slice(0, 2 * i + 1), true)));
      return { whole, heads };
    }),
  );
  const requests = perSolution.flatMap(({ whole, heads }) => {
    const prefix = heads.every(
      (h) => h.length <= whole.length && h.every((t, j) => whole[j] === t),
    );
    return prefix
      ? [{ ids: whole, at: heads.map((h) => h.length - 1), candidates: [good, bad], of: 'whole' }]
      : heads.map((h) => ({ ids: h, at: [h.length - 1], candidates: [good, bad], of: 'head' }));
  });
  const reads = await reader.read(requests);
  let k = 0;
  return input.solutions.map((s) => {
    const first = requests[k]!;
    if (first.of === 'whole') {
      const r = reads[k++]!;
      return { steps: r.map(([g, b]) => twoWay(g!, b!)), tokens: first.ids.length };
    }
    const steps: number[] = [];
    let tokens = 0;
    for (let i = 0; i < s.steps.length; i++) {
      const [[g, b]] = reads[k]! as [[number, number]];
      tokens += requests[k]!.ids.length;
      k++;
      steps.push(twoWay(g, b));
    }
    return { steps, tokens };
  });
}
