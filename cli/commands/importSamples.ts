import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { poolFromRawSamples, type RawSamples } from '../../src/core/pool/fromSamples';
import { PoolError, validatePool } from '../../src/core/pool';
import { UsageError } from '../args';

export const importSamplesUsage = `ttc import-samples --in RAW.json --out POOL.json

  Grades completions sampled elsewhere (training/evaluate.py) with the engine's checker and writes a
  validated sample pool.`;

export function importSamples(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { in: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.in || !values.out) throw new UsageError('--in and --out are required');
  const raw = JSON.parse(readFileSync(values.in, 'utf8')) as RawSamples;
  const result = validatePool(poolFromRawSamples(raw));
  if (!result.ok) throw new PoolError(result.errors);
  writeFileSync(values.out, JSON.stringify(result.pool));
  const n = result.pool.problems.reduce((s, p) => s + p.samples.length, 0);
  console.log(`imported ${result.pool.problems.length} problems, ${n} samples → ${values.out}`);
}
