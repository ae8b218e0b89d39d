/**
 * A model on a remote OpenAI-compatible server, as the engine drives it: the transport, the model's
 * served name, what the server was found to support, and how requests are shaped. Every sampling
 * field goes out explicitly: vLLM fills an omitted one from the *model's* generation config (a
 * repetition penalty of 1.05 for Qwen), not from OpenAI's defaults.
 */
import type { Capabilities } from './capabilities';
import type { Limiter } from './limiter';
import { readTokens } from './shapes';
import { RemoteError, type Transport } from './transport';

export interface RemoteModel {
  transport: Transport;
  /** The served model name (`/v1/models` id). */
  model: string;
  caps: Capabilities;
  /** Requests in flight to this server, shared by every caller. */
  limit: Limiter;
  /**
   * Draw a problem's samples with one `n`-choice request (vLLM seeds choice j with seed + j) instead
   * of one request per sample with the sample's own seed: faster on some servers, but the samples
   * are not the ones the same pool draws in process or on another server.
   */
  useN: boolean;
  /** Prompts in the model's chat template (an instruction model); absent: the task's text as is. */
  chat?: RemoteChat;
  signal?: AbortSignal;
}

/**
 * Chat prompts for an instruction model: the server renders its own template (`/tokenize` with
 * `messages`, as the page's hub models are prompted: system message, the question as the user
 * turn, the generation prompt), and a partial solution's tokens follow (tokenized alone, as the
 * in-process step policy appends them). Rendered prompts are kept per problem.
 */
export interface RemoteChat {
  system: string;
  enableThinking?: boolean;
  rendered: Map<string, number[]>;
}

export const remoteChat = (system: string, enableThinking?: boolean): RemoteChat => ({
  system,
  ...(enableThinking === undefined ? {} : { enableThinking }),
  rendered: new Map(),
});

/** The prompt for a problem's text and a partial solution: text, or token ids for a chat model. */
export async function remotePrompt(
  m: RemoteModel,
  key: string,
  question: string,
  partial: string,
): Promise<string | number[]> {
  if (!m.chat) return question + partial;
  if (!m.caps.tokenize)
    throw new RemoteError(
      'chat prompts are rendered by the server’s /tokenize, which this server does not answer',
      'invalid',
    );
  const o = { root: true, ...(m.signal ? { signal: m.signal } : {}) };
  const chat = m.chat;
  let head = chat.rendered.get(key);
  if (!head) {
    head = readTokens(
      await m.limit(() =>
        m.transport.post(
          '/tokenize',
          {
            model: m.model,
            messages: [
              ...(chat.system ? [{ role: 'system', content: chat.system }] : []),
              { role: 'user', content: question },
            ],
            add_generation_prompt: true,
            add_special_tokens: false,
            ...(chat.enableThinking === undefined
              ? {}
              : { chat_template_kwargs: { enable_thinking: chat.enableThinking } }),
          },
          o,
        ),
      ),
    );
    chat.rendered.set(key, head);
  }
  if (!partial) return head;
  const tail = readTokens(
    await m.limit(() =>
      m.transport.post(
        '/tokenize',
        { model: m.model, prompt: partial, add_special_tokens: false },
        o,
      ),
    ),
  );
  return [...head, ...tail];
}

export interface SamplingFields {
  temperature: number;
  topP: number;
  topK: number;
  maxTokens: number;
}

export function samplingBody(m: RemoteModel, s: SamplingFields) {
  return {
    model: m.model,
    temperature: s.temperature,
    top_p: s.topP,
    top_k: s.topK > 0 ? s.topK : -1,
    min_p: 0,
    max_tokens: s.maxTokens,
    repetition_penalty: 1,
    presence_penalty: 0,
    frequency_penalty: 0,
  };
}
