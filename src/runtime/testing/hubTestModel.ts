/**
 * The hub-format test model (training/hub_test_model.py), written once per generator version, variant
 * and dtype set into the OS temp folder and shared by the test files that need it. Nothing is
 * committed: the fp32 variant alone is 40 MB (the real 151,936-token vocabulary).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PYTHON = process.env['TTC_PYTHON'] ?? '/usr/bin/python3';
const GENERATOR = 'training/hub_test_model.py';

export type Variant = 'plain' | 'gqa';
export const ALL_DTYPES = ['fp32', 'fp16', 'q4', 'q4f16', 'q8'] as const;

export interface TestModel {
  /** The folder the stand-in hub serves ({org}/{name}/… below it). */
  root: string;
  /** org/name */
  model: string;
  /** root/model */
  dir: string;
}

export function hubTestModel(
  variant: Variant,
  dtypes: readonly string[] = ALL_DTYPES,
  extra: string[] = [],
): TestModel {
  const key = createHash('sha256')
    .update(readFileSync(GENERATOR))
    .update(JSON.stringify([variant, dtypes, extra]))
    .digest('hex')
    .slice(0, 16);
  const root = join(tmpdir(), `ttc-hub-${key}`);
  const model = `ttc-test/Qwen3-tiny-${variant}`;
  if (!existsSync(join(root, '.done'))) {
    // Written aside and renamed into place: test files run in parallel workers, and one that finds
    // the folder must find it whole.
    const aside = `${root}.${process.pid}`;
    execFileSync(
      PYTHON,
      [GENERATOR, '--out', aside, '--variant', variant, '--dtypes', dtypes.join(','), ...extra],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    writeFileSync(join(aside, '.done'), '');
    try {
      renameSync(aside, root);
    } catch {
      rmSync(aside, { recursive: true, force: true }); // another worker got there first
    }
  }
  return { root, model, dir: join(root, model) };
}
