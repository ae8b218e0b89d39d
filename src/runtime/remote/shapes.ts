/**
 * What an OpenAI-compatible server's `/v1/completions` answer says, checked and normalized across the
 * dialects: vLLM (`stop_reason`), SGLang (`matched_stop`), llama.cpp's server (log-probs as
 * `{content: [{token, logprob}]}`, no stop reason). A body that breaks the protocol — the wrong number
 * of choices, a missing or NaN log-prob, text that is not a string — is refused with a message that
 * says what was wrong, so nothing half-read reaches a pool.
 */
import { RemoteError } from './transport';

/** Why a choice ended: end-of-sequence, the token limit, or one of the request's stop strings. */
export type FinishKind = 'eos' | 'length' | 'stop';

export interface RemoteChoice {
  text: string;
  finish: FinishKind;
  /** The stop string that ended it, when the server says (vLLM, SGLang). */
  stop: string | null;
  /** Per generated token: text, log-prob and where its text starts in `text` (null: not asked). */
  tokens: string[] | null;
  logprobs: number[] | null;
  offsets: number[] | null;
  /** Per prompt token after the first: the log-prob the model gives it (vLLM's prompt_logprobs). */
  promptLogprobs: number[] | null;
}

export interface CompletionAsk {
  prompts: number;
  n: number;
  logprobs: boolean;
  promptLogprobs: boolean;
  /** The request's stop strings: a "stop" without a reason is read against them. */
  stop: readonly string[];
}

const bad = (what: string) => new RemoteError(`the server's completion ${what}`, 'invalid');

/** vLLM sends −inf as −9999.0 (JSON has no infinity); llama.cpp the lowest float. */
function logprob(x: unknown, where: string): number {
  if (typeof x !== 'number' || Number.isNaN(x))
    throw bad(`has a missing or NaN log-prob at ${where}`);
  if (x > 1e-3) throw bad(`has a positive log-prob (${x}) at ${where}`);
  return x <= -9999 ? -Infinity : Math.min(0, x);
}

function readLogprobs(raw: unknown, where: string) {
  if (!raw || typeof raw !== 'object') throw bad(`has no log-probs at ${where}`);
  const o = raw as Record<string, unknown>;
  // llama.cpp's server: chat-style content entries.
  if (Array.isArray(o.content)) {
    const tokens: string[] = [];
    const lps: number[] = [];
    const offsets: number[] = [];
    let at = 0;
    o.content.forEach((e: unknown, i) => {
      const c = (e ?? {}) as Record<string, unknown>;
      if (typeof c.token !== 'string') throw bad(`has a token that is not text at ${where}[${i}]`);
      tokens.push(c.token);
      lps.push(logprob(c.logprob, `${where}[${i}]`));
      offsets.push(at);
      at += c.token.length;
    });
    return { tokens, logprobs: lps, offsets };
  }
  const { tokens, token_logprobs: lps, text_offset: offs } = o;
  if (!Array.isArray(tokens) || !Array.isArray(lps))
    throw bad(`has log-probs without tokens or token_logprobs at ${where}`);
  if (lps.length !== tokens.length)
    throw bad(`has ${lps.length} log-probs for ${tokens.length} tokens at ${where}`);
  if (!tokens.every((t) => typeof t === 'string'))
    throw bad(`has a token that is not text at ${where}`);
  const offsets = Array.isArray(offs) && offs.length === tokens.length ? offs : null;
  if (offsets && !offsets.every((x) => Number.isInteger(x) && x >= 0))
    throw bad(`has a bad text_offset at ${where}`);
  return {
    tokens: tokens as string[],
    logprobs: lps.map((x, i) => logprob(x, `${where}.token_logprobs[${i}]`)),
    offsets: offsets as number[] | null,
  };
}

/** vLLM's prompt_logprobs: null, then per token a map id → {logprob, …} holding the prompt's token. */
function readPromptLogprobs(raw: unknown, where: string): number[] {
  if (!Array.isArray(raw) || raw.length === 0) throw bad(`has no prompt_logprobs at ${where}`);
  return raw.slice(1).map((entry: unknown, i) => {
    if (!entry || typeof entry !== 'object')
      throw bad(`has an empty prompt log-prob at ${where}[${i + 1}]`);
    const values = Object.values(entry as Record<string, unknown>);
    // The prompt's own token comes first (vLLM puts it before the top-k it adds).
    const first = values[0] as { logprob?: unknown } | undefined;
    return logprob(first?.logprob, `${where}[${i + 1}]`);
  });
}

function finishOf(c: Record<string, unknown>, ask: CompletionAsk, where: string) {
  const reason = c.finish_reason;
  if (reason === 'length') return { finish: 'length' as const, stop: null };
  if (reason !== 'stop') throw bad(`has finish_reason ${JSON.stringify(reason)} at ${where}`);
  // vLLM: stop_reason is the matched string, a stop token id, or null for end-of-sequence;
  // SGLang names it matched_stop (a token id for EOS).
  const matched =
    'stop_reason' in c ? c.stop_reason : 'matched_stop' in c ? c.matched_stop : undefined;
  if (typeof matched === 'string') return { finish: 'stop' as const, stop: matched };
  if (matched === null || typeof matched === 'number')
    return { finish: 'eos' as const, stop: null };
  // llama.cpp says neither: a request without stop strings can only have ended at EOS; with them it
  // is read as a stop (the step ended), which the caller must allow for.
  return ask.stop.length
    ? { finish: 'stop' as const, stop: ask.stop[0]! }
    : { finish: 'eos' as const, stop: null };
}

export function readCompletion(body: unknown, ask: CompletionAsk): RemoteChoice[] {
  if (!body || typeof body !== 'object') throw bad('is not a JSON object');
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) throw bad('has no choices');
  const want = ask.prompts * ask.n;
  if (choices.length !== want)
    throw bad(
      `has ${choices.length} choices where ${ask.prompts} prompt(s) × n = ${ask.n} asked for ${want}`,
    );
  const out: (RemoteChoice | undefined)[] = new Array(want);
  choices.forEach((raw: unknown, k) => {
    const where = `choices[${k}]`;
    if (!raw || typeof raw !== 'object')
      throw bad(`has a choice that is not an object at ${where}`);
    const c = raw as Record<string, unknown>;
    // Choices are prompt-major (index = p·n + j); a server without indices lists them in order.
    const index = c.index === undefined ? k : c.index;
    if (
      !Number.isInteger(index) ||
      (index as number) < 0 ||
      (index as number) >= want ||
      out[index as number]
    )
      throw bad(`has a bad or repeated index ${JSON.stringify(c.index)} at ${where}`);
    if (typeof c.text !== 'string') throw bad(`has text that is not a string at ${where}`);
    const lp = ask.logprobs ? readLogprobs(c.logprobs, `${where}.logprobs`) : null;
    out[index as number] = {
      text: c.text,
      ...finishOf(c, ask, where),
      tokens: lp?.tokens ?? null,
      logprobs: lp?.logprobs ?? null,
      offsets: lp?.offsets ?? null,
      promptLogprobs: ask.promptLogprobs
        ? readPromptLogprobs(c.prompt_logprobs, `${where}.prompt_logprobs`)
        : null,
    };
  });
  return out as RemoteChoice[];
}

/** `GET /v1/models`: the served ids and context lengths. */
export function readModels(
  body: unknown,
): { id: string; maxModelLen: number | null; ownedBy: string }[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new RemoteError('the server’s model list has no data', 'invalid');
  return data.map((m: unknown) => {
    const o = (m ?? {}) as Record<string, unknown>;
    if (typeof o.id !== 'string' || !o.id)
      throw new RemoteError('the server’s model list has a model without an id', 'invalid');
    return {
      id: o.id,
      maxModelLen: Number.isInteger(o.max_model_len) ? (o.max_model_len as number) : null,
      ownedBy: typeof o.owned_by === 'string' ? o.owned_by : '',
    };
  });
}

/**
 * vLLM's `POST /pooling` for a step-reward model: one two-way row per step token in the input, the
 * step score read from column `positive` — Qwen2.5-Math-PRM's head gives [p_negative, p_positive]
 * (1, the default); a Math-Shepherd-style PRM under the STEP pooler gives its `returned_token_ids`
 * in order, [good, bad] as vLLM documents it (0).
 */
export function readPooling(body: unknown, inputs: number, positive: 0 | 1 = 1): number[][] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length !== inputs)
    throw new RemoteError(
      `the server’s pooling answer has ${Array.isArray(data) ? data.length : 'no'} rows for ${inputs} inputs`,
      'invalid',
    );
  const out: number[][] = new Array(inputs);
  data.forEach((d: unknown, k) => {
    const o = (d ?? {}) as Record<string, unknown>;
    const index = o.index === undefined ? k : o.index;
    const rows = o.data;
    if (!Number.isInteger(index) || (index as number) >= inputs || !Array.isArray(rows))
      throw new RemoteError(`the server’s pooling answer has a bad entry at data[${k}]`, 'invalid');
    out[index as number] = rows.map((r: unknown, i) => {
      const ok =
        Array.isArray(r) &&
        r.length === 2 &&
        r.every((x) => typeof x === 'number' && x >= 0 && x <= 1);
      if (!ok)
        throw new RemoteError(
          `the server’s pooling row data[${k}].data[${i}] is not [p_neg, p_pos]`,
          'invalid',
        );
      return (r as number[])[positive]!;
    });
  });
  return out;
}

/** `usage.prompt_tokens` of an answer (0 when the server leaves it out). */
export function usagePromptTokens(body: unknown): number {
  const u = (body as { usage?: { prompt_tokens?: unknown } } | null)?.usage?.prompt_tokens;
  return Number.isInteger(u) && (u as number) >= 0 ? (u as number) : 0;
}

/** `/tokenize`'s token ids. */
export function readTokens(body: unknown): number[] {
  const t = (body as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(t) || !t.every((x) => Number.isInteger(x)))
    throw new RemoteError('the server’s /tokenize answer has no tokens', 'invalid');
  return t as number[];
}
