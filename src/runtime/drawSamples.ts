/**
 * One problem's samples, drawn and scored: the unit of work shared by `ttc sweep` and the app's workers.
 * Sample i is seeded by (seed, problem, i), so drawing the indices a pool lacks extends it without
 * touching the samples it already has.
 */
import { requestStream, sampleSeed } from '../core/rng';
import type { Task } from '../core/tasks/task';
import type { Cost, Problem, Sample, VerifierScore } from '../core/types';
import { confidenceScores } from '../core/verifiers/confidence';
import { lineSpans } from '../core/verifiers/lines';
import { tokenStepSpans } from '../core/verifiers/tokenSpans';
import {
  CONFIDENCE_VERIFIER,
  generativeVerifierInfo,
  MEAN_LOGPROB_VERIFIER,
  meanLogprobScores,
  minLogprobScores,
  SELF_CERTAINTY_VERIFIER,
  selfCertaintyScores,
} from '../core/verifiers/verifierFree';
import type { Decoder } from './decoder';
import { sampleCompletions, type GenerateOptions } from './generate';
import { scoreGenerative } from './verifier';

export interface Codec {
  encode: (text: string) => number[];
  decode: (ids: number[]) => string;
  /**
   * The ids a model is prompted with for a task's text: chat models wrap it in their chat template;
   * without this, `<s>` and the text (our built-in models' training format).
   */
  prompt?: (text: string) => number[];
}

/**
 * Where each token's text ends in the decoded completion: token by token, checked against the whole
 * decode (a byte-level BPE token can end inside a character); prefix by prefix where that disagrees.
 */
export function tokenCharEnds(codec: Codec, tokens: readonly number[]): number[] {
  const ends: number[] = [];
  let at = 0;
  for (const t of tokens) ends.push((at += codec.decode([t]).length));
  if (at === codec.decode([...tokens]).length) return ends;
  return tokens.map((_, i) => codec.decode(tokens.slice(0, i + 1)).length);
}

/** Token spans of a sample's steps: the line rule for character-level models, else the task's delimiter. */
function stepSpans(
  codec: Codec,
  task: Task,
  text: string,
  tokens: readonly number[],
  finished: boolean,
): [number, number][] {
  if (!codec.prompt) return lineSpans(text, finished).steps;
  return tokenStepSpans(text, tokenCharEnds(codec, tokens), task.stepDelimiter);
}

/** The prompt ids for `text` under `codec`, `bosId` first where the codec has no format of its own. */
export function promptIds(codec: Codec, bosId: number, text: string): number[] {
  return codec.prompt ? codec.prompt(text) : [bosId, ...codec.encode(text)];
}

export {
  CONFIDENCE_VERIFIER,
  generativeVerifierInfo,
  MEAN_LOGPROB_VERIFIER,
  SELF_CERTAINTY_VERIFIER,
};

export interface DrawnSamples {
  samples: Sample[];
  /** Per sample: it produced end-of-sequence (false: cut at maxTokens). Verifiers read the EOS too. */
  finished: boolean[];
  cost: Cost;
}

export interface DrawRange {
  seed: number;
  /** Sample indices to draw (each seeds its own stream). */
  indices: readonly number[];
}

/** The given samples of one problem, graded by the task's exact checker, with the policy's confidence. */
export async function drawSamples(
  policy: Decoder,
  task: Task,
  codec: Codec,
  problem: Problem,
  range: DrawRange,
  opts: GenerateOptions,
): Promise<DrawnSamples> {
  const prompt = promptIds(codec, policy.cfg.bosId, task.prompt(problem));
  const { indices } = range;
  const seeds = indices.map((i) => sampleSeed(range.seed, problem.id, i));
  const rngs = seeds.map(requestStream);
  const { completions, cost } = await sampleCompletions(policy, prompt, rngs, opts);
  const samples = completions.map((c, j): Sample => {
    const text = codec.decode(c.tokens);
    const lp = c.logprobs;
    const spans = stepSpans(codec, task, text, c.tokens, c.finished);
    return {
      index: indices[j]!,
      text,
      ...task.grade(problem, text),
      tokens: c.tokens.length,
      meanLogprob: lp.length ? lp.reduce((a, b) => a + b, 0) / lp.length : 0,
      minLogprob: lp.length ? Math.min(...lp) : 0,
      temperature: opts.temperature,
      seed: seeds[j]!,
      scores: {
        // Character-level models keep the line rule the built-in figures were made with.
        [CONFIDENCE_VERIFIER.id]: codec.prompt
          ? minLogprobScores(lp, spans)
          : confidenceScores(text, lp, c.finished),
        [MEAN_LOGPROB_VERIFIER.id]: meanLogprobScores(lp, spans),
        [SELF_CERTAINTY_VERIFIER.id]: selfCertaintyScores(c.certainties, spans),
      },
    };
  });
  return { samples, finished: completions.map((c) => c.finished), cost };
}

/** One generative verifier's scores for samples of one problem. */
export function scoreSamples(
  verifier: Decoder,
  task: Task,
  codec: Codec,
  problem: Problem,
  samples: readonly Pick<Sample, 'text'>[],
  finished: readonly boolean[],
): Promise<VerifierScore[]> {
  const prompt = promptIds(codec, verifier.cfg.bosId, task.prompt(problem));
  return scoreGenerative(
    verifier,
    prompt,
    samples.map((s, i) => ({ text: s.text, finished: finished[i]! })),
    codec.encode,
  );
}
