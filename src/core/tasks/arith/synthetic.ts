import { Rng } from '../../rng';
import { POOL_FORMAT_VERSION } from '../../pool/migrate';
import { arith } from '.';
import { makeProblemSet } from '../problemSet';
import type { Cost, Pool, PoolEntry, Problem, Sample } from '../../types';
import { ENGINE_VERSION } from '../../version';
import { MAX_VALUE } from './levels';
import { parseStep } from './parse';
import { applyOp } from './generate';

/**
 * A *simulated* policy for exercising the scorer at scale before (and apart from) real models: it
 * copies each reference step but slips with a per-step probability that grows with the level, then
 * carries its wrong value forward, so wrong answers are diverse yet repeat. Pools it makes say
 * `synthetic` in their provenance; they are for tests and benchmarks, never for figures.
 */
export interface SyntheticPoolOptions {
  seed: number;
  problems: number;
  samples: number;
  levels?: number[];
}

function slipProbability(level: number): number {
  return 0.04 + 0.05 * level;
}

function simulateCompletion(problem: Problem, rng: Rng): { text: string; slips: number } {
  const lines: string[] = [];
  let value: number | null = null;
  let slips = 0;
  for (const ref of problem.steps) {
    const parsed = parseStep(ref);
    if ('error' in parsed) throw new Error(`bad reference step ${ref}`);
    const left: number = value ?? parsed.left;
    let result = applyOp(left, parsed.op, parsed.right);
    if (rng.bernoulli(slipProbability(problem.level))) {
      slips++;
      const delta = 1 + rng.int(parsed.op === '*' ? 20 : 10);
      result = Math.min(
        MAX_VALUE,
        Math.max(0, rng.bernoulli(0.5) ? result + delta : result - delta),
      );
    }
    lines.push(`${left}${parsed.op}${parsed.right}=${result}`);
    value = result;
  }
  lines.push(`A: ${value ?? 0}`);
  return { text: lines.join('\n'), slips };
}

export function syntheticPool(opts: SyntheticPoolOptions): Pool {
  const levels = opts.levels ?? arith.levels.slice();
  const problems = makeProblemSet(arith, opts.seed, levels, opts.problems);
  const root = Rng.fromSeed(opts.seed, 'synthetic-policy');
  const entries: PoolEntry[] = problems.map((problem) => {
    const samples: Sample[] = [];
    let generated = 0;
    for (let i = 0; i < opts.samples; i++) {
      const rng = root.derive(problem.id, i);
      const { text, slips } = simulateCompletion(problem, rng);
      const grade = arith.grade(problem, text);
      const tokens = text.length + 1;
      generated += tokens;
      const meanLogprob = -Math.abs(0.05 + 0.12 * slips + 0.03 * rng.normal());
      samples.push({
        index: i,
        text,
        ...grade,
        tokens,
        meanLogprob,
        minLogprob: meanLogprob - Math.abs(0.5 + slips + 0.3 * rng.normal()),
        temperature: 1,
        seed: rng.nextU32(),
        scores: {},
      });
    }
    const prompt = arith.prompt(problem).length + 1;
    const cost: Cost = {
      promptTokens: prompt,
      generatedTokens: generated,
      verifierTokens: 0,
      forwardPasses: 0,
      elapsedMs: 0,
    };
    return { problem, samples, cost };
  });
  return {
    format: 'ttc-pool',
    version: POOL_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    task: { id: 'arith', levels, seed: opts.seed },
    models: [{ role: 'policy', id: 'synthetic', hash: 'synthetic' }],
    verifiers: [],
    sampling: { temperatures: [1], topP: 1, topK: 0, maxTokens: 128 },
    seed: opts.seed,
    backend: 'synthetic',
    createdAt: new Date(0).toISOString(),
    problems: entries,
  };
}
