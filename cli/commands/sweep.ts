import { renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-web';
import { validatePool, PoolError } from '../../src/core/pool';
import { getTask } from '../../src/core/tasks';
import { STEPS_USAGE, taskWithSteps } from '../steps';
import {
  FINAL_SELECTIONS,
  isTreeStrategy,
  type FinalSelection,
  type TreeStrategyId,
} from '../../src/core/search';
import { oracleScorer } from '../../src/core/search/scorers';
import type { Task } from '../../src/core/tasks/task';
import type { ModelRef, Pool } from '../../src/core/types';
import { searchSweep } from '../../src/runtime/searchSweep';
import { decoderStepPolicy } from '../../src/runtime/stepPolicy';
import { modelStepScorer } from '../../src/runtime/ruleVerifier';
import {
  inProcessPolicy,
  resumeMismatch,
  sweep,
  type LoadedModel,
  type PoolPolicy,
  type PoolVerifier,
  type SweepOptions,
} from '../../src/runtime/sweep';
import { remoteStepPolicy } from '../../src/runtime/remote/remotePolicy';
import {
  remotePoolPolicy,
  remotePoolVerifier,
  remoteRef,
} from '../../src/runtime/remote/remotePool';
import { remoteGenerativeVerifier } from '../../src/runtime/remote/remoteVerifier';
import { remoteRuleModel } from '../../src/runtime/remote/remoteReader';
import { rulePoolVerifier, ruleStepScorer } from '../../src/runtime/ruleVerifier';
import type { StepScorer } from '../../src/core/search/types';
import { remoteChat, type RemoteModel } from '../../src/runtime/remote/remoteModel';
import { RemoteError } from '../../src/runtime/remote/transport';
import { connect, limiter, REMOTE_USAGE } from '../remote';
import {
  poolVerifiers as verifiersOf,
  ruleArg,
  ruleSearchVerifier,
  RULES_USAGE,
  verifierArgs,
} from '../verifiers';
import { existsSync, readFileSync } from 'node:fs';
import { parsePool } from '../../src/core/pool';
import { intArg, listArg, noisyArg, UsageError } from '../args';
import { loadModel } from '../models';
import { HubError } from '../../src/runtime/hub/fetchFile';
import { loadHubModel } from '../../src/runtime/hub/loadHub';
import { DTYPE_SUFFIX, isHubDtype } from '../../src/runtime/hub/resolve';

export const sweepUsage = `ttc sweep --out POOL.json [options]

  --task arith               task (default arith)
  ${STEPS_USAGE}
  --levels 1-5               levels: a range or a list (default 1-5)
  --problems N               problems (default 20)
  --policy ID                policy model in public/models/ or a folder (default arith-policy);
                             with --hub, a hub model id (org/name)
  --hub URL                  load --policy from a Hugging Face hub (or mirror) at URL, the way
                             transformers.js does: https://huggingface.co, or a local stand-in
  --dtype D                  hub model file: fp32, fp16, q8, q4, q4f16 (default: the model's own)
  --revision R               hub branch, tag or commit (default main)
  --system TEXT              system message for a chat model (default: the task's for the
                             model's family, e.g. Qwen on math; "" for none)
  --thinking on|off          Qwen3's enable_thinking (default: the template's default)
  --threads N                WASM threads (default: 2 for a hub model, 1 for the built-ins)
  --verifier V[,V…]          verifiers to score every sample with (default none): a built-in
                             generative verifier by id, or a model read by a rule:
                             hub:org/name:RULE (from --hub) or ID:RULE (${RULES_USAGE})
  --n N                      samples per problem (default 16)
  --temperature T[,T…]       sampling temperature (default 1); several: sample i at the
                             (i mod count)-th, as the page mixes them
  --top-p P --top-k K        truncation (default off)
  --max-tokens M             per sample (default: the task's, arith 128)
  --seed S                   seed for problems and samples (default 0)

  Tree search instead of a pool (writes ttc-search-results, docs/formats.md):
  --strategy S[,S…]          beam, dvts, particle-filter, mcts, best-first
  --n N[,N…]                 budgets (beams, subtrees × width, particles, rollouts, expansions)
  --search-verifier V        a verifier model id, hub:org/name:RULE, ID:RULE, oracle, or
                             noisy-oracle:FP,FN[,NOISE]
  --width M                  candidates per step (default 4)
  --max-steps K              step limit (default 40)
  --lookahead K              beam and DVTS lookahead steps (default 0)
  --select S                 answer from the completed set: best (default), weighted, majority
  --filter-duplicates        beam search drops duplicate beams (search-and-learn's option)
  --sort-completed           beam search keeps the N best completed beams, not the first N
  --first-wave               the pre-reference variants: shrinking beams, pruning at the step
                             limit, one DVTS leaf per subtree, particles weighed softmax(score/τ)
                             with finished ones leaving the population
  --tau T                    the first wave's particle-filter softmax temperature (default 0.1)
  --c C                      MCTS exploration constant (default 1)
  --seeds R                  runs per budget, averaged (default 1)
  --traces                   include every run's search trace

  ${REMOTE_USAGE}

  Every pool also holds the policy's verifier-free scores: min and mean token log-prob and
  self-certainty. Runs on onnxruntime-web's WASM backend, as the browser does.`;

function selectArg(raw: string | undefined): FinalSelection {
  if (raw === undefined) return 'best';
  if (!(FINAL_SELECTIONS as readonly string[]).includes(raw))
    throw new UsageError(`--select ${raw}: one of ${FINAL_SELECTIONS.join(', ')}`);
  return raw as FinalSelection;
}

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
    options: {
      traces: { type: 'boolean' as const },
      'filter-duplicates': { type: 'boolean' as const },
      'sort-completed': { type: 'boolean' as const },
      'first-wave': { type: 'boolean' as const },
      resume: { type: 'boolean' as const },
      'use-n': { type: 'boolean' as const },
      ...Object.fromEntries(
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
          'strategy',
          'search-verifier',
          'width',
          'max-steps',
          'lookahead',
          'tau',
          'select',
          'c',
          'seeds',
          'hub',
          'dtype',
          'revision',
          'system',
          'thinking',
          'threads',
          'steps',
          'engine',
          'base-url',
          'model',
          'verifier-url',
          'verifier-model',
          'verifier-eos',
          'api-key-env',
          'concurrency',
          'chat',
          'verifier-rule',
        ].map((k) => [k, { type: 'string' as const }]),
      ),
    },
    strict: true,
  });
  return sweepWith(values as Values);
}

type Values = Record<string, string | undefined> & {
  traces?: boolean;
  'filter-duplicates'?: boolean;
  'sort-completed'?: boolean;
  'first-wave'?: boolean;
  resume?: boolean;
  'use-n'?: boolean;
};

/** The remote policy and verifier, when `--engine openai`. */
interface Remote {
  policy: RemoteModel;
  verifier: { model: RemoteModel; pool: PoolVerifier; step: StepScorer } | null;
}

async function remoteOf(values: Values, task: Task): Promise<Remote | null> {
  if (values.engine === undefined) {
    for (const k of [
      'base-url',
      'model',
      'verifier-url',
      'verifier-model',
      'api-key-env',
      'concurrency',
    ])
      if (values[k] !== undefined) throw new UsageError(`--${k} needs --engine openai`);
    return null;
  }
  if (values.engine !== 'openai')
    throw new UsageError(`--engine must be openai, got "${values.engine}"`);
  if (values.hub || values.policy || values.verifier)
    throw new UsageError('--engine openai names its models with --model and --verifier-model');
  // Problems in flight × samples each: the sweep's requests in flight, bounded per server.
  const concurrency = intArg('concurrency', values.concurrency, 8, 1);
  const limit = limiter(concurrency * 16);
  const useN = !!values['use-n'];
  const apiKeyEnv = values['api-key-env'];
  const policy = await connect(values['base-url'], values.model, {
    apiKeyEnv,
    limit,
    useN,
    what: 'policy',
  });
  // Free-text tasks prompt an instruction model in its chat template (the server renders it), as
  // the page does with hub models; arith's format is the built-ins' own.
  const chat = values.chat ?? (task.id === 'arith' ? 'off' : 'on');
  if (chat !== 'on' && chat !== 'off') throw new UsageError('--chat must be on or off');
  if (values.thinking !== undefined && values.thinking !== 'on' && values.thinking !== 'off')
    throw new UsageError('--thinking must be on or off');
  if (chat === 'on')
    policy.chat = remoteChat(
      values.system ?? task.systemPrompt?.(policy.model) ?? '',
      values.thinking === undefined ? undefined : values.thinking === 'on',
    );
  if (!values['verifier-url'] && values['verifier-model'] === undefined)
    return { policy, verifier: null };
  const vm = await connect(values['verifier-url'] ?? values['base-url'], values['verifier-model'], {
    apiKeyEnv,
    limit: values['verifier-url'] ? limiter(concurrency * 16) : limit,
    useN: false,
    what: 'verifier',
  });
  try {
    if (values['verifier-rule'] !== undefined) {
      // A model read by a rule: the server's tokenizer and template, exact candidate log-probs.
      const spec = ruleArg(values['verifier-rule']);
      if (chat === 'on') vm.chat = remoteChat('');
      const read = remoteRuleModel(vm);
      const ref = remoteRef(vm, 'verifier');
      return {
        policy,
        verifier: {
          model: vm,
          pool: rulePoolVerifier(ref, read, spec),
          step: ruleStepScorer(vm.model, read, spec),
        },
      };
    }
    const rule = remoteGenerativeVerifier(vm, task, { eosText: values['verifier-eos'] ?? null });
    return {
      policy,
      verifier: { model: vm, pool: remotePoolVerifier(vm, rule), step: rule.stepScorer(task) },
    };
  } catch (e) {
    if (e instanceof RemoteError) throw new UsageError(`verifier: ${e.message}`);
    throw e;
  }
}

async function sweepWith(values: Values) {
  if (!values.out) throw new UsageError('--out is required');
  const task = taskWithSteps(getTask(values.task ?? 'arith').id, values.steps);
  if (task.id !== 'arith' && !values.hub && !values.engine)
    throw new UsageError(
      `only the arith task has built-in models: give --hub URL and a --policy for ${task.id}`,
    );
  const temperatures = listArg('temperature', values.temperature) ?? [1];
  const temperature = temperatures[0]!;
  const topP = listArg('top-p', values['top-p'])?.[0] ?? 1;
  if (temperatures.some((t) => t < 0) || topP <= 0 || topP > 1)
    throw new UsageError('--temperature must be ≥ 0 and --top-p in (0, 1]');
  if (temperatures.length > 1 && values.strategy)
    throw new UsageError('tree search samples at one --temperature');
  // Threads change no number (MLAS splits rows, not sums: checked bit for bit on the 103M bench
  // model) but do not pay on our 0.8M models; a hub model, the only one busy, uses up to two cores.
  ort.env.wasm.numThreads = values.threads
    ? intArg('threads', values.threads, 1, 1)
    : values.hub
      ? Math.min(2, availableParallelism())
      : 1;
  const started = performance.now();
  const verifierPlan = verifierArgs(values.verifier, !!values.hub);
  const remote = await remoteOf(values, task);
  const policy = remote
    ? null
    : values.hub
      ? await hubPolicy(values, task)
      : await loadModel(values.policy ?? 'arith-policy');
  const verifiers = await verifiersOf(verifierPlan, values.hub);
  const problems = intArg('problems', values.problems, 20, 1);
  if (values.strategy) {
    await searchCommand(
      values,
      task,
      policy ?? remote!,
      levelsArg(values.levels),
      problems,
      temperature,
      topP,
    );
    return;
  }
  const poolPolicy: PoolPolicy = policy
    ? inProcessPolicy(policy)
    : remotePoolPolicy(remote!.policy);
  const poolVerifiers: PoolVerifier[] = remote
    ? remote.verifier
      ? [remote.verifier.pool]
      : []
    : verifiers;
  const write = (pool: Pool) => {
    const tmp = `${values.out}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify(pool));
    renameSync(tmp, values.out!);
  };
  const options: SweepOptions = {
    task,
    seed: intArg('seed', values.seed, 0),
    levels: levelsArg(values.levels),
    problems,
    n: intArg('n', values.n, 16, 1),
    temperature,
    temperatures,
    topP,
    topK: intArg('top-k', values['top-k'], 0),
    maxTokens: intArg('max-tokens', values['max-tokens'], task.maxTokens, 1),
    concurrency: remote ? intArg('concurrency', values.concurrency, 8, 1) : 1,
    onProblem: (done, total) => process.stderr.write(`\r${done}/${total} problems`),
    // Kept problem by problem: a sweep that dies keeps what arrived, for --resume.
    onPool: write,
  };
  if (values.resume) {
    if (!existsSync(values.out)) throw new UsageError(`--resume: there is no ${values.out} yet`);
    const old = parsePool(readFileSync(values.out, 'utf8'));
    const why = resumeMismatch(old, poolPolicy, options);
    if (why) throw new UsageError(`--resume: ${values.out} is another sweep (${why})`);
    options.resume = old;
  }
  let pool: Pool;
  try {
    pool = await sweep(poolPolicy, poolVerifiers, options);
  } catch (e) {
    if (e instanceof RemoteError) {
      process.stderr.write('\n');
      throw new Error(
        `${e.message}\nthe problems that arrived are kept in ${values.out}: rerun with --resume to draw only the rest`,
      );
    }
    throw e;
  }
  process.stderr.write('\n');
  const checked = validatePool(pool);
  if (!checked.ok) throw new PoolError(checked.errors);
  write(pool);
  const samples = pool.problems.reduce((s, e) => s + e.samples.length, 0);
  const tokens = pool.problems.reduce((s, e) => s + e.cost.generatedTokens, 0);
  const secs = (performance.now() - started) / 1000;
  console.log(
    `sampled ${problems} problems × ${samples / problems} = ${samples} samples (${tokens} tokens, ${(tokens / secs).toFixed(0)} tok/s overall) in ${secs.toFixed(1)} s → ${values.out}`,
  );
}

async function hubPolicy(
  values: Record<string, string | undefined>,
  task: Task,
): Promise<LoadedModel> {
  if (!values.policy) throw new UsageError('--hub needs --policy org/name');
  const dtype = values.dtype;
  if (dtype !== undefined && !isHubDtype(dtype))
    throw new UsageError(
      `--dtype must be one of ${Object.keys(DTYPE_SUFFIX).join(', ')}, got "${dtype}"`,
    );
  const thinking = values.thinking;
  if (thinking !== undefined && thinking !== 'on' && thinking !== 'off')
    throw new UsageError('--thinking must be on or off');
  // The page's default too: the task's system message for the model's family (Qwen on math).
  const system = values.system ?? task.systemPrompt?.(values.policy) ?? '';
  let last = -1;
  try {
    return await loadHubModel({
      host: values.hub!,
      model: values.policy,
      ...(values.revision ? { revision: values.revision } : {}),
      ...(dtype ? { dtype } : {}),
      chat: {
        system,
        ...(thinking ? { enableThinking: thinking === 'on' } : {}),
      },
      onProgress: (received, total) => {
        const pct = total ? Math.floor((100 * received) / total) : -1;
        if (pct !== last)
          process.stderr.write(
            `\rloading ${values.policy}: ${total ? `${pct}%` : `${received} bytes`}`,
          );
        last = pct;
      },
    });
  } catch (e) {
    if (e instanceof HubError) throw new UsageError(e.message);
    throw e;
  } finally {
    if (last >= 0) process.stderr.write('\n');
  }
}

async function searchCommand(
  values: Values,
  task: Task,
  policy: LoadedModel | Remote,
  levels: number[],
  problems: number,
  temperature: number,
  topP: number,
): Promise<void> {
  const started = performance.now();
  const strategies = values.strategy!.split(',').map((s) => s.trim());
  const bad = strategies.find((s) => !isTreeStrategy(s));
  if (bad) throw new UsageError(`--strategy: unknown tree strategy "${bad}"`);
  const budgets = listArg('n', values.n) ?? [1, 2, 4, 8, 16];
  if (budgets.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError('--n must list positive integers');
  const seed = intArg('seed', values.seed, 0);
  const v = values['search-verifier'] ?? 'oracle';
  const remote = 'policy' in policy ? policy : null;
  const local = 'policy' in policy ? null : policy;
  const models: ModelRef[] = [
    remote
      ? remoteRef(remote.policy, 'policy')
      : {
          role: 'policy',
          id: local!.id,
          hash: local!.hash,
          ...(local!.source ? { source: local!.source } : {}),
        },
  ];
  let scorer;
  const ruled = remote ? null : await ruleSearchVerifier(v, values.hub);
  if (ruled) {
    models.push(ruled.ref);
    scorer = ruled.scorer;
  } else if (v === 'oracle') scorer = oracleScorer(task);
  else if (v.startsWith('noisy-oracle:')) scorer = oracleScorer(task, noisyArg(v.slice(13), seed));
  else if (remote) {
    if (v !== 'remote' || !remote.verifier)
      throw new UsageError(
        '--engine openai searches with --search-verifier oracle, noisy-oracle:…, or remote (the --verifier-url model)',
      );
    models.push(remoteRef(remote.verifier.model, 'verifier'));
    scorer = remote.verifier.step;
  } else {
    const model = await loadModel(v);
    models.push({ role: 'verifier', id: model.id, hash: model.hash });
    scorer = modelStepScorer(model, task);
  }
  const maxTokens = intArg('max-tokens', values['max-tokens'], task.maxTokens, 1);
  const stepOptions = {
    topP,
    topK: intArg('top-k', values['top-k'], 0),
    maxStepTokens: maxTokens,
    maxTokens,
  };
  const stepPolicy = remote
    ? remoteStepPolicy(remote.policy, task, stepOptions)
    : decoderStepPolicy(local!.decoder, task, local!.codec, stepOptions);
  const results = await searchSweep(stepPolicy, scorer, {
    task,
    seed,
    levels,
    problems,
    strategies: strategies as TreeStrategyId[],
    budgets,
    seeds: intArg('seeds', values.seeds, 1, 1),
    settings: {
      m: intArg('width', values.width, 4, 1),
      maxSteps: intArg('max-steps', values['max-steps'], 40, 1),
      temperature,
      lookahead: intArg('lookahead', values.lookahead, 0),
      select: selectArg(values.select),
      filterDuplicates: !!values['filter-duplicates'],
      sortCompleted: !!values['sort-completed'],
      firstWave: !!values['first-wave'],
      tau: listArg('tau', values.tau)?.[0] ?? 0.1,
      c: listArg('c', values.c)?.[0] ?? 1,
    },
    traces: !!values.traces,
    models,
    onRun: (done, total) => process.stderr.write(`\r${done}/${total} runs`),
  });
  process.stderr.write('\n');
  const tmp = `${values.out}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(results));
  renameSync(tmp, values.out!);
  const secs = (performance.now() - started) / 1000;
  console.log(`searched ${results.runs.length} runs in ${secs.toFixed(1)} s → ${values.out}`);
  for (const [s, points] of Object.entries(results.curves)) {
    for (const p of points) {
      console.log(
        `${s.padEnd(16)} N=${String(p.n).padEnd(4)} accuracy ${(100 * p.accuracy).toFixed(1)}% [${(100 * p.lo).toFixed(1)}, ${(100 * p.hi).toFixed(1)}]  generated ${p.generatedTokens.toFixed(0)} tok  prompt ${p.promptTokens.toFixed(0)}  verifier ${p.verifierTokens.toFixed(0)}`,
      );
    }
  }
}
