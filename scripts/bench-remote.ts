/**
 * `npm run bench`, remote part: the same pool drawn in process and through `ttc serve` (another
 * process on this machine, as a deployment would run it), side by side, best of two each. Target:
 * the protocol keeps ≥ 80% of the in-process tokens/s with concurrency ≥ 8. Then cancellation: a
 * batch of 16 choices cancelled mid-decode, and how many decode steps the server ran after the
 * client hung up (target: at most one). Prints JSON.
 */
import { spawn } from 'node:child_process';
import * as ort from 'onnxruntime-web';
import { loadModel } from '../cli/models';
import { startServe } from '../cli/serve/server';
import { loadServedModel } from '../cli/serve/servedModel';
import { getTask } from '../src/core/tasks';
import '../src/core/tasks/grading';
import type { Pool } from '../src/core/types';
import { probe } from '../src/runtime/remote/capabilities';
import { limiter } from '../src/runtime/remote/limiter';
import { remotePoolPolicy } from '../src/runtime/remote/remotePool';
import { RemoteError, transport } from '../src/runtime/remote/transport';
import { inProcessPolicy, sweep, type SweepOptions } from '../src/runtime/sweep';

ort.env.wasm.numThreads = 1;
const task = getTask('arith');
const CONCURRENCY = 8;
const options: SweepOptions = {
  task,
  seed: 3,
  levels: [1, 2, 3, 4, 5],
  problems: Number(process.env.BENCH_PROBLEMS ?? 24),
  n: 16,
  temperature: 1,
  topP: 1,
  topK: 0,
  maxTokens: task.maxTokens,
  concurrency: CONCURRENCY,
};
const tokens = (p: Pool) => p.problems.reduce((s, e) => s + e.cost.generatedTokens, 0);

const server = spawn(
  process.execPath,
  ['--import', 'tsx', 'cli/ttc.ts', 'serve', '--port', '0', '--models', 'arith-policy'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const base = await new Promise<string>((resolve) => {
  let out = '';
  server.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const m = /at (http:\/\/\S+\/v1)/.exec(out);
    if (m) resolve(m[1]!);
  });
});
const t = transport({ baseUrl: base });
const far = {
  transport: t,
  model: 'arith-policy',
  caps: await probe(t),
  limit: limiter(CONCURRENCY * 16),
  useN: false,
};
const local = inProcessPolicy(await loadModel('arith-policy'));

async function timed(policy: Parameters<typeof sweep>[0]) {
  const started = performance.now();
  const pool = await sweep(policy, [], options);
  return { tokensPerSecond: tokens(pool) / ((performance.now() - started) / 1000), pool };
}
const runs = { inProcess: [] as number[], remote: [] as number[] };
let same = true;
for (let r = 0; r < 2; r++) {
  const a = await timed(local);
  const b = await timed(remotePoolPolicy(far));
  runs.inProcess.push(a.tokensPerSecond);
  runs.remote.push(b.tokensPerSecond);
  same &&=
    JSON.stringify(a.pool.problems.map((e) => e.samples.map((s) => s.text))) ===
    JSON.stringify(b.pool.problems.map((e) => e.samples.map((s) => s.text)));
}
server.kill('SIGTERM');

// Cancellation, on an in-process server whose decode steps are counted.
let steps = 0;
let stepsAtCancel = -1;
const ctl = new AbortController();
const cancelServer = await startServe({
  models: [await loadServedModel('arith-policy')],
  port: 0,
  host: '127.0.0.1',
  allowedOrigins: ['*'],
  hooks: {
    onDecodeStep: (step) => {
      steps = step;
      if (step === 5) {
        stepsAtCancel = step;
        ctl.abort();
      }
    },
  },
});
const ct = transport({ baseUrl: `${cancelServer.url}/v1` });
const cancelled = await ct
  .post(
    '/completions',
    {
      model: 'arith-policy',
      prompt: task.prompt(task.generate(1, 5)),
      n: 16,
      seed: 1,
      max_tokens: 128,
    },
    { signal: ctl.signal },
  )
  .then(
    () => false,
    (e: unknown) => e instanceof RemoteError && e.kind === 'cancelled',
  );
// Let the server finish noticing: one more request shows its loop is free.
await ct.post('/completions', {
  model: 'arith-policy',
  prompt: 'Q: 1+1\n',
  max_tokens: 1,
  seed: 1,
});
const stepsAfterCancel = steps - 1 - stepsAtCancel; // the last step counted is the next request's
await cancelServer.close();

const best = (xs: number[]) => Math.max(...xs);
console.log(
  JSON.stringify(
    {
      remote: {
        problems: options.problems,
        n: options.n,
        concurrency: CONCURRENCY,
        inProcessTokensPerSecond: runs.inProcess.map(Math.round),
        remoteTokensPerSecond: runs.remote.map(Math.round),
        ratio: +(best(runs.remote) / best(runs.inProcess)).toFixed(3),
        target: 0.8,
        samePool: same,
        cancel: { cancelled, stepsAfterCancel, target: 1 },
      },
    },
    null,
    2,
  ),
);
