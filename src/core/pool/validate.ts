import type { Pool } from '../types';
import {
  DocumentError,
  formatPath,
  parseDocument,
  validateJson,
  type JsonSchema,
  type SchemaError,
} from '../schema/validateJson';
import { migrate, MigrationError } from './migrate';
import schema from './pool.schema.json' with { type: 'json' };

export type PoolResult = { ok: true; pool: Pool } | { ok: false; errors: SchemaError[] };

/**
 * Validates a parsed pool document: migrates it to the current version, checks it against
 * `pool.schema.json`, then checks what a schema cannot say (sample indices, step label counts,
 * declared verifiers, unique problem ids). Every error names the exact path of the bad field.
 */
export function validatePool(doc: unknown, maxErrors = 20): PoolResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, errors: [{ path: '$', message: 'a pool must be a JSON object' }] };
  }
  if ((doc as Record<string, unknown>).format !== 'ttc-pool') {
    return { ok: false, errors: [{ path: '$.format', message: 'must be "ttc-pool"' }] };
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrate(doc as Record<string, unknown>);
  } catch (e) {
    if (e instanceof MigrationError)
      return { ok: false, errors: [{ path: '$.version', message: e.message }] };
    throw e;
  }
  const errors = validateJson(schema as JsonSchema, migrated, maxErrors);
  if (errors.length > 0) return { ok: false, errors };
  const pool = migrated as unknown as Pool;
  const semantic = semanticErrors(pool, maxErrors);
  return semantic.length > 0 ? { ok: false, errors: semantic } : { ok: true, pool };
}

function semanticErrors(pool: Pool, maxErrors: number): SchemaError[] {
  const errors: SchemaError[] = [];
  const add = (parts: (string | number)[], message: string) => {
    if (errors.length < maxErrors) errors.push({ path: formatPath(parts), message });
  };
  const declared = new Set(pool.verifiers.map((v) => v.id));
  const ids = new Set<string>();
  pool.problems.forEach((entry, p) => {
    if (ids.has(entry.problem.id))
      add(['problems', p, 'problem', 'id'], `duplicate problem id "${entry.problem.id}"`);
    ids.add(entry.problem.id);
    entry.samples.forEach((s, i) => {
      const at = ['problems', p, 'samples', i];
      if (s.index !== i)
        add([...at, 'index'], `must equal the sample's position ${i}, got ${s.index}`);
      if (s.stepCorrect !== null && s.stepCorrect.length !== s.steps.length) {
        add(
          [...at, 'stepCorrect'],
          `has ${s.stepCorrect.length} labels for ${s.steps.length} steps`,
        );
      }
      if (s.minLogprob !== null && s.meanLogprob !== null && s.minLogprob > s.meanLogprob)
        add([...at, 'minLogprob'], 'must not exceed meanLogprob');
      for (const v of Object.keys(s.scores)) {
        if (!declared.has(v))
          add([...at, 'scores', v], `verifier "${v}" is not declared in $.verifiers`);
      }
    });
  });
  return errors;
}

export class PoolError extends DocumentError {
  override name = 'PoolError';
}

/** Parses and validates pool JSON text; throws a `PoolError` naming the bad fields. */
export function parsePool(text: string): Pool {
  return parseDocument(
    text,
    (doc) => {
      const r = validatePool(doc);
      return r.ok ? { ok: true, value: r.pool } : r;
    },
    (errors) => new PoolError(errors),
  );
}
