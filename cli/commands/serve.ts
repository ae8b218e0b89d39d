import { readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { intArg, UsageError } from '../args';
import { MODELS_DIR } from '../models';
import { startServe } from '../serve/server';
import { DTYPE_SUFFIX, isHubDtype } from '../../src/runtime/hub/resolve';
import { loadServedHubModel, loadServedModel } from '../serve/servedModel';

export const serveUsage = `ttc serve [options]

  An OpenAI-compatible server (vLLM's shapes) over the built-in models: GET /v1/models,
  POST /v1/completions (n, seed, temperature, top_p, top_k, max_tokens, stop,
  include_stop_str_in_output, logprobs: 0, prompt_logprobs: 0), /tokenize, /detokenize, /health.
  Choice j of a request with seed S is drawn from seed S + j, as vLLM does, so a pool drawn
  through it equals the one drawn in process.

  --port P                   port (default 8000)
  --host H                   interface (default 127.0.0.1; 0.0.0.0 serves the network)
  --models ID[,ID…]          built-in models to serve (default all in ${MODELS_DIR}/); with
                             --hub, hub ids (org/name) are loaded from it too
  --hub URL                  a Hugging Face hub (or mirror) to load org/name models from, the
                             way transformers.js does
  --dtype D                  those hub models' file (default: each model's own)
  --allowed-origins JSON     CORS origins, e.g. '["https://ttc.example"]' (default ["*"])
  --api-key-env VAR          require "Authorization: Bearer $VAR" (the key stays out of argv)`;

export async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      ['port', 'host', 'models', 'allowed-origins', 'api-key-env', 'hub', 'dtype'].map((k) => [
        k,
        { type: 'string' as const },
      ]),
    ),
    strict: true,
  });
  const port = intArg('port', values.port, 8000, 0);
  let origins: unknown = ['*'];
  if (values['allowed-origins'] !== undefined) {
    try {
      origins = JSON.parse(values['allowed-origins']);
    } catch {
      origins = null;
    }
    if (!Array.isArray(origins) || !origins.every((x) => typeof x === 'string'))
      throw new UsageError(
        `--allowed-origins takes a JSON list of origins, got ${values['allowed-origins']}`,
      );
  }
  let apiKey: string | undefined;
  if (values['api-key-env']) {
    apiKey = process.env[values['api-key-env']];
    if (!apiKey) throw new UsageError(`--api-key-env: $${values['api-key-env']} is empty`);
  }
  const ids = values.models
    ? values.models.split(',').map((s) => s.trim())
    : readdirSync(MODELS_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
  const dtype = values.dtype;
  if (dtype !== undefined && !isHubDtype(dtype))
    throw new UsageError(`--dtype must be one of ${Object.keys(DTYPE_SUFFIX).join(', ')}`);
  const models = await Promise.all(
    ids.map((id) => {
      if (!id.includes('/')) return loadServedModel(id);
      if (!values.hub) throw new UsageError(`${id} is a hub model: give --hub URL`);
      return loadServedHubModel(values.hub, id, dtype);
    }),
  );
  const running = await startServe({
    models,
    port,
    host: values.host ?? '127.0.0.1',
    allowedOrigins: origins as string[],
    ...(apiKey ? { apiKey } : {}),
  });
  console.log(
    `serving ${ids.join(', ')} at ${running.url}/v1 (CORS: ${(origins as string[]).join(' ')}${apiKey ? '; API key required' : ''})`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => void running.close().then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
