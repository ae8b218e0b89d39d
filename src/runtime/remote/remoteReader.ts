/**
 * A model on a remote server as reading rules read it: its tokenizer and chat template are the
 * server's (`/tokenize`, with `messages` for the template, when `m.chat` says it is a chat model), next-token log-probs come from
 * `prompt_logprobs` — the prefix up to a read position followed by each candidate, sent as token ids
 * (a list of prompts per request), the candidate's own log-prob read back: exact for any candidate,
 * where top-k log-probs would miss one — and a PRM's step rows from vLLM's `/pooling`.
 */
import type { RuleModel } from '../../core/verifiers/rules';
import type { ChatTurn, RowReader, TokenReader } from '../../core/verifiers/rules/types';
import { samplingBody, type RemoteModel } from './remoteModel';
import { readCompletion, readPooling, readTokens } from './shapes';
import { RemoteError } from './transport';

export function remoteRuleModel(m: RemoteModel, batch = 32): RuleModel {
  const o = () => ({ root: true, ...(m.signal ? { signal: m.signal } : {}) });
  const tokenize = (body: Record<string, unknown>) =>
    m.limit(() => m.transport.post('/tokenize', { model: m.model, ...body }, o())).then(readTokens);
  const encoded = new Map<string, Promise<number[]>>();
  return {
    text: {
      encode(text) {
        if (!m.caps.tokenize)
          throw new RemoteError(
            'a rule needs the server’s /tokenize, which it does not answer',
            'invalid',
          );
        let p = encoded.get(text);
        if (!p) encoded.set(text, (p = tokenize({ prompt: text, add_special_tokens: false })));
        // A copy: callers build sequences on what they get.
        return p.then((x) => [...x]);
      },
      // A chat model's template, rendered by the server; only where prompts are chat (`m.chat`):
      // the built-ins have none, and their rules read the text as is.
      ...(m.chat
        ? {
            chat: (turns: readonly ChatTurn[], gen: boolean) =>
              tokenize({
                messages: turns,
                add_generation_prompt: gen,
                continue_final_message: false,
                add_special_tokens: false,
              }),
          }
        : {}),
    },
    // What the server gives: prompt log-probs (a generative model), step rows (a reward model), or both.
    ...(m.caps.promptLogprobs ? { reader: promptLogprobReader(m, batch) } : {}),
    ...(m.caps.pooling ? { rows: poolingRows(m) } : {}),
    // A critique drawn on the server from its seed; its text tokenized back by the server.
    async generate(requests) {
      return Promise.all(
        requests.map(async (r) => {
          const raw = await m.limit(() =>
            m.transport.post(
              '/completions',
              {
                ...samplingBody(m, {
                  temperature: r.temperature,
                  topP: 1,
                  topK: 0,
                  maxTokens: r.maxTokens,
                }),
                prompt: [...r.ids],
                n: 1,
                seed: r.seed,
              },
              m.signal ? { signal: m.signal } : {},
            ),
          );
          const [c] = readCompletion(raw, {
            prompts: 1,
            n: 1,
            logprobs: false,
            promptLogprobs: false,
            stop: [],
          });
          return c!.text ? tokenize({ prompt: c!.text, add_special_tokens: false }) : [];
        }),
      );
    },
  };
}

/** Next-token log-probs from `prompt_logprobs`: each read position's prefix + candidate, as ids. */
function promptLogprobReader(m: RemoteModel, batch: number): TokenReader {
  return {
    async read(requests) {
      const prompts = requests.flatMap((r) =>
        r.at.flatMap((p) => r.candidates.map((c) => [...r.ids.slice(0, p + 1), c])),
      );
      const lps: number[] = [];
      const chunks: Promise<number[]>[] = [];
      for (let i = 0; i < prompts.length; i += batch) {
        const chunk = prompts.slice(i, i + batch);
        chunks.push(
          m
            .limit(() =>
              m.transport.post(
                '/completions',
                {
                  model: m.model,
                  prompt: chunk,
                  n: 1,
                  max_tokens: 1,
                  temperature: 0,
                  seed: 0,
                  prompt_logprobs: 0,
                },
                m.signal ? { signal: m.signal } : {},
              ),
            )
            .then((raw) =>
              readCompletion(raw, {
                prompts: chunk.length,
                n: 1,
                logprobs: false,
                promptLogprobs: true,
                stop: [],
              }).map((c) => c.promptLogprobs!.at(-1)!),
            ),
        );
      }
      for (const c of await Promise.all(chunks)) lps.push(...c);
      let k = 0;
      return requests.map((r) => r.at.map(() => r.candidates.map(() => lps[k++]!)));
    },
  };
}

/**
 * A reward model's step rows from vLLM's `/pooling`: the conversation where the rule has one (the
 * separator rule), else the sequence's ids (a step-tag PRM's tagged text).
 */
function poolingRows(m: RemoteModel): RowReader {
  const o = () => ({ root: true, ...(m.signal ? { signal: m.signal } : {}) });
  return {
    rows: (requests) =>
      Promise.all(
        requests.map(async (r) => {
          const what = r.turns.length > 0 ? { messages: r.turns } : { input: [...r.ids] };
          const raw = await m.limit(() =>
            m.transport.post('/pooling', { model: m.model, ...what }, o()),
          );
          return readPooling(raw, 1, r.positive ?? 1)[0]!;
        }),
      ),
  };
}
