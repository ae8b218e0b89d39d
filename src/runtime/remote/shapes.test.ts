/**
 * Contract tests: the client reads each engine's response bodies in their own shapes (fixtures written
 * from each engine's source, the commit cited in the fixture's `_source`), and refuses bodies that
 * break the protocol with a message.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { limiter } from './limiter';
import { poolingStepScores } from './remoteVerifier';
import { readCompletion, readPooling, type CompletionAsk } from './shapes';
import { RemoteError, transport } from './transport';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`fixtures/remote/${name}.json`, 'utf8')) as Record<string, unknown> & {
    ask: CompletionAsk;
    body: Record<string, unknown>;
  };

interface Expected {
  text: string;
  finish: string;
  stop: string | null;
  tokens: number;
  logprobSum: number | null;
}

function expectChoices(name: string) {
  const f = fixture(name);
  const got = readCompletion(f.body, f.ask);
  const want = f.expect as Expected[];
  expect(got.length).toBe(want.length);
  got.forEach((c, i) => {
    const w = want[i]!;
    expect([c.text, c.finish, c.stop, c.tokens!.length]).toEqual([
      w.text,
      w.finish,
      w.stop,
      w.tokens,
    ]);
    const sum = c.logprobs!.reduce((a, b) => a + b, 0);
    // null: the choice holds a −inf log-prob (vLLM writes −9999.0).
    if (w.logprobSum === null) expect(sum).toBe(-Infinity);
    else expect(sum).toBeCloseTo(w.logprobSum, 9);
  });
  return { f, got };
}

describe('completion bodies, engine by engine', () => {
  it('vLLM: prompt-major choices, stop_reason string / null / token id, −9999 as −inf', () => {
    const { got } = expectChoices('vllm-completions');
    // text_offset gives where each token starts.
    expect(got[0]!.offsets).toEqual([0, 4, 6, 7, 11, 12]);
  });

  it('SGLang: matched_stop instead of stop_reason', () => {
    expectChoices('sglang-completions');
  });

  it('llama.cpp: chat-style log-probs, no stop reason (read against the stop strings sent)', () => {
    const { f, got } = expectChoices('llamacpp-completions');
    expect(got[0]!.offsets).toEqual([0, 4, 6, 7]);
    // Without stop strings, a "stop" can only have been end-of-sequence.
    expect(readCompletion(f.body, { ...f.ask, stop: [] })[0]!.finish).toBe('eos');
  });

  it('vLLM prompt_logprobs: one per prompt token after the first', () => {
    const f = fixture('vllm-prompt-logprobs');
    const [c] = readCompletion(f.body, f.ask);
    expect(c!.promptLogprobs).toEqual([-2.5, -0.001, -Infinity]);
  });

  it('vLLM /pooling: p_positive per step row, none for an input without step tokens', () => {
    const f = fixture('vllm-pooling');
    expect(readPooling(f.body, f.inputs as number)).toEqual(f.expect);
    expect(() => readPooling(f.body, 3)).toThrow(/2 rows for 3 inputs/);
    const bad = structuredClone(f.body) as { data: { data: number[][] }[] };
    bad.data[0]!.data[1] = [0.2];
    expect(() => readPooling(bad, 2)).toThrow(/data\[0\]\.data\[1\] is not \[p_neg, p_pos\]/);
  });
});

describe('the /pooling client', () => {
  it('posts the inputs to the server root and reads p_positive per step', async () => {
    const f = fixture('vllm-pooling');
    const asked: { url: string; body: unknown }[] = [];
    const t = transport({
      baseUrl: 'http://127.0.0.1:8001/v1',
      fetch: async (url, init) => {
        asked.push({ url: String(url), body: JSON.parse(String(init!.body)) });
        return new Response(JSON.stringify(f.body));
      },
    });
    const caps = {
      models: [],
      completions: true,
      n: false,
      logprobs: false,
      promptLogprobs: false,
      tokenize: true,
      pooling: true,
    };
    const inputs = ['<|im_start|>…Step 1<extra_0>Step 2<extra_0>Step 3<extra_0>', 'no steps'];
    const m = {
      transport: t,
      model: 'Qwen/Qwen2.5-Math-PRM-7B',
      caps,
      limit: limiter(1),
      useN: false,
    };
    expect(await poolingStepScores(m, inputs)).toEqual(f.expect);
    expect(asked).toEqual([
      {
        url: 'http://127.0.0.1:8001/pooling',
        body: { model: 'Qwen/Qwen2.5-Math-PRM-7B', input: inputs },
      },
    ]);
    await expect(
      poolingStepScores({ ...m, caps: { ...caps, pooling: false } }, inputs),
    ).rejects.toThrow(/does not answer \/pooling/);
  });
});

describe('bodies that break the protocol', () => {
  const f = fixture('vllm-completions');
  const variant = (edit: (b: { choices: Record<string, unknown>[] }) => void) => {
    const b = structuredClone(f.body) as { choices: Record<string, unknown>[] };
    edit(b);
    return () => readCompletion(b, f.ask);
  };
  it.each([
    [
      'the wrong number of choices',
      (b: { choices: unknown[] }) => b.choices.pop(),
      /3 choices where 2 prompt\(s\) × n = 2 asked for 4/,
    ],
    [
      'a repeated index',
      (b: { choices: Record<string, unknown>[] }) => (b.choices[2]!.index = 1),
      /repeated index/,
    ],
    [
      'a missing log-prob',
      (b: { choices: Record<string, unknown>[] }) =>
        ((b.choices[0]!.logprobs as { token_logprobs: unknown[] }).token_logprobs[2] = null),
      /missing or NaN log-prob/,
    ],
    [
      'fewer log-probs than tokens',
      (b: { choices: Record<string, unknown>[] }) =>
        (b.choices[0]!.logprobs as { token_logprobs: unknown[] }).token_logprobs.pop(),
      /5 log-probs for 6 tokens/,
    ],
    [
      'no log-probs when asked',
      (b: { choices: Record<string, unknown>[] }) => (b.choices[2]!.logprobs = null),
      /no log-probs/,
    ],
    [
      'text that is not a string',
      (b: { choices: Record<string, unknown>[] }) => (b.choices[0]!.text = 7),
      /not a string/,
    ],
    [
      'an unknown finish reason',
      (b: { choices: Record<string, unknown>[] }) => (b.choices[0]!.finish_reason = 'abort'),
      /finish_reason "abort"/,
    ],
  ] as const)('refuses %s', (_what, edit, message) => {
    const read = variant(edit as (b: { choices: Record<string, unknown>[] }) => void);
    expect(read).toThrow(RemoteError);
    expect(read).toThrow(message);
  });
});

describe('error bodies become the message', () => {
  const cases = (
    fixture('vllm-error').cases as { status: number; body: unknown; message: string }[]
  ).concat([
    fixture('sglang-completions').error as { status: number; body: unknown; message: string },
  ]);
  it.each(cases.map((c) => [c.status, c] as const))('%i', async (_s, c) => {
    let calls = 0;
    const t = transport({
      baseUrl: 'http://127.0.0.1:1/v1',
      fetch: async () => {
        calls++;
        return new Response(JSON.stringify(c.body), { status: c.status });
      },
    });
    const err = await t.get('/models').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteError);
    expect((err as RemoteError).status).toBe(c.status);
    expect((err as Error).message).toContain(c.message);
    // Client errors are not retried.
    expect(calls).toBe(1);
  });
});
