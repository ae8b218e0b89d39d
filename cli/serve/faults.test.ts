/**
 * The remote path under faults, against a real `ttc serve` with hooks (nothing waits on the clock:
 * the client's backoff sleeps are recorded, not slept, and each fault is decided by request count).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../src/core/tasks';
import '../../src/core/tasks/grading';
import type { Pool } from '../../src/core/types';
import { probe } from '../../src/runtime/remote/capabilities';
import { limiter } from '../../src/runtime/remote/limiter';
import type { RemoteModel } from '../../src/runtime/remote/remoteModel';
import { remotePoolPolicy } from '../../src/runtime/remote/remotePool';
import { RemoteError, transport, type TransportOptions } from '../../src/runtime/remote/transport';
import { inProcessPolicy, sweep, type SweepOptions } from '../../src/runtime/sweep';
import { loadModel } from '../models';
import { startServe, type RunningServer, type ServeHooks } from './server';
import { loadServedModel, type ServedModel } from './servedModel';
import { errorBody } from './protocol';

const task = getTask('arith');
let served: ServedModel;
let server: RunningServer | null = null;

beforeAll(async () => {
  served = await loadServedModel('arith-policy');
});
afterEach(async () => {
  await server?.close();
  server = null;
});

const serve = async (hooks: ServeHooks, port = 0) =>
  (server = await startServe({
    models: [served],
    port,
    host: '127.0.0.1',
    allowedOrigins: ['*'],
    hooks,
  }));

/** A transport whose sleeps are recorded (and skipped), with jitter fixed at its top. */
function recorded(url: string, o: Partial<TransportOptions> = {}) {
  const sleeps: number[] = [];
  const t = transport({
    baseUrl: `${url}/v1`,
    backoffMs: 100,
    retries: 3,
    random: () => 1,
    sleep: async (ms) => void sleeps.push(ms),
    ...o,
  });
  return { t, sleeps };
}

const ask = { model: 'arith-policy', prompt: 'Q: 1+2\n', max_tokens: 8, seed: 1, temperature: 0 };
const onlyCompletions = (f: (n: number) => ReturnType<NonNullable<ServeHooks['respond']>>) => {
  let n = 0;
  return (path: string) => (path === '/v1/completions' ? f(++n) : null);
};

describe('retries', () => {
  it('429 then success: one backoff, then the answer', async () => {
    const s = await serve({
      respond: onlyCompletions((n) =>
        n === 1 ? { status: 429, body: errorBody('slow down', 429) } : null,
      ),
    });
    const { t, sleeps } = recorded(s.url);
    const body = (await t.post('/completions', ask)) as { choices: unknown[] };
    expect(body.choices).toHaveLength(1);
    expect(sleeps).toEqual([100]);
  });

  it('honours Retry-After', async () => {
    const s = await serve({
      respond: onlyCompletions((n) =>
        n === 1
          ? { status: 503, body: errorBody('busy', 503), headers: { 'retry-after': '7' } }
          : null,
      ),
    });
    const { t, sleeps } = recorded(s.url);
    await t.post('/completions', ask);
    expect(sleeps).toEqual([7000]);
  });

  it('500 on every call: gives up after the bound with the server’s message', async () => {
    let calls = 0;
    const s = await serve({
      respond: onlyCompletions(
        () => (calls++, { status: 500, body: errorBody('CUDA out of memory', 500) }),
      ),
    });
    const { t, sleeps } = recorded(s.url);
    const err = (await t.post('/completions', ask).catch((e: unknown) => e)) as RemoteError;
    expect(err).toBeInstanceOf(RemoteError);
    expect(err.message).toMatch(/answered 500: CUDA out of memory \(gave up after 4 tries\)/);
    expect(calls).toBe(4);
    // Exponential: base · 2^k (jitter at its top).
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('stops retrying when the time budget would run out', async () => {
    let clock = 0;
    const s = await serve({
      respond: onlyCompletions(() => ({ status: 502, body: errorBody('bad gateway', 502) })),
    });
    const { t, sleeps } = recorded(s.url, {
      retries: 10,
      retryBudgetMs: 250,
      now: () => clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
    });
    await expect(t.post('/completions', ask)).rejects.toThrow(/gave up after 2 tries/);
    expect(sleeps).toEqual([100]);
  });

  it('a connection dropped mid-body is retried', async () => {
    const s = await serve({ respond: onlyCompletions((n) => (n === 1 ? 'drop-mid-body' : null)) });
    const { t, sleeps } = recorded(s.url);
    const body = (await t.post('/completions', ask)) as { choices: unknown[] };
    expect(body.choices).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it('malformed JSON and oversized bodies are refused, not retried', async () => {
    const s = await serve({
      respond: onlyCompletions((n) => (n === 1 ? { status: 200, body: 'x'.repeat(5000) } : null)),
    });
    const { t } = recorded(s.url, { maxBodyBytes: 1000 });
    await expect(t.post('/completions', ask)).rejects.toThrow(/over the 1000-byte bound/);
    const r = await fetch(`${s.url}/v1/completions`, { method: 'POST', body: '{"prompt": ' });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(
      /not valid JSON/,
    );
  });

  it('an unreachable server is named in the message', async () => {
    const { t } = recorded('http://127.0.0.1:9', { retries: 1 });
    await expect(t.get('/models')).rejects.toThrow(
      /could not reach http:\/\/127\.0\.0\.1:9\/v1\/models \(gave up after 2 tries\)/,
    );
  });
});

describe('cancellation', () => {
  it('aborts the request in flight, and the server’s batch stops at the next decode step', async () => {
    const ctl = new AbortController();
    const steps: number[] = [];
    let finished = 0;
    const s = await serve({
      onJobDone: () => finished++,
      onDecodeStep: (step, batch) => {
        steps.push(step);
        if (step !== 2) return;
        ctl.abort();
        // Let the server see the hang-up before the step goes on.
        return new Promise<void>((r) => batch.addEventListener('abort', () => r(), { once: true }));
      },
    });
    const { t } = recorded(s.url);
    const err = (await t
      .post(
        '/completions',
        { ...ask, max_tokens: 100, temperature: 1, n: 4 },
        { signal: ctl.signal },
      )
      .catch((e: unknown) => e)) as RemoteError;
    expect(err.kind).toBe('cancelled');
    // The next request is served: the engine is not stuck.
    await t.post('/completions', ask);
    expect(finished).toBe(1);
    // Step 2 was the last of the cancelled batch; the later steps belong to the next request.
    expect(steps.slice(0, 2)).toEqual([1, 2]);
    expect(steps.length).toBeLessThanOrEqual(2 + ask.max_tokens);
  });
});

describe('a server killed mid-sweep', () => {
  it('keeps the problems that arrived; --resume draws only the missing samples, none twice', async () => {
    const options: SweepOptions = {
      task,
      seed: 4,
      levels: [1, 2],
      problems: 6,
      n: 4,
      temperature: 1,
      topP: 1,
      topK: 0,
      maxTokens: task.maxTokens,
      concurrency: 1,
    };
    const local = await sweep(inProcessPolicy(await loadModel('arith-policy')), [], options);
    // Jobs (one prompt's choices each) counted from the sweep's first; the probe's come before.
    let jobs = 0;
    let armed = Infinity;
    let s = await serve({ onJobDone: () => void (++jobs === armed + 10 && server?.kill()) });
    const port = Number(new URL(s.url).port);
    const remote = async (): Promise<RemoteModel> => {
      const { t } = recorded(s.url, { retries: 0 });
      return {
        transport: t,
        model: 'arith-policy',
        caps: await probe(t),
        limit: limiter(8),
        useN: false,
      };
    };
    let kept: Pool | null = null;
    const m = await remote();
    armed = jobs;
    await expect(
      sweep(remotePoolPolicy(m), [], { ...options, onPool: (p) => (kept = p) }),
    ).rejects.toThrow(RemoteError);
    // Ten samples arrived: two whole problems (4 each) were kept; the third was not.
    expect(kept!.problems.map((e) => e.samples.length)).toEqual([4, 4]);
    // Restarted, the sweep resumes from the partial pool.
    s = await serve({}, port);
    let requests = 0;
    const m2 = await remote();
    const counted: RemoteModel = {
      ...m2,
      limit: (task) => {
        requests++;
        return m2.limit(task);
      },
    };
    const pool = await sweep(remotePoolPolicy(counted), [], { ...options, resume: kept! });
    expect(requests).toBe((6 - 2) * 4);
    expect(pool.problems.map((e) => e.samples.map((x) => x.index))).toEqual(
      local.problems.map((e) => e.samples.map((x) => x.index)),
    );
    expect(pool.problems.flatMap((e) => e.samples.map((x) => [x.seed, x.text]))).toEqual(
      local.problems.flatMap((e) => e.samples.map((x) => [x.seed, x.text])),
    );
  });

  it('a resumed pool with fewer samples per problem draws only the new indices', async () => {
    const s = await serve({});
    const { t } = recorded(s.url);
    const m: RemoteModel = {
      transport: t,
      model: 'arith-policy',
      caps: await probe(t),
      limit: limiter(8),
      useN: false,
    };
    const base: SweepOptions = {
      task,
      seed: 2,
      levels: [1],
      problems: 2,
      n: 2,
      temperature: 1,
      topP: 1,
      topK: 0,
      maxTokens: task.maxTokens,
    };
    const small = await sweep(remotePoolPolicy(m), [], base);
    const big = await sweep(remotePoolPolicy(m), [], { ...base, n: 5, resume: small });
    const fresh = await sweep(remotePoolPolicy(m), [], { ...base, n: 5 });
    expect(big.problems).toEqual(
      fresh.problems.map((e, p) => ({ ...e, cost: big.problems[p]!.cost })),
    );
  });
});
