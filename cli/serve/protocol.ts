/**
 * `ttc serve`'s reading of a `/v1/completions` request and the response it writes, field for field as
 * vLLM's OpenAI-compatible server has them (../shared/reference/remote-engines.md; vLLM
 * `vllm/entrypoints/openai/protocol.py`): defaults where a field is omitted (max_tokens 16), vLLM's
 * 400 error shape for what it cannot do, unknown fields ignored.
 */
import type { ChoiceOut, ChoiceSettings, JobOut } from './engine';
import type { ServedModel } from './servedModel';

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly param: string | null = null,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** vLLM's error body. */
export function errorBody(message: string, status: number, param: string | null = null) {
  const type =
    status === 404 ? 'NotFoundError' : status >= 500 ? 'InternalServerError' : 'BadRequestError';
  return { error: { message, type, param, code: status } };
}

export interface CompletionRequest extends ChoiceSettings {
  model: ServedModel;
  prompts: number[][];
  n: number;
  seed: number | null;
  logprobs: number | null;
  promptLogprobs: number | null;
}

const num = (body: Record<string, unknown>, k: string, fallback: number): number => {
  const v = body[k];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new BadRequest(`${k} must be a number`, k);
  return v;
};

const int = (body: Record<string, unknown>, k: string, fallback: number): number => {
  const v = num(body, k, fallback);
  if (!Number.isInteger(v)) throw new BadRequest(`${k} must be an integer`, k);
  return v;
};

function promptsOf(raw: unknown, model: ServedModel): number[][] {
  const isIds = (x: unknown): x is number[] =>
    Array.isArray(x) && x.length > 0 && x.every((t) => Number.isInteger(t));
  let list: (string | number[])[];
  if (typeof raw === 'string') list = [raw];
  else if (isIds(raw)) list = [raw];
  else if (
    Array.isArray(raw) &&
    raw.length > 0 &&
    raw.every((p) => typeof p === 'string' || isIds(p))
  )
    list = raw as (string | number[])[];
  else throw new BadRequest('prompt must be a string, a list of strings or token ids', 'prompt');
  const V = model.loaded.decoder.cfg.vocabSize;
  return list.map((p) => {
    if (typeof p !== 'string') {
      if (p.some((t) => t < 0 || t >= V))
        throw new BadRequest(`token id out of range [0, ${V})`, 'prompt');
      return p;
    }
    try {
      return model.tokenize(p, true);
    } catch (e) {
      throw new BadRequest(e instanceof Error ? e.message : String(e), 'prompt');
    }
  });
}

export function readCompletionRequest(
  body: Record<string, unknown>,
  models: ReadonlyMap<string, ServedModel>,
): CompletionRequest {
  const name = body.model;
  const model =
    name === undefined || name === null ? [...models.values()][0] : models.get(String(name));
  if (!model) throw new BadRequest(`The model \`${String(name)}\` does not exist.`, 'model', 404);
  // vLLM's answer for a model it serves as a reward model (pooling runner): no generation.
  if (model.pooler) throw new BadRequest('The model does not support Completions API');
  if (body.echo === true) throw new BadRequest('echo is not supported by ttc serve', 'echo');
  if (body.stream === true) throw new BadRequest('stream is not supported by ttc serve', 'stream');
  // Samplers this server does not have: only their neutral values are accepted.
  for (const [k, neutral] of [
    ['min_p', 0],
    ['repetition_penalty', 1],
    ['presence_penalty', 0],
    ['frequency_penalty', 0],
  ] as const)
    if (num(body, k, neutral) !== neutral)
      throw new BadRequest(`${k} other than ${neutral} is not supported by ttc serve`, k);
  const prompts = promptsOf(body.prompt, model);
  const n = int(body, 'n', 1);
  if (n < 1 || n > 256) throw new BadRequest('n must be in [1, 256]', 'n');
  const temperature = num(body, 'temperature', 1);
  if (temperature < 0) throw new BadRequest('temperature must be non-negative', 'temperature');
  const topP = num(body, 'top_p', 1);
  if (!(topP > 0 && topP <= 1)) throw new BadRequest('top_p must be in (0, 1]', 'top_p');
  // vLLM: -1 (or 0) disables top-k.
  const topK = int(body, 'top_k', 0);
  if (topK < -1) throw new BadRequest('top_k must be -1 (disable), or at least 1', 'top_k');
  const maxTokens = int(body, 'max_tokens', 16);
  if (maxTokens < 1) throw new BadRequest('max_tokens must be at least 1', 'max_tokens');
  const longest = Math.max(...prompts.map((p) => p.length));
  if (longest + maxTokens > model.maxModelLen)
    throw new BadRequest(
      `This model's maximum context length is ${model.maxModelLen} tokens. However, you requested ${longest + maxTokens} tokens (${longest} in the messages, ${maxTokens} in the completion). Please reduce the length of the messages or completion.`,
      'max_tokens',
    );
  const seedRaw = body.seed;
  let seed: number | null = null;
  if (seedRaw !== undefined && seedRaw !== null) {
    seed = int(body, 'seed', 0);
    if (seed < 0 || seed > 0xffffffff) throw new BadRequest('seed must be a u32 here', 'seed');
  }
  const stopRaw = body.stop;
  const stop =
    stopRaw === undefined || stopRaw === null
      ? []
      : typeof stopRaw === 'string'
        ? [stopRaw]
        : Array.isArray(stopRaw) && stopRaw.every((s) => typeof s === 'string')
          ? (stopRaw as string[])
          : null;
  if (!stop) throw new BadRequest('stop must be a string or a list of strings', 'stop');
  const cap = (k: 'logprobs' | 'prompt_logprobs') => {
    const v = body[k];
    if (v === undefined || v === null || v === false) return null;
    const x = int(body, k, 0);
    // This server reads back the chosen token's log-prob only (vLLM's --max-logprobs check).
    if (x < 0 || x > MAX_LOGPROBS)
      throw new BadRequest(
        `Requested ${k === 'logprobs' ? 'sample' : 'prompt'} logprobs of ${x}, which is greater than max allowed: ${MAX_LOGPROBS}`,
        k,
      );
    return x;
  };
  return {
    model,
    prompts,
    n,
    seed,
    temperature,
    topP,
    topK: topK < 0 ? 0 : topK,
    maxTokens,
    stop,
    includeStop: body.include_stop_str_in_output === true,
    logprobs: cap('logprobs'),
    promptLogprobs: cap('prompt_logprobs'),
  };
}

/** Top log-probs beyond the chosen token are not computed: `--max-logprobs 0` in vLLM's terms. */
export const MAX_LOGPROBS = 0;

function choiceLogprobs(model: ServedModel, c: ChoiceOut) {
  const tokens = c.tokens.map((t) => model.tokenText(t));
  const offsets: number[] = [];
  let at = 0;
  for (let i = 0; i < c.tokens.length; i++) {
    offsets.push(Math.min(at, c.text.length));
    at = model.detokenize(c.tokens.slice(0, i + 1)).length;
  }
  return {
    text_offset: offsets,
    token_logprobs: c.logprobs.map((l) => (Number.isFinite(l) ? l : -9999.0)),
    tokens,
    top_logprobs: c.tokens.map((t, i) => ({ [tokens[i]!]: c.logprobs[i]! })),
  };
}

export function completionResponse(req: CompletionRequest, outs: JobOut[], id: string) {
  const { model } = req;
  let promptTokens = 0;
  let completionTokens = 0;
  const choices = outs.flatMap((o, p) => {
    promptTokens += req.prompts[p]!.length;
    return o.choices.map((c, j) => {
      completionTokens += c.tokens.length;
      return {
        index: p * req.n + j,
        text: c.text,
        logprobs: req.logprobs === null ? null : choiceLogprobs(model, c),
        finish_reason: c.finishReason,
        stop_reason: c.stopReason,
        prompt_logprobs:
          o.promptLogprobs === null
            ? null
            : [
                null,
                ...o.promptLogprobs.map((e) => ({
                  [String(e.id)]: {
                    logprob: e.logprob,
                    rank: e.rank,
                    decoded_token: model.tokenText(e.id),
                  },
                })),
              ],
      };
    });
  });
  return {
    id,
    object: 'text_completion',
    created: Math.floor(Date.now() / 1000),
    model: model.id,
    choices,
    usage: {
      prompt_tokens: promptTokens,
      total_tokens: promptTokens + completionTokens,
      completion_tokens: completionTokens,
    },
  };
}

/**
 * vLLM's `/tokenize`: `{prompt, add_special_tokens = true}`, or a chat `{messages,
 * add_generation_prompt = true, continue_final_message = false, add_special_tokens = false,
 * chat_template_kwargs}` rendered with the model's chat template.
 */
export function tokenizeRequest(m: ServedModel, body: Record<string, unknown>): number[] {
  if (body.messages === undefined) {
    if (typeof body.prompt !== 'string') throw new BadRequest('prompt must be a string', 'prompt');
    return m.tokenize(body.prompt, body.add_special_tokens !== false);
  }
  const messages = body.messages;
  const ok =
    Array.isArray(messages) &&
    messages.length > 0 &&
    messages.every(
      (x: unknown) =>
        !!x &&
        typeof x === 'object' &&
        ['system', 'user', 'assistant'].includes((x as { role?: unknown }).role as string) &&
        typeof (x as { content?: unknown }).content === 'string',
    );
  if (!ok) throw new BadRequest('messages must be a list of {role, content}', 'messages');
  if (!m.renderChat)
    throw new BadRequest(
      'As of transformers v4.44, default chat template is no longer allowed, so you must provide a chat template if the tokenizer does not define one.',
    );
  const list = messages as { role: 'system' | 'user' | 'assistant'; content: string }[];
  const cont = body.continue_final_message === true;
  const generation = body.add_generation_prompt !== false && !cont;
  const kwargs = body.chat_template_kwargs;
  const extra = kwargs && typeof kwargs === 'object' ? (kwargs as Record<string, unknown>) : {};
  let text = m.renderChat(list, generation, extra);
  if (cont) {
    // transformers' continue_final_message: cut the render right after the last message's text.
    const last = list[list.length - 1]!.content;
    const at = text.lastIndexOf(last);
    if (at < 0) throw new BadRequest('the final message was not found in the rendered chat');
    text = text.slice(0, at + last.length);
  }
  return m.tokenize(text, body.add_special_tokens === true);
}
