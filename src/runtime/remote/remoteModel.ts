/**
 * A model on a remote OpenAI-compatible server, as the engine drives it: the transport, the model's
 * served name, what the server was found to support, and how requests are shaped. Every sampling
 * field goes out explicitly: vLLM fills an omitted one from the *model's* generation config (a
 * repetition penalty of 1.05 for Qwen), not from OpenAI's defaults.
 */
import type { Capabilities } from './capabilities';
import type { Limiter } from './limiter';
import type { Transport } from './transport';

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
  signal?: AbortSignal;
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
