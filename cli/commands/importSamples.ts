import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PoolError, validatePool } from '../../src/core/pool';
import { poolFromCompletions } from '../../src/core/pool/fromCompletions';
import { poolFromRawSamples, type RawSamples } from '../../src/core/pool/fromSamples';
import { isTask, TASKS } from '../../src/core/tasks';
import { taskWithSteps } from '../steps';
import { UsageError } from '../args';

export const importSamplesUsage = `ttc import-samples --in RAW.json --out POOL.json
ttc import-samples --task TASK --problems PROBLEMS.jsonl --completions COMPLETIONS.jsonl --out POOL.json
    [--steps blank|line]

  Grades completions sampled elsewhere with the engine's checker and writes a validated sample pool.
  --in: the training evaluation's raw samples (training/evaluate.py).
  --problems / --completions: a problem set in any format the task reads (math: {"question",
  "answer"}, GSM8K and MATH lines) and {"problem_id", "completion"} lines (problem_id: a problem's id,
  or its line number). Each sample gets the extracted, normalized answer and the equivalence verdict;
  what the lines do not say (tokens, log-probs, temperature, seed, step verdicts) is unknown in the
  pool. Bad lines are listed by file and number and skipped.`;

export function importSamples(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      task: { type: 'string' },
      problems: { type: 'string' },
      completions: { type: 'string' },
      steps: { type: 'string' },
    },
    strict: true,
  });
  if (!values.out) throw new UsageError('--out is required');
  let pool;
  if (values.in) {
    const raw = JSON.parse(readFileSync(values.in, 'utf8')) as RawSamples;
    pool = poolFromRawSamples(raw);
  } else {
    if (!values.problems || !values.completions)
      throw new UsageError('give --in RAW.json, or --problems and --completions');
    const id = values.task ?? 'math';
    if (!isTask(id))
      throw new UsageError(`--task must be one of ${Object.keys(TASKS).join(', ')}, got "${id}"`);
    const made = poolFromCompletions(
      taskWithSteps(id, values.steps),
      readFileSync(values.problems, 'utf8'),
      readFileSync(values.completions, 'utf8'),
    );
    for (const e of made.errors.slice(0, 20))
      process.stderr.write(`${e.file} line ${e.line}: ${e.reason} (skipped)\n`);
    if (made.errors.length > 20) process.stderr.write(`… and ${made.errors.length - 20} more\n`);
    if (made.pool.problems.length === 0)
      throw new UsageError('no completion matched a readable problem: nothing to write');
    pool = made.pool;
  }
  const result = validatePool(pool);
  if (!result.ok) throw new PoolError(result.errors);
  writeFileSync(values.out, JSON.stringify(result.pool));
  const n = result.pool.problems.reduce((s, p) => s + p.samples.length, 0);
  console.log(`imported ${result.pool.problems.length} problems, ${n} samples → ${values.out}`);
}
