/**
 * The one validator for every file format (pool, curves, trace, bundle, deck, problem set): JSON
 * Schema 2020-12 checked by `@cfworker/json-schema`, which interprets the schema (no `eval`, no
 * `new Function`, so it runs under the app's Content Security Policy) and reads objects by their own
 * properties only (`required: ["toString"]` is not met by `{}`; a `constructor` field is a field).
 *
 * Two guards run first, in one bounded walk, because the validator cannot give them:
 * - nesting deeper than `MAX_DEPTH` is refused (a recursive validator would overflow the stack on a
 *   hostile file, and no format of ours nests deeper than a dozen levels);
 * - numbers must be finite (`1e400` in JSON text parses to Infinity, which JSON Schema calls a number);
 * - field names must be valid Unicode (the validator builds JSON pointers with `encodeURI`).
 * Errors name the exact path, `$.problems[3].samples[17].tokens`, with a short message.
 */
import { Validator, type OutputUnit, type Schema } from '@cfworker/json-schema';

export interface SchemaError {
  /** Where the bad value is, e.g. `$.problems[3].samples[17].tokens`. */
  path: string;
  message: string;
}

export type JsonSchema = Schema;

export const MAX_DEPTH = 64;

type PathPart = string | number;

export function formatPath(parts: readonly PathPart[]): string {
  let s = '$';
  for (const p of parts) {
    s +=
      typeof p === 'number'
        ? `[${p}]`
        : /^[A-Za-z_$][\w$]*$/.test(p)
          ? `.${p}`
          : `[${JSON.stringify(p)}]`;
  }
  return s;
}

export function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first value that is not plain JSON (too deep, not finite, not a JSON type), or null. */
function notPlainJson(value: unknown): SchemaError | null {
  const path: PathPart[] = [];
  const walk = (v: unknown, depth: number): string | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? null : 'must be a finite number';
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return null;
    if (typeof v !== 'object') return `must be a JSON value, got ${typeof v}`;
    if (depth >= MAX_DEPTH) return `is nested more than ${MAX_DEPTH} levels deep`;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const bad = walk(v[i], depth + 1);
        if (bad) return bad;
        path.pop();
      }
      return null;
    }
    for (const key of Object.keys(v)) {
      path.push(key);
      if (LONE_SURROGATE.test(key)) return 'is a field name that is not valid Unicode';
      const bad = walk((v as Record<string, unknown>)[key], depth + 1);
      if (bad) return bad;
      path.pop();
    }
    return null;
  };
  const message = walk(value, 0);
  return message ? { path: formatPath(path), message } : null;
}

/** `#/problems/3/tokens` → ['problems', 3, 'tokens'] (array indices as numbers, for `formatPath`). */
function pointerParts(pointer: string, root: unknown): PathPart[] {
  const parts: PathPart[] = [];
  let at: unknown = root;
  for (const raw of pointer.replace(/^#\/?/, '').split('/')) {
    if (raw === '' && parts.length === 0 && pointer.replace(/^#/, '') === '') break;
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    const part: PathPart = Array.isArray(at) && /^\d+$/.test(key) ? Number(key) : key;
    parts.push(part);
    at =
      at !== null && typeof at === 'object' && Object.hasOwn(at, part)
        ? (at as Record<PathPart, unknown>)[part]
        : undefined;
  }
  return parts;
}

function valueAt(root: unknown, parts: readonly PathPart[]): unknown {
  let at = root;
  for (const p of parts) at = (at as Record<PathPart, unknown>)[p];
  return at;
}

/** Keywords that only say "something below failed": the error below is the one to report. */
const WRAPPERS = new Set([
  '$ref',
  'properties',
  'items',
  'prefixItems',
  'additionalProperties',
  'allOf',
  'if',
  'then',
  'else',
  'dependentSchemas',
]);

const after = (text: string, re: RegExp) => re.exec(text)?.[1] ?? '';

/** One validator error as a path and a message in our words. */
function describe(unit: OutputUnit, root: unknown): SchemaError {
  const parts = pointerParts(unit.instanceLocation, root);
  const v = valueAt(root, parts);
  const text = unit.error;
  switch (unit.keyword) {
    case 'required':
      return {
        path: formatPath([...parts, after(text, /property "(.*)"\.$/)]),
        message: 'is required',
      };
    case 'false':
      return { path: formatPath(parts), message: 'is not an allowed field' };
    case 'type':
      return {
        path: formatPath(parts),
        message: `must be ${after(text, /Expected (.*)\.$/)
          .replaceAll('"', '')
          .replaceAll(',', ' or')}, got ${typeOf(v)}`,
      };
    case 'const':
      return { path: formatPath(parts), message: `must be ${after(text, /match (.*)\.$/)}` };
    case 'enum': {
      const options = JSON.parse(after(text, /any of (.*)\.$/) || '[]') as unknown[];
      return {
        path: formatPath(parts),
        message: `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`,
      };
    }
    case 'minimum':
      return {
        path: formatPath(parts),
        message: `must be ≥ ${after(text, / (\S+)\.$/)}, got ${v}`,
      };
    case 'maximum':
      return {
        path: formatPath(parts),
        message: `must be ≤ ${after(text, / (\S+)\.$/)}, got ${v}`,
      };
    case 'minItems':
      return {
        path: formatPath(parts),
        message: `must have at least ${after(text, /< (\d+)\)/)} item(s)`,
      };
    case 'maxItems':
      return {
        path: formatPath(parts),
        message: `must have at most ${after(text, /> (\d+)\)/)} item(s)`,
      };
    case 'minLength':
      return {
        path: formatPath(parts),
        message: `must have at least ${after(text, /< (\d+)\)/)} character(s)`,
      };
    case 'maxLength':
      return {
        path: formatPath(parts),
        message: `must have at most ${after(text, /> (\d+)\)/)} character(s)`,
      };
    case 'pattern':
      return { path: formatPath(parts), message: 'does not have the expected form' };
    default:
      return { path: formatPath(parts), message: text.replace(/\.$/, '') };
  }
}

const listing = new WeakMap<object, Validator>();
const stopping = new WeakMap<object, Validator>();

/**
 * A file's reader lists several problems at once (up to `maxErrors`), so by default the validator
 * does not short-circuit; asked for one error, it stops at the first (a damaged file is then read
 * no further than its first fault).
 */
function validatorFor(schema: JsonSchema, maxErrors: number): Validator {
  const shortCircuit = maxErrors <= 1;
  const cache = shortCircuit ? stopping : listing;
  let v = cache.get(schema);
  if (!v) {
    v = new Validator(schema, '2020-12', shortCircuit);
    cache.set(schema, v);
  }
  return v;
}

/** Validates `value` against `schema`; at most `maxErrors` errors, each naming the exact path. */
export function validateJson(schema: JsonSchema, value: unknown, maxErrors = 20): SchemaError[] {
  const plain = notPlainJson(value);
  if (plain) return [plain];
  let result: ReturnType<Validator['validate']>;
  try {
    result = validatorFor(schema, maxErrors).validate(value);
  } catch (e) {
    return [{ path: '$', message: `could not be checked (${e instanceof Error ? e.message : e})` }];
  }
  if (result.valid) return [];
  const leaves = result.errors.filter((e) => !WRAPPERS.has(e.keyword));
  const seen = new Set<string>();
  const out: SchemaError[] = [];
  for (const unit of leaves.length > 0 ? leaves : result.errors) {
    const e = describe(unit, value);
    const id = `${e.path}\u0000${e.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(e);
    if (out.length >= maxErrors) break;
  }
  return out;
}

const defs = new WeakMap<object, Map<string, JsonSchema>>();

/** The schema of one `$defs` entry of `schema` (e.g. a deck's slide, a results file's run), memoized. */
export function defSchema(schema: JsonSchema, name: string): JsonSchema {
  let byName = defs.get(schema);
  if (!byName) defs.set(schema, (byName = new Map()));
  let s = byName.get(name);
  // A copy: the validator annotates the schema objects it is given with their absolute URIs.
  if (!s) {
    s = {
      $id: schema.$id,
      $defs: structuredClone(schema.$defs) as unknown,
      $ref: `#/$defs/${name}`,
    };
    byName.set(name, s);
  }
  return s;
}

/** A value from a file, short and safe to put in a message (`String(v)` throws on `{"toString": 1}`). */
export function shown(v: unknown, max = 20): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? typeof v;
  } catch {
    s = typeof v;
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A file that is not valid: every problem found, each with its path (the message lists them). */
export class DocumentError extends Error {
  override name = 'DocumentError';
  constructor(readonly errors: SchemaError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  }
}

/**
 * JSON text through a format's validator: its value, or `fail(errors)` thrown — for text that is not
 * JSON, one error at `$`.
 */
export function parseDocument<T>(
  text: string,
  validate: (doc: unknown) => { ok: true; value: T } | { ok: false; errors: SchemaError[] },
  fail: (errors: SchemaError[]) => Error,
): T {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw fail([{ path: '$', message: `not valid JSON (${(e as Error).message})` }]);
  }
  const result = validate(doc);
  if (!result.ok) throw fail(result.errors);
  return result.value;
}
