/** `ttc serve` answers in vLLM's shapes, field for field, and refuses what it cannot do in vLLM's error shape. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompletion, readModels } from '../../src/runtime/remote/shapes';
import { startServe, type RunningServer } from './server';
import { loadServedModel } from './servedModel';

let server: RunningServer;
let locked: RunningServer;
const KEY = 'sk-test-not-a-secret';

beforeAll(async () => {
  const models = [await loadServedModel('arith-policy')];
  server = await startServe({ models, port: 0, host: '127.0.0.1', allowedOrigins: ['*'] });
  locked = await startServe({
    models,
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: ['http://allowed.test'],
    apiKey: KEY,
  });
});
afterAll(async () => {
  await server.close();
  await locked.close();
});

const post = (
  path: string,
  body: unknown,
  base = server.url,
  headers: Record<string, string> = {},
) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

// vLLM's CompletionResponse / CompletionResponseChoice fields (fixtures/remote/vllm-completions.json).
const RESPONSE_KEYS = ['choices', 'created', 'id', 'model', 'object', 'usage'];
const CHOICE_KEYS = [
  'finish_reason',
  'index',
  'logprobs',
  'prompt_logprobs',
  'stop_reason',
  'text',
];

describe('ttc serve speaks vLLM', () => {
  it('completions: vLLM’s fields, prompt-major choices, readable by the client', async () => {
    const r = await post('/v1/completions', {
      model: 'arith-policy',
      prompt: ['Q: 2+3\n', 'Q: 7*8\n'],
      n: 2,
      seed: 42,
      max_tokens: 64,
      logprobs: 0,
      stop: '\n',
      include_stop_str_in_output: true,
      some_field_vllm_ignores: true,
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as Record<string, unknown> & {
      choices: Record<string, unknown>[];
    };
    expect(Object.keys(body).sort()).toEqual(RESPONSE_KEYS);
    expect(body.object).toBe('text_completion');
    for (const c of body.choices) expect(Object.keys(c).sort()).toEqual(CHOICE_KEYS);
    expect(body.choices.map((c) => c.index)).toEqual([0, 1, 2, 3]);
    const choices = readCompletion(body, {
      prompts: 2,
      n: 2,
      logprobs: true,
      promptLogprobs: false,
      stop: ['\n'],
    });
    for (const c of choices) {
      expect(c.finish).toBe('stop');
      expect(c.text.endsWith('\n')).toBe(true);
      expect(c.tokens!.length).toBe(c.text.length); // one token per character
    }
    expect(body.usage).toMatchObject({ prompt_tokens: 16 });
  });

  it('choice j of n is the request seeded seed + j', async () => {
    const ask = (seed: number, n: number) =>
      post('/v1/completions', {
        model: 'arith-policy',
        prompt: 'Q: 9-4\n',
        n,
        seed,
        max_tokens: 64,
      })
        .then((r) => r.json() as Promise<{ choices: { text: string }[] }>)
        .then((b) => b.choices.map((c) => c.text));
    const together = await ask(100, 3);
    const apart = [...(await ask(100, 1)), ...(await ask(101, 1)), ...(await ask(102, 1))];
    expect(together).toEqual(apart);
  });

  it('max_tokens defaults to 16, as vLLM (always send it)', async () => {
    const b = (await (
      await post('/v1/completions', { prompt: 'Q: 12*34-5\n', seed: 1, logprobs: 0 })
    ).json()) as {
      choices: { logprobs: { tokens: string[] }; finish_reason: string }[];
    };
    expect(b.choices[0]!.logprobs.tokens.length).toBeLessThanOrEqual(16);
  });

  it('prompt_logprobs: null first, then {id: {logprob, rank, decoded_token}}', async () => {
    const b = (await (
      await post('/v1/completions', { prompt: 'Q: 1</s>', max_tokens: 1, prompt_logprobs: 0 })
    ).json()) as {
      choices: {
        prompt_logprobs: (Record<
          string,
          { logprob: number; rank: number; decoded_token: string }
        > | null)[];
      }[];
    };
    const p = b.choices[0]!.prompt_logprobs;
    expect(p[0]).toBeNull();
    // <s> Q : ␠ 1 </s>: the special token's text in the prompt is that token.
    expect(p.length).toBe(6);
    expect(Object.keys(p[5]!)).toEqual(['2']);
    expect(p[5]!['2']).toMatchObject({ decoded_token: '</s>' });
    expect(p[5]!['2']!.rank).toBeGreaterThanOrEqual(1);
  });

  it('errors in vLLM’s shape', async () => {
    const cases: [unknown, number, RegExp, string | null][] = [
      [{ model: 'gpt-4', prompt: 'x' }, 404, /The model `gpt-4` does not exist/, 'model'],
      [
        { prompt: 'Q: 1\n', max_tokens: 1000 },
        400,
        /maximum context length is 256 tokens/,
        'max_tokens',
      ],
      [
        { prompt: 'Q: 1\n', logprobs: 5 },
        400,
        /sample logprobs of 5, which is greater than max allowed: 0/,
        'logprobs',
      ],
      [
        { prompt: 'Q: 1\n', repetition_penalty: 1.05 },
        400,
        /repetition_penalty other than 1/,
        'repetition_penalty',
      ],
      [{ prompt: 'é' }, 400, /not in the model's vocabulary/, 'prompt'],
      [{ prompt: 'Q', n: 0 }, 400, /n must be in/, 'n'],
    ];
    for (const [body, status, message, param] of cases) {
      const r = await post('/v1/completions', body);
      expect(r.status).toBe(status);
      const e = (
        (await r.json()) as {
          error: { message: string; type: string; param: string | null; code: number };
        }
      ).error;
      expect(e.message).toMatch(message);
      expect(e).toMatchObject({ param, code: status });
      expect(e.type).toMatch(/Error$/);
    }
    const nf = await fetch(`${server.url}/v2/nothing`);
    expect([nf.status, await nf.json()]).toEqual([404, { detail: 'Not Found' }]);
  });

  it('models, tokenize, detokenize', async () => {
    const models = readModels(await (await fetch(`${server.url}/v1/models`)).json());
    expect(models).toEqual([{ id: 'arith-policy', maxModelLen: 256, ownedBy: 'ttc' }]);
    const tok = (await (await post('/tokenize', { prompt: 'Q: 1' })).json()) as {
      tokens: number[];
      count: number;
    };
    expect(tok).toMatchObject({ count: 5, max_model_len: 256 });
    const de = (await (await post('/detokenize', { tokens: tok.tokens })).json()) as {
      prompt: string;
    };
    expect(de.prompt).toBe('Q: 1');
  });

  it('CORS: allowed origins get the headers (preflight needs no key); others get none', async () => {
    const pre = await fetch(`${locked.url}/v1/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'http://allowed.test', 'access-control-request-method': 'POST' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const refused = await fetch(`${locked.url}/v1/models`, {
      headers: { origin: 'http://elsewhere.test' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('API key: 401 without it, served with it', async () => {
    const no = await fetch(`${locked.url}/v1/models`);
    expect([no.status, await no.json()]).toEqual([401, { error: 'Unauthorized' }]);
    const yes = await fetch(`${locked.url}/v1/models`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(yes.status).toBe(200);
    expect((await fetch(`${locked.url}/health`)).status).toBe(200);
  });
});
