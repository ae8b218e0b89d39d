/**
 * `/pooling` for a step-reward model, as vLLM answers it when it serves a Math-Shepherd-style PRM as
 * a reward model (`vllm serve … --task reward --override-pooler-config '{"pooling_type": "STEP",
 * "step_tag_id": TAG, "returned_token_ids": [GOOD, BAD]}'`): for each input, one row per step-tag
 * token, the softmax of the next-token logits over the returned tokens. `ttc serve` serves a model
 * that way when its config gives it the step-tag reading rule (the built-in tag PRM).
 */
import { randomBytes } from 'node:crypto';
import { twoWay } from '../../src/core/verifiers/rules/types';
import { decoderReader } from '../../src/runtime/ruleReader';
import { BadRequest } from './protocol';
import type { ServedModel } from './servedModel';

export interface StepPooler {
  tagId: number;
  goodId: number;
  badId: number;
}

/** The step pooler a model's own reading rule asks for; null for a generative model. */
export function stepPoolerOf(m: Pick<ServedModel, 'loaded'>): StepPooler | null {
  const rule = m.loaded.rule;
  if (rule?.rule !== 'step-tag') return null;
  const one = (text: string) => {
    const ids = m.loaded.codec.encode(text);
    if (ids.length !== 1)
      throw new Error(`${m.loaded.id}: ${JSON.stringify(text)} is not one token`);
    return ids[0]!;
  };
  return {
    tagId: one(rule.params.tag),
    goodId: one(rule.params.good),
    badId: one(rule.params.bad),
  };
}

/** The request's inputs as token ids: text (tokenized with special tokens unless told not to) or ids. */
export function readPoolingInputs(m: ServedModel, body: Record<string, unknown>): number[][] {
  if (body.messages !== undefined)
    throw new BadRequest(
      'As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.',
    );
  const input = body.input;
  const special = body.add_special_tokens !== false;
  const isIds = (x: unknown): x is number[] =>
    Array.isArray(x) && x.length > 0 && x.every((t) => Number.isInteger(t) && t >= 0);
  let list: number[][];
  if (typeof input === 'string') list = [m.tokenize(input, special)];
  else if (isIds(input)) list = [input];
  else if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'string'))
    list = (input as string[]).map((t) => m.tokenize(t, special));
  else if (Array.isArray(input) && input.length > 0 && input.every(isIds)) list = input;
  else
    throw new BadRequest(
      'input must be a string, a list of strings, token ids, or a list of token id lists',
      'input',
    );
  const V = m.loaded.decoder.cfg.vocabSize;
  for (const ids of list) {
    if (ids.some((t) => t >= V))
      throw new BadRequest(`token id out of range (vocabulary ${V})`, 'input');
    if (ids.length > m.maxModelLen)
      throw new BadRequest(
        `This model's maximum context length is ${m.maxModelLen} tokens. However, you requested ${ids.length} tokens.`,
        'input',
      );
  }
  return list;
}

/** Each input's rows, [P(good), P(bad)] at every step tag (returned_token_ids [good, bad]). */
export async function stepRows(
  m: ServedModel,
  pooler: StepPooler,
  inputs: readonly number[][],
): Promise<number[][][]> {
  const requests = inputs.map((ids) => ({
    ids,
    at: ids.flatMap((t, i) => (t === pooler.tagId ? [i] : [])),
    candidates: [pooler.goodId, pooler.badId],
  }));
  const reads = await decoderReader(m.loaded.decoder).read(requests.filter((r) => r.at.length > 0));
  let k = 0;
  return requests.map((r) => {
    if (r.at.length === 0) return [];
    return reads[k++]!.map(([good, bad]) => {
      const p = twoWay(good!, bad!);
      return [p, 1 - p];
    });
  });
}

export function poolingResponse(model: string, rows: number[][][], inputs: readonly number[][]) {
  const tokens = inputs.reduce((n, ids) => n + ids.length, 0);
  return {
    id: `pool-${randomBytes(16).toString('hex')}`,
    object: 'list',
    created: Math.floor(Date.now() / 1000),
    model,
    data: rows.map((data, index) => ({ index, object: 'pooling', data })),
    usage: {
      prompt_tokens: tokens,
      total_tokens: tokens,
      completion_tokens: 0,
      prompt_tokens_details: null,
    },
  };
}
