/**
 * `ttc serve --hub` serves a hub model (the generated Qwen3-architecture test model, real tokenizer
 * and chat template, random weights): a math pool drawn through it with chat prompts — the server
 * renders the template (`/tokenize` with `messages`), the client sends token ids — equals the pool
 * the same model draws in process, sample for sample.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInHub, type StandInHub } from '../../scripts/hubStandIn';
import { getTask } from '../../src/core/tasks';
import '../../src/core/tasks/grading';
import { loadHubModel } from '../../src/runtime/hub/loadHub';
import { probe } from '../../src/runtime/remote/capabilities';
import { limiter } from '../../src/runtime/remote/limiter';
import { remoteChat, type RemoteModel } from '../../src/runtime/remote/remoteModel';
import { remotePoolPolicy } from '../../src/runtime/remote/remotePool';
import { transport } from '../../src/runtime/remote/transport';
import { inProcessPolicy, sweep, type SweepOptions } from '../../src/runtime/sweep';
import { hubTestModel } from '../../src/runtime/testing/hubTestModel';
import { startServe, type RunningServer } from './server';
import { loadServedHubModel } from './servedModel';

const tm = hubTestModel('plain', ['fp32', 'q4f16']);
const task = getTask('math');
let hub: StandInHub;
let server: RunningServer;

beforeAll(async () => {
  hub = await startStandInHub(tm.root);
  server = await startServe({
    models: [await loadServedHubModel(hub.url, tm.model, 'fp32')],
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: ['*'],
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await hub?.close();
});

/** The same model in process, prompted as the math task prompts it (Qwen's system message). */
async function inProcess() {
  const system = task.systemPrompt!(tm.model);
  const local = await loadHubModel({
    host: hub.url,
    model: tm.model,
    dtype: 'fp32',
    chat: { system },
  });
  return { system, local };
}

describe('a hub model on ttc serve', () => {
  it('renders the chat template on /tokenize, as transformers.js does', async () => {
    const { system, local } = await inProcess();
    const r = await fetch(`${server.url}/tokenize`, {
      method: 'POST',
      body: JSON.stringify({
        model: tm.model,
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: 'What is 2 + 3?' },
        ],
        add_generation_prompt: true,
      }),
    });
    expect(((await r.json()) as { tokens: number[] }).tokens).toEqual(
      local.codec.prompt('What is 2 + 3?'),
    );
    // continue_final_message: the assistant turn left open after its text.
    const c = await fetch(`${server.url}/tokenize`, {
      method: 'POST',
      body: JSON.stringify({
        model: tm.model,
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'Step 1' },
        ],
        continue_final_message: true,
        add_generation_prompt: false,
      }),
    });
    const tokens = ((await c.json()) as { tokens: number[] }).tokens;
    expect(local.codec.decode(tokens).endsWith('Step 1')).toBe(true);
  });

  it('draws the in-process math pool through the server with chat prompts', async () => {
    const { system, local } = await inProcess();
    const options: SweepOptions = {
      task,
      seed: 5,
      levels: [1, 2],
      problems: 2,
      n: 4,
      temperature: 1,
      topP: 1,
      topK: 20,
      maxTokens: 12,
      concurrency: 2,
    };
    const want = await sweep(inProcessPolicy(local), [], options);
    const t = transport({ baseUrl: `${server.url}/v1` });
    const m: RemoteModel = {
      transport: t,
      model: tm.model,
      caps: await probe(t),
      limit: limiter(16),
      useN: false,
      chat: remoteChat(system),
    };
    expect(m.caps.tokenize).toBe(true);
    const got = await sweep(remotePoolPolicy(m), [], options);
    const view = (p: typeof want) =>
      p.problems.flatMap((e) => e.samples.map((s) => [s.seed, s.text, s.tokens]));
    expect(view(got)).toEqual(view(want));
    got.problems.forEach((e, p) =>
      e.samples.forEach((s, i) =>
        expect(Math.abs(s.meanLogprob! - want.problems[p]!.samples[i]!.meanLogprob!)).toBeLessThan(
          1e-5,
        ),
      ),
    );
  });
});
