/**
 * A verifier that is a model read by a rule (src/core/verifiers/rules): the built-ins and hub models
 * in this process or worker (their tokenizer and chat template, the decoder as a batched reader), or
 * a model on a remote server (remote/remoteReader.ts). One problem's samples are scored together, so
 * the question is prefilled once for all of them; search gets the same rule over partial solutions.
 */
import type { StepScorer } from '../core/search/types';
import type { Task } from '../core/tasks/task';
import {
  ruleVerifierId,
  ruleVerifierInfo,
  scoreWithRule,
  type RuleModel,
  type RuleSpec,
} from '../core/verifiers/rules';
import type { RuleText } from '../core/verifiers/rules/types';
import { ruleInput } from '../core/verifiers/rules/input';
import type { Codec } from './drawSamples';
import type { ChatCodec } from './hub/chatCodec';
import { requestStream } from '../core/rng';
import { sampleCompletions } from './generate';
import { decoderReader, type ReaderOptions } from './ruleReader';
import { inProcessVerifier, modelRef, type LoadedModel, type PoolVerifier } from './sweep';
import { generativeStepScorer } from './stepScorer';

/** A codec as a rule's text side; a hub model's chat template when it has one. */
export function codecRuleText(codec: Codec): RuleText {
  const chat = codec as Partial<ChatCodec>;
  return {
    encode: async (s) => codec.encode(s),
    ...(chat.render
      ? { chat: async (turns, gen) => codec.encode(chat.render!.call(codec, turns, gen)) }
      : {}),
  };
}

/** A loaded model as rules read it; a critique is sampled by the engine's sampler from its seed. */
export const localRuleModel = (m: LoadedModel, o: ReaderOptions = {}): RuleModel => ({
  text: codecRuleText(m.codec),
  reader: decoderReader(m.decoder, o),
  async generate(requests) {
    const out: number[][] = [];
    for (const r of requests) {
      const { completions } = await sampleCompletions(m.decoder, r.ids, [requestStream(r.seed)], {
        temperature: r.temperature,
        topP: 1,
        topK: 0,
        maxTokens: r.maxTokens,
        ...(o.signal ? { signal: o.signal } : {}),
      });
      // The verdict follows the critique: an end-of-sequence is not part of it.
      out.push(completions[0]!.tokens.filter((t) => !m.decoder.isEos(t)));
    }
    return out;
  },
});

/** For `sweep`: the rule's scores of every sample, under the rule verifier's id. */
export function rulePoolVerifier(
  ref: PoolVerifier['ref'],
  model: RuleModel,
  spec: RuleSpec,
  id: string = ruleVerifierId(ref.id, spec),
): PoolVerifier {
  const info = { ...ruleVerifierInfo(ref.id, spec), id };
  return {
    ref,
    info,
    inFlight: 1,
    score: (task, problem, samples, finished) =>
      scoreWithRule(
        spec,
        ruleInput(
          task,
          problem,
          samples.map((s) => s.text),
          finished,
        ),
        model,
      ),
  };
}

/**
 * The rule over partial solutions, for tree search: a partial path's value is its last step's score
 * (search-and-learn's reading of a PRM), a finished one's the outcome where the rule gives one.
 */
export function ruleStepScorer(
  modelId: string,
  model: RuleModel,
  spec: RuleSpec,
  id: string = ruleVerifierId(modelId, spec),
): StepScorer {
  return {
    id,
    async score(problem, paths, finished) {
      const scores = await scoreWithRule(
        spec,
        {
          question: problem.question,
          solutions: paths.map((steps, i) => ({ steps, finished: finished[i]! })),
        },
        model,
      );
      return {
        values: scores.map((s, i) =>
          finished[i] && s.outcome !== undefined ? s.outcome : (s.steps.at(-1) ?? s.outcome ?? 0),
        ),
        tokens: scores.reduce((t, s) => t + s.tokens, 0),
      };
    },
  };
}

/**
 * A loaded model as a pool verifier: read by its own rule when its config gives one (the tag PRM,
 * its scores under its own id), else by the generative rule.
 */
export function modelPoolVerifier(m: LoadedModel): PoolVerifier {
  return m.rule
    ? rulePoolVerifier(modelRef('verifier', m), localRuleModel(m), m.rule, m.id)
    : inProcessVerifier(m);
}

/** The same over partial solutions, for tree search. */
export function modelStepScorer(m: LoadedModel, task: Task): StepScorer {
  return m.rule
    ? ruleStepScorer(m.id, localRuleModel(m), m.rule, m.id)
    : generativeStepScorer(m.decoder, m.id, task, m.codec);
}
