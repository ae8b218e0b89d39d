/**
 * Reads a curves file (`ttc score --out`, format `ttc-curves`): the shape against
 * `curves.schema.json` (the one validator), then what a schema cannot say: every curve and
 * prediction names a declared strategy, every curve point's budget is one of the file's `ks`, and
 * each prediction has one accuracy per budget. Errors name the exact path; never throws.
 */
import {
  DocumentError,
  formatPath,
  parseDocument,
  validateJson,
  type JsonSchema,
  type SchemaError,
} from '../schema/validateJson';
import schema from './curves.schema.json' with { type: 'json' };
import type { CurveSet, ScoreReport } from './score';

export type CurvesResult = { ok: true; report: ScoreReport } | { ok: false; errors: SchemaError[] };

export function validateCurves(doc: unknown, maxErrors = 20): CurvesResult {
  const shape = validateJson(schema as JsonSchema, doc, maxErrors);
  if (shape.length > 0) return { ok: false, errors: shape };
  const report = doc as ScoreReport;
  const errors: SchemaError[] = [];
  const add = (parts: (string | number)[], message: string) => {
    if (errors.length < maxErrors) errors.push({ path: formatPath(parts), message });
  };
  const ids = new Set(report.strategies.map((s) => s.id));
  const ks = new Set(report.ks);
  const checkSet = (set: CurveSet, at: (string | number)[]) => {
    for (const id of Object.keys(set.curves)) {
      if (!ids.has(id))
        add([...at, 'curves', id], `strategy "${id}" is not declared in $.strategies`);
      set.curves[id]!.forEach((p, j) => {
        if (!ks.has(p.k)) add([...at, 'curves', id, j, 'k'], `${p.k} is not one of $.ks`);
      });
    }
  };
  checkSet(report.overall, ['overall']);
  report.bins.level.forEach((s, i) => checkSet(s, ['bins', 'level', i]));
  report.bins.pass1Quintile.forEach((s, i) => checkSet(s, ['bins', 'pass1Quintile', i]));
  report.problems.forEach((p, i) => {
    for (const [id, pred] of Object.entries(p.predictions)) {
      const at = ['problems', i, 'predictions', id];
      if (!ids.has(id)) add(at, `strategy "${id}" is not declared in $.strategies`);
      if (pred.accuracy.length !== report.ks.length)
        add(
          [...at, 'accuracy'],
          `has ${pred.accuracy.length} values for ${report.ks.length} budgets`,
        );
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, report };
}

/** Curves JSON text → the report, or a `CurvesError` naming the bad fields. */
export function parseCurves(text: string): ScoreReport {
  return parseDocument(
    text,
    (doc) => {
      const r = validateCurves(doc);
      return r.ok ? { ok: true, value: r.report } : r;
    },
    (errors) => new CurvesError(errors),
  );
}

export class CurvesError extends DocumentError {
  override name = 'CurvesError';
}
