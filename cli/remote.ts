/** `ttc sweep --engine openai`: a server's model as the sweep drives it, with what was detected. */
import { describeCapabilities, probe } from '../src/runtime/remote/capabilities';
import { limiter, type Limiter } from '../src/runtime/remote/limiter';
import type { RemoteModel } from '../src/runtime/remote/remoteModel';
import { RemoteError, transport } from '../src/runtime/remote/transport';
import { UsageError } from './args';

export const REMOTE_USAGE = `Remote engine (vLLM, SGLang, llama.cpp's server, ttc serve) instead of in process:
  --engine openai            draw through an OpenAI-compatible server's /v1/completions
  --base-url URL             its base, with /v1 (e.g. http://127.0.0.1:8000/v1)
  --model NAME               the served policy (default: the server's first model)
  --verifier-url URL         a server for a generative verifier (read from prompt_logprobs)
  --verifier-model NAME      the served verifier (default: its first model)
  --verifier-eos TEXT        the verifier's end-of-sequence text, read after a finished sample
                             (</s> for the built-ins; default none)
  --verifier-rule RULE       read the verifier model by a rule instead (step-tag, separator,
                             turn-per-step, judge; in its chat template with --chat on)
  --chat on|off              prompt in the served model's chat template, rendered by its
                             /tokenize (default: on for math, off for arith); --system and
                             --thinking as for --hub
  --api-key-env VAR          send $VAR as the API key (the key itself never goes in argv)
  --concurrency C            problems in flight (default 8); requests in flight: C × 16
  --use-n                    one n-choice request per problem (vLLM seeds choice j with seed + j):
                             faster on some servers, but not the samples drawn in process
  --resume                   keep the samples already in --out and draw only the missing ones`;

export async function connect(
  baseUrl: string | undefined,
  model: string | undefined,
  o: { apiKeyEnv?: string | undefined; limit: Limiter; useN: boolean; what: string },
): Promise<RemoteModel> {
  if (!baseUrl) throw new UsageError(`--engine openai needs --base-url for the ${o.what}`);
  try {
    new URL(baseUrl);
  } catch {
    throw new UsageError(`--base-url is not a URL: ${baseUrl}`);
  }
  let apiKey: string | undefined;
  if (o.apiKeyEnv) {
    apiKey = process.env[o.apiKeyEnv];
    if (!apiKey) throw new UsageError(`--api-key-env: $${o.apiKeyEnv} is empty`);
  }
  const t = transport({ baseUrl, ...(apiKey ? { apiKey } : {}) });
  try {
    const caps = await probe(t, model);
    const name = model ?? caps.models[0]!.id;
    process.stderr.write(
      `${o.what} ${name} at ${t.baseUrl}:\n${describeCapabilities(caps)
        .map((l) => `  ${l}\n`)
        .join('')}`,
    );
    return { transport: t, model: name, caps, limit: o.limit, useN: o.useN };
  } catch (e) {
    if (e instanceof RemoteError) throw new UsageError(`${o.what}: ${e.message}`);
    throw e;
  }
}

export { limiter };
