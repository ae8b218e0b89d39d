/**
 * What a server does, found by asking rather than assumed from its name: `GET /v1/models`, then one
 * tiny completion with `n: 2`, `logprobs: 0` and `prompt_logprobs: 0` (does it return two choices?
 * log-probs? prompt log-probs?), then `/tokenize` and `/pooling` at the server's root. Each answer
 * becomes a line the UI and the CLI show, with what it costs.
 */
import { readCompletion, readModels } from './shapes';
import { RemoteError, serverRoot, type Transport } from './transport';

export interface Capabilities {
  models: { id: string; maxModelLen: number | null; ownedBy: string }[];
  /** It answers completions (a reward model served for `/pooling` alone does not: vLLM's `--task reward`). */
  completions: boolean;
  /** `n > 1` returns n choices (Ollama and some llama.cpp builds return one). */
  n: boolean;
  logprobs: boolean;
  promptLogprobs: boolean;
  tokenize: boolean;
  pooling: boolean;
}

async function works(f: () => Promise<unknown>, signal?: AbortSignal): Promise<boolean> {
  try {
    await f();
    return true;
  } catch (e) {
    if (signal?.aborted) throw e;
    if (e instanceof RemoteError && (e.kind === 'http' || e.kind === 'invalid')) return false;
    throw e;
  }
}

export async function probe(
  t: Transport,
  model?: string,
  signal?: AbortSignal,
): Promise<Capabilities> {
  const models = readModels(await t.get('/models', signal ? { signal } : {}));
  if (models.length === 0)
    throw new RemoteError(`${serverRoot(t.baseUrl)} serves no model`, 'invalid');
  const name = model ?? models[0]!.id;
  if (!models.some((m) => m.id === name))
    throw new RemoteError(
      `${serverRoot(t.baseUrl)} does not serve "${name}" (it serves ${models.map((m) => m.id).join(', ')})`,
      'invalid',
    );
  const o = signal ? { signal } : {};
  const tiny = (extra: Record<string, unknown>) =>
    t.post(
      '/completions',
      { model: name, prompt: '1', max_tokens: 1, temperature: 1, seed: 1, ...extra },
      o,
    );
  let n = false;
  let logprobs = false;
  let completions = true;
  try {
    const body = await tiny({ n: 2, logprobs: 0 });
    const choices = (body as { choices?: unknown[] }).choices;
    n = Array.isArray(choices) && choices.length === 2;
    logprobs = await works(async () =>
      readCompletion(body, {
        prompts: 1,
        n: n ? 2 : (choices?.length ?? 1),
        logprobs: true,
        promptLogprobs: false,
        stop: [],
      }),
    );
  } catch (e) {
    if (!(e instanceof RemoteError) || e.kind !== 'http') throw e;
    // A server that refuses n or logprobs outright: ask again without them. One that refuses even
    // that serves no generation here (a reward model): it can still answer /pooling.
    completions = await works(() => tiny({}), signal);
  }
  const promptLogprobs =
    completions &&
    (await works(
      async () =>
        readCompletion(await tiny({ prompt_logprobs: 0 }), {
          prompts: 1,
          n: 1,
          logprobs: false,
          promptLogprobs: true,
          stop: [],
        }),
      signal,
    ));
  const tokenize = await works(
    () => t.post('/tokenize', { model: name, prompt: '1' }, { root: true, ...o }),
    signal,
  );
  const pooling = await works(
    () => t.post('/pooling', { model: name, input: '1' }, { root: true, ...o }),
    signal,
  );
  return { models, completions, n, logprobs, promptLogprobs, tokenize, pooling };
}

/** What was found and what it costs, one line each (the UI and `ttc sweep` print them). */
export function describeCapabilities(c: Capabilities): string[] {
  return [
    ...(c.completions ? [] : ['completions: no — a reward model: it scores, it cannot sample']),
    c.n
      ? '`n` honoured: a problem’s samples can go as one request (replays then differ from in process)'
      : '`n` not honoured: every sample is its own request (the default anyway)',
    c.logprobs
      ? 'token log-probs: yes (confidence scores, beam search log-probs)'
      : 'token log-probs: no — confidence scores and search log-probs are unavailable',
    c.promptLogprobs
      ? 'prompt log-probs: yes (a generative verifier can run here)'
      : 'prompt log-probs: no — this server cannot be a generative verifier',
    c.tokenize ? '/tokenize: yes' : '/tokenize: no',
    c.pooling ? '/pooling: yes (a reward model’s step rows)' : '/pooling: no',
  ];
}
