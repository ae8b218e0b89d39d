/**
 * Damaged documents for the readers' fuzz tests: a valid document with one to three faults of the
 * kinds hostile or broken files carry — prototype-named keys (`__proto__`, `constructor`, `toString`,
 * `hasOwnProperty`), huge and non-finite numbers, deep nesting, long strings, lone surrogates, wrong
 * types, missing fields — written out as JSON text, as a reader receives it.
 */
import fc from 'fast-check';

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** Markers replaced in the JSON text by what JSON.stringify cannot write. */
const HUGE = '\u0000huge\u0000';
const DEEP = '\u0000deep\u0000';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** An own, enumerable property even for `__proto__` (plain assignment would set the prototype). */
function put(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function withProtoKey(key: string, value: Json): Json {
  const o: Record<string, Json> = {};
  put(o, key, value);
  return o;
}

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    -1,
    0.5,
    2 ** 53 + 2,
    1e308,
    '',
    'x'.repeat(100_000),
    '\ud800',
    'a\udc00b',
    HUGE,
    DEEP,
    [],
    {},
    '<img src=x onerror=alert(1)>',
  ),
  fc.constantFrom(...PROTOTYPE_KEYS).map((k) => withProtoKey(k, 1)),
  fc.constantFrom(...PROTOTYPE_KEYS).map((k) => withProtoKey(k, { polluted: true })),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
);

const newKey = fc.oneof(
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.constantFrom('\ud800', 'extra', ''),
  fc.string({ maxLength: 6 }),
);

/** Every path in the document (the root included), in document order. */
function paths(doc: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => paths(v, [...at, i], out));
  else if (doc !== null && typeof doc === 'object')
    for (const k of Object.keys(doc)) paths(doc[k]!, [...at, k], out);
  return out;
}

function get(doc: Json, path: Path): Json {
  let v = doc;
  for (const p of path) v = (v as Record<string | number, Json>)[p]!;
  return v;
}

type Fault =
  | { kind: 'set'; pick: number; value: Json }
  | { kind: 'add'; pick: number; key: string; value: Json }
  | { kind: 'delete'; pick: number };

const fault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), pick: fc.nat(), value: junk }),
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), key: newKey, value: junk }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

/** A fresh copy of a junk value (the arbitraries share theirs between runs). */
const fresh = (v: Json): Json => JSON.parse(JSON.stringify(v)) as Json;

function apply(doc: Json, f: Fault): Json {
  if (f.kind !== 'delete') f = { ...f, value: fresh(f.value) };
  const all = paths(doc);
  if (f.kind === 'set') {
    const path = all[f.pick % all.length]!;
    if (path.length === 0) return f.value;
    const parent = get(doc, path.slice(0, -1)) as Record<string | number, Json>;
    const key = path.at(-1)!;
    if (Array.isArray(parent)) parent[key as number] = f.value;
    else put(parent as Record<string, Json>, key as string, f.value);
    return doc;
  }
  const objects = all.filter((p) => {
    const v = get(doc, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  if (objects.length === 0) return doc;
  const obj = get(doc, objects[f.pick % objects.length]!) as Record<string, Json>;
  if (f.kind === 'add') put(obj, f.key, f.value);
  else {
    const keys = Object.keys(obj);
    if (keys.length > 0) delete obj[keys[f.pick % keys.length]!];
  }
  return doc;
}

/** JSON text, with the markers turned into what JSON.stringify cannot write. */
export function toText(doc: unknown): string {
  return JSON.stringify(doc)
    .replaceAll(JSON.stringify(HUGE), '1e400')
    .replaceAll(JSON.stringify(DEEP), '['.repeat(5000) + ']'.repeat(5000));
}

/** The text of `valid` with one to three faults. */
export function damaged(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc
    .tuple(valid, fc.array(fault, { minLength: 1, maxLength: 3 }))
    .map(([doc, faults]) => toText(faults.reduce(apply, fresh(doc as Json))));
}
