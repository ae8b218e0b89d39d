/**
 * Generative verification (*When To Solve, When To Verify*, Singhi et al. 2025; J1, Whitehouse et al.
 * 2025): the judge first writes a short critique of the solution — sampled at a stated temperature,
 * seeded by the question and the solution so a rescore reproduces it — and the verdict is read after
 * it, P(Yes) / (P(Yes) + P(No)). The critique's tokens are verifier compute and count as such.
 */
import { hashKey } from '../../rng';
import type { GenerateRequest, RuleInput, RuleScores, RuleText, TokenReader } from './types';
import { judgeIds } from './judge';
import { singleToken, twoWay } from './types';

export interface CritiqueParams {
  prompt: string;
  temperature: number;
  /** Longest critique, in tokens. */
  maxTokens: number;
  /** Written after the critique, before the verdict is read. */
  verdict: string;
  yes: string;
  no: string;
  joiner: string;
}

export const DEFAULT_CRITIQUE: CritiqueParams = {
  prompt:
    'Here is a math problem and a proposed solution.\n\nProblem: {question}\n\nSolution:\n{solution}\n\nCheck the solution step by step in a few sentences, then say whether it is correct.',
  temperature: 0.7,
  maxTokens: 128,
  verdict: '\nIs the solution correct (Yes or No)? ',
  yes: 'Yes',
  no: 'No',
  joiner: '\n\n',
};

export async function critiqueScores(
  input: RuleInput,
  text: RuleText,
  reader: TokenReader,
  generate: (requests: readonly GenerateRequest[]) => Promise<number[][]>,
  p: CritiqueParams = DEFAULT_CRITIQUE,
): Promise<RuleScores> {
  const yes = await singleToken(text, p.yes, 'yes verdict');
  const no = await singleToken(text, p.no, 'no verdict');
  const verdict = await text.encode(p.verdict);
  const solutions = input.solutions.map((s) => s.steps.join(p.joiner));
  const prompts = await Promise.all(
    solutions.map((solution) => judgeIds(text, p.prompt, input.question, solution)),
  );
  const critiques = await generate(
    prompts.map((ids, i) => ({
      ids,
      seed: hashKey(input.question, solutions[i]!),
      temperature: p.temperature,
      maxTokens: p.maxTokens,
    })),
  );
  const reads = prompts.map((ids, i) => [...ids, ...critiques[i]!, ...verdict]);
  const out = await reader.read(
    reads.map((ids) => ({ ids, at: [ids.length - 1], candidates: [yes, no] })),
  );
  return out.map((r, i) => {
    const [[y, n]] = r as [[number, number]];
    // Read: the prompt, the critique and the verdict line; the critique was also generated.
    return { steps: [], outcome: twoWay(y, n), tokens: reads[i]!.length + critiques[i]!.length };
  });
}
