import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { syntheticPool } from '../../src/core/tasks';
import { withNoisyOracle } from '../../src/core/verifiers/noisyOracle';
import { intArg, listArg, noisyArg, UsageError } from '../args';

export const synthUsage = `ttc synth --out POOL.json [--problems P] [--samples N] [--levels 1,2,3,4,5] [--seed S]
                        [--noisy-oracle FP,FN[,NOISE]]...

  Writes a pool from a *simulated* policy (provenance says "synthetic"): for tests and benchmarks of
  the scorer, never for figures.`;

export function synth(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      problems: { type: 'string' },
      samples: { type: 'string' },
      levels: { type: 'string' },
      seed: { type: 'string' },
      'noisy-oracle': { type: 'string', multiple: true },
    },
    strict: true,
  });
  if (!values.out) throw new UsageError('--out is required');
  const seed = intArg('seed', values.seed, 0);
  const levels = listArg('levels', values.levels);
  if (levels?.some((l) => !Number.isInteger(l) || l < 1 || l > 5))
    throw new UsageError('--levels must be in 1–5');
  let pool = syntheticPool({
    seed,
    problems: intArg('problems', values.problems, 100, 1),
    samples: intArg('samples', values.samples, 64, 1),
    ...(levels ? { levels } : {}),
  });
  for (const raw of values['noisy-oracle'] ?? []) pool = withNoisyOracle(pool, noisyArg(raw, seed));
  writeFileSync(values.out, JSON.stringify(pool));
  console.log(
    `wrote ${pool.problems.length} problems × ${pool.problems[0]?.samples.length ?? 0} samples → ${values.out}`,
  );
}
