import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { COMPUTE_UNITS } from '../../src/core/metrics/computeOptimal';
import { ESTIMATORS } from '../../src/core/metrics/estimate';
import { readSearchResults } from '../../src/app/search/readSearchResults';
import { computeOptimalTable } from '../computeOptimalTable';
import { DEFAULT_SCORE_OPTIONS, scorePool } from '../../src/core/metrics/score';
import { parsePool } from '../../src/core/pool';
import { TIE_RULES } from '../../src/core/strategies/types';
import { withNoisyOracle, ORACLE_PARAMS } from '../../src/core/verifiers/noisyOracle';
import { choiceArg, intArg, listArg, noisyArg, UsageError } from '../args';

export const scoreUsage = `ttc score --pool POOL.json --out CURVES.json [options]

  --estimator prefix|subsample   how curves are estimated from the pool (default subsample)
  --ks 1,2,4,...                 budgets (default: powers of two up to the smallest pool)
  --draws D                      Monte Carlo subsets per problem and budget (default 200)
  --seed S                       seed for subsets and bootstrap (default 0)
  --tie first|random             tie rule (default first: lowest sample index)
  --bootstrap B                  bootstrap resamples over problems (default 1000)
  --bom-threshold A              Best-of-Majority frequency threshold (default 0.2)
  --oracle                       add the exact oracle as a verifier
  --noisy-oracle FP,FN[,NOISE]   add a noisy oracle verifier (repeatable)
  --process                      also process-correct curves (answer and every step right) of the
                                 rules that pick a sample, under "process" (null: steps not checked)
  --compute-optimal              also compute-optimal scaling (Snell et al.): per difficulty bin
                                 (oracle and predicted), the best strategy and budget within each
                                 budget, chosen on one half of the problems and measured on the
                                 other; the compute saved against best-of-N; a table on stdout
  --unit samples|generatedTokens|totalTokens   what its budget counts (default samples)
  --split-seed S                 seed of its two-fold split (default 0)
  --baseline ID                  the best-of-N it is compared with (default: by outcome, the
                                 pool's first verifier)
  --search RESULTS.json          tree-search runs on the pool's problems (ttc sweep --strategy)
                                 compete as settings too (repeatable)
  --among ID,ID,…                only these pool strategies compete (default all; the page's
                                 curve uses the strategies it shows)`;

export function score(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      pool: { type: 'string' },
      out: { type: 'string' },
      estimator: { type: 'string' },
      ks: { type: 'string' },
      draws: { type: 'string' },
      seed: { type: 'string' },
      tie: { type: 'string' },
      bootstrap: { type: 'string' },
      'bom-threshold': { type: 'string' },
      oracle: { type: 'boolean' },
      'noisy-oracle': { type: 'string', multiple: true },
      process: { type: 'boolean' },
      'compute-optimal': { type: 'boolean' },
      unit: { type: 'string' },
      'split-seed': { type: 'string' },
      baseline: { type: 'string' },
      search: { type: 'string', multiple: true },
      among: { type: 'string' },
    },
    strict: true,
  });
  if (!values.pool || !values.out) throw new UsageError('--pool and --out are required');
  const seed = intArg('seed', values.seed, DEFAULT_SCORE_OPTIONS.seed);
  const bom =
    listArg('bom-threshold', values['bom-threshold'])?.[0] ?? DEFAULT_SCORE_OPTIONS.bomThreshold;
  if (bom < 0 || bom > 1) throw new UsageError('--bom-threshold must be in [0, 1]');
  const options = {
    estimator: choiceArg(
      'estimator',
      values.estimator,
      ESTIMATORS,
      DEFAULT_SCORE_OPTIONS.estimator,
    ),
    ks: listArg('ks', values.ks),
    draws: intArg('draws', values.draws, DEFAULT_SCORE_OPTIONS.draws, 1),
    seed,
    tieRule: choiceArg('tie', values.tie, TIE_RULES, DEFAULT_SCORE_OPTIONS.tieRule),
    bootstrap: intArg('bootstrap', values.bootstrap, DEFAULT_SCORE_OPTIONS.bootstrap, 1),
    bomThreshold: bom,
    process: !!values.process,
    ...(values['compute-optimal']
      ? {
          computeOptimal: {
            unit: choiceArg('unit', values.unit, COMPUTE_UNITS, 'samples'),
            seed: intArg('split-seed', values['split-seed'], 0),
            ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
            ...(values.among !== undefined
              ? { among: values.among.split(',').map((x) => x.trim()) }
              : {}),
            ...(values.search
              ? {
                  treeRuns: values.search.flatMap(
                    (f) => readSearchResults(readFileSync(f, 'utf8'), f).runs,
                  ),
                }
              : {}),
          },
        }
      : {}),
  };
  if (!values['compute-optimal'])
    for (const k of ['unit', 'split-seed', 'baseline', 'search', 'among'] as const)
      if (values[k] !== undefined) throw new UsageError(`--${k} goes with --compute-optimal`);

  const started = performance.now();
  let pool = parsePool(readFileSync(values.pool, 'utf8'));
  if (values.oracle) pool = withNoisyOracle(pool, ORACLE_PARAMS);
  for (const raw of values['noisy-oracle'] ?? []) pool = withNoisyOracle(pool, noisyArg(raw, seed));
  const { ks, ...rest } = options;
  let report;
  try {
    report = scorePool(pool, ks ? { ...rest, ks } : rest);
  } catch (err) {
    // A baseline the pool does not have is the user's to fix, not a crash.
    if (err instanceof Error && err.message.startsWith('compute-optimal:'))
      throw new UsageError(err.message);
    throw err;
  }
  // Write to a temporary name first so a failure never leaves a half-written file behind.
  const tmp = `${values.out}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(report));
  renameSync(tmp, values.out);
  const secs = ((performance.now() - started) / 1000).toFixed(2);
  const early = report.overall.curves['early-stop']!.at(-1)!;
  const oracle = report.overall.curves['oracle']!;
  const last = oracle[oracle.length - 1]!;
  console.log(
    `scored ${report.pool.problems} problems × ${report.pool.samples / report.pool.problems} samples, ` +
      `${report.strategies.length} strategies, k = ${report.ks.join(',')} (${options.estimator}) in ${secs} s; ` +
      `pass@${last.k} = ${last.accuracy.toFixed(3)}; early-stopping vote saves ` +
      `${early.cost.samplesSaved!.toFixed(1)} of ${early.k} samples → ${values.out}`,
  );
  if (report.computeOptimal) console.log(computeOptimalTable(report.computeOptimal));
}
