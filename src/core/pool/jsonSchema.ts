/**
 * A small interpreter for the subset of JSON Schema (2020-12) our file formats use: type, const, enum,
 * properties / required / additionalProperties, items, minItems, minLength, minimum, maximum and local
 * `$ref`s into `$defs`. Ajv would generate code with `new Function`, which the app's Content Security
 * Policy forbids; this walks the schema instead. The unit tests check it agrees with Ajv.
 */

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  $defs?: Record<string, JsonSchema>;
};

export interface SchemaError {
  /** Where the bad value is, e.g. `$.problems[3].samples[17].tokens`. */
  path: string;
  message: string;
}

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

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

/** Validates `value`; returns at most `maxErrors` errors, each naming the exact path. */
export function validateSchema(root: JsonSchema, value: unknown, maxErrors = 20): SchemaError[] {
  const errors: SchemaError[] = [];
  const path: PathPart[] = [];
  const fail = (message: string) => errors.push({ path: formatPath(path), message });

  const resolve = (s: JsonSchema): JsonSchema => {
    if (!s.$ref) return s;
    const m = /^#\/\$defs\/(.+)$/.exec(s.$ref);
    const target = m ? root.$defs?.[m[1]!] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
    return resolve(target);
  };

  const visit = (schema: JsonSchema, v: unknown): void => {
    if (errors.length >= maxErrors) return;
    const s = resolve(schema);
    if (s.const !== undefined && v !== s.const)
      return void fail(`must be ${JSON.stringify(s.const)}`);
    if (s.enum && !s.enum.includes(v))
      return void fail(`must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    if (s.type) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => typeMatches(v, t)))
        return void fail(`must be ${types.join(' or ')}, got ${typeOf(v)}`);
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return void fail('must be a finite number');
      if (s.minimum !== undefined && v < s.minimum)
        return void fail(`must be ≥ ${s.minimum}, got ${v}`);
      if (s.maximum !== undefined && v > s.maximum)
        return void fail(`must be ≤ ${s.maximum}, got ${v}`);
    }
    if (typeof v === 'string' && s.minLength !== undefined && v.length < s.minLength) {
      return void fail(`must have at least ${s.minLength} character(s)`);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems)
        return void fail(`must have at least ${s.minItems} item(s)`);
      if (s.items) {
        for (let i = 0; i < v.length && errors.length < maxErrors; i++) {
          path.push(i);
          visit(s.items, v[i]);
          path.pop();
        }
      }
    } else if (v !== null && typeof v === 'object') {
      const obj = v as Record<string, unknown>;
      for (const key of s.required ?? []) {
        if (!(key in obj)) {
          path.push(key);
          fail('is required');
          path.pop();
        }
      }
      for (const key of Object.keys(obj)) {
        const sub =
          s.properties?.[key] ??
          (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
        path.push(key);
        if (sub) visit(sub, obj[key]);
        else if (s.additionalProperties === false) fail('is not an allowed field');
        path.pop();
      }
    }
  };

  visit(root, value);
  return errors;
}
