/**
 * Connecting the page to a server: what it serves and can do, asked before a model is chosen (the
 * workers ask again when they load it). Refusals the browser would make silently — mixed content, a
 * server outside this build's CSP — are said before anything is sent.
 */
import { browserHints } from '../../runtime/remote/browserHints';
import { describeCapabilities, probe } from '../../runtime/remote/capabilities';
import { transport } from '../../runtime/remote/transport';
import { apiKeyFor } from './apiKeys';
import { serverRefusal } from './serverUrl';

export interface ServerAnswer {
  models: { id: string; ownedBy: string }[];
  /** The probed model's capabilities, one line each with what it costs. */
  capabilities: string[];
  /** Whether a reopened link draws the same samples from it. */
  replay: string;
}

/** What a link's samples are on reopening, by the engine `/v1/models` names. */
export function replayNote(engine: string): string {
  if (engine === 'ttc')
    return 'Replays: identical — ttc serve draws each sample from its seed, as this page does.';
  if (engine === 'vllm')
    return 'Replays: identical only if the server runs with VLLM_BATCH_INVARIANT=1 (same GPU and vLLM version); otherwise a reopened link draws its samples anew.';
  return 'Replays: this server does not promise identical samples for a seed, so a reopened link draws them anew.';
}

export async function connectServer(
  url: string,
  model?: string,
  signal?: AbortSignal,
): Promise<ServerAnswer> {
  const refusal = serverRefusal(url, self.location);
  if (refusal) throw new Error(refusal);
  const key = apiKeyFor(url);
  const t = transport({
    baseUrl: url,
    retries: 1,
    hints: browserHints(self.location.origin),
    ...(key ? { apiKey: key } : {}),
  });
  const caps = await probe(t, model, signal);
  const chosen = caps.models.find((m) => m.id === (model ?? caps.models[0]!.id))!;
  return {
    models: caps.models.map((m) => ({ id: m.id, ownedBy: m.ownedBy })),
    capabilities: describeCapabilities(caps),
    replay: replayNote(chosen.ownedBy),
  };
}
