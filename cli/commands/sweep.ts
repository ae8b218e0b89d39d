import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { validatePool, PoolError } from '../../src/core/pool';
import { getTask } from '../../src/core/tasks';
import { decode, encode } from '../../src/core/tasks/arith/vocab';
import { sweep } from '../../src/runtime/sweep';
import { intArg, listArg, UsageError } from '../args';
import { loadModel } from '../models';

export const sweepUsage = `ttc sweep --out POOL.json [options]

  --task arith               task (default arith)
  --levels 1-5               levels: a range or a list (default 1-5)
  --problems N               problems (default 20)
  --policy ID                policy model in public/models/ or a folder (default arith-policy)
  --verifier ID[,ID…]        verifier models to score every sample with (default none)
  --n N                      samples per problem (default 16)
  --temperature T            sampling temperature (default 1)
  --top-p P --top-k K        truncation (default off)
  --max-tokens M             per sample (default 128)
  --seed S                   seed for problems and samples (default 0)

  Runs on onnxruntime-web's WASM backend, as the browser does.`;

function levelsArg(raw: string | undefined): number[] {
  if (raw === undefined) return [1, 2, 3, 4, 5];
  const m = /^(\d+)-(\d+)$/.exec(raw);
  const levels = m
    ? Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i)
    : listArg('levels', raw)!;
  if (levels.length === 0 || levels.some((l) => !Number.isInteger(l) || l < 1 || l > 5))
    throw new UsageError(`--levels must be within 1-5, got "${raw}"`);
  return levels;
}

export async function sweepCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(
      [
        'out',
        'task',
        'levels',
        'problems',
        'policy',
        'verifier',
        'n',
        'temperature',
        'top-p',
        'top-k',
        'max-tokens',
        'seed',
      ].map((k) => [k, { type: 'string' as const }]),
    ),
    strict: true,
  });
  if (!values.out) throw new UsageError('--out is required');
  const task = getTask(values.task ?? 'arith');
  if (task.id !== 'arith') throw new UsageError('only the arith task has built-in models');
  const temperature = listArg('temperature', values.temperature)?.[0] ?? 1;
  const topP = listArg('top-p', values['top-p'])?.[0] ?? 1;
  if (temperature < 0 || topP <= 0 || topP > 1)
    throw new UsageError('--temperature must be ≥ 0 and --top-p in (0, 1]');
  ort.env.wasm.numThreads = 1;
  const started = performance.now();
  const policy = await loadModel(values.policy ?? 'arith-policy');
  const verifiers = await Promise.all(
    (values.verifier ? values.verifier.split(',') : []).map((v) => loadModel(v.trim())),
  );
  const problems = intArg('problems', values.problems, 20, 1);
  const pool = await sweep(policy, verifiers, {
    task,
    encode,
    decode,
    seed: intArg('seed', values.seed, 0),
    levels: levelsArg(values.levels),
    problems,
    n: intArg('n', values.n, 16, 1),
    temperature,
    topP,
    topK: intArg('top-k', values['top-k'], 0),
    maxTokens: intArg('max-tokens', values['max-tokens'], 128, 1),
    backend: 'wasm',
    onProblem: (done, total) => process.stderr.write(`\r${done}/${total} problems`),
  });
  process.stderr.write('\n');
  const checked = validatePool(pool);
  if (!checked.ok) throw new PoolError(checked.errors);
  const tmp = `${values.out}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(pool));
  renameSync(tmp, values.out);
  const samples = pool.problems.reduce((s, e) => s + e.samples.length, 0);
  const tokens = pool.problems.reduce((s, e) => s + e.cost.generatedTokens, 0);
  const secs = (performance.now() - started) / 1000;
  console.log(
    `sampled ${problems} problems × ${samples / problems} = ${samples} samples (${tokens} tokens, ${(tokens / secs).toFixed(0)} tok/s overall) in ${secs.toFixed(1)} s → ${values.out}`,
  );
}
