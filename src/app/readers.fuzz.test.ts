/**
 * Fuzz of every file reader (pool, curves, trace, search results, bundle, deck, problem set): on
 * generated valid documents and on 10,000 damaged ones each (src/core/testing/damage.ts), a reader
 * never throws anything but its own error with a message, never accepts what its schema forbids,
 * and the production validator (@cfworker/json-schema) agrees with a different one, Ajv, used only
 * here. Ajv checks own properties (`ownProperties`); the plain-JSON rules our validator adds first
 * (finite numbers, bounded depth, well-formed field names) are re-implemented below, independently.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import curvesSchema from '../core/metrics/curves.schema.json' with { type: 'json' };
import { CurvesError, parseCurves } from '../core/metrics/readCurves';
import { scorePool } from '../core/metrics/score';
import poolSchema from '../core/pool/pool.schema.json' with { type: 'json' };
import { syntheticPool } from '../core/tasks';
import { parsePool, PoolError } from '../core/pool/validate';
import { MAX_DEPTH, validateJson, type JsonSchema } from '../core/schema/validateJson';
import traceSchema from '../core/search/trace.schema.json' with { type: 'json' };
import { damaged, toText } from '../core/testing/damage';
import { arith } from '../core/tasks/arith';
import { makeProblemSet } from '../core/tasks/problemSet';
import lineSchema from '../core/tasks/problemLine.schema.json' with { type: 'json' };
import { parseProblemsJsonl } from '../core/tasks/problemsJsonl';
import bundleSchema from './export/bundle.schema.json' with { type: 'json' };
import { makeBundle, readBundle } from './export/bundle';
import { DEFAULT_EXPERIMENT } from './experiment/table';
import { serializeExperiment } from './experiment/urlCodec';
import { readTraceText } from './search/readTrace';
import { readSearchResults } from './search/readSearchResults';
import resultsSchema from './search/searchResults.schema.json' with { type: 'json' };
import deckSchema from './talk/deck.schema.json' with { type: 'json' };
import { readDeck } from './talk/deck';

const DAMAGED_RUNS = 10_000;
const ajv = new Ajv2020({ strict: false, allErrors: false, ownProperties: true });
// Ajv compiles its own copies: the production validator annotates the schema objects it is given.
const compile = (s: object): ValidateFunction => ajv.compile(structuredClone(s));
const ajvPool = compile(poolSchema);
const ajvCurves = compile(curvesSchema);
const ajvTrace = compile(traceSchema);
const ajvResults = compile(resultsSchema);
const ajvDef = (s: { $defs: object }, name: string) =>
  ajv.compile({ $id: name, $defs: structuredClone(s.$defs), $ref: `#/$defs/${name}` });
const ajvRun = ajvDef(resultsSchema, 'run');
const ajvBundle = compile(bundleSchema);
const ajvDeck = compile(deckSchema);
const ajvSlide = ajvDef(deckSchema, 'slide');
const ajvLine = compile(lineSchema);

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The rules our validator adds before the schema, written again without its code. */
function plainJson(v: unknown, depth = 0): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (v === null || typeof v !== 'object') return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(v)) return v.every((x) => plainJson(x, depth + 1));
  return Object.entries(v).every(([k, x]) => !LONE.test(k) && plainJson(x, depth + 1));
}

/** The production validator and Ajv agree on `doc`. */
function agree(schema: object, check: ValidateFunction, doc: unknown): void {
  const ours = validateJson(schema as JsonSchema, doc, 1).length === 0;
  const theirs = plainJson(doc) && check(doc);
  expect(ours, JSON.stringify(check.errors?.[0] ?? 'not plain JSON')).toBe(theirs);
}

/** A reader's own refusal: an Error with a message (never a TypeError, RangeError, …). */
function expectOwnError(e: unknown, kinds: (new (...a: never[]) => Error)[] = []): void {
  const ok = kinds.some((k) => e instanceof k) || (e as Error)?.constructor === Error;
  expect(ok, String(e)).toBe(true);
  expect((e as Error).message.length).toBeGreaterThan(0);
}

/** Runs `read` on `text`: its result, or undefined when it refused with its own error. */
function attempt<T>(read: () => T, kinds: (new (...a: never[]) => Error)[] = []): T | undefined {
  try {
    return read();
  } catch (e) {
    expectOwnError(e, kinds);
    return undefined;
  }
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

// Generated valid documents: pools of several shapes, their curves, traces, runs, bundles, decks.
const pools = [1, 2, 3, 4, 5, 6].map((seed) =>
  syntheticPool({ seed, problems: 1 + (seed % 3), samples: 1 + (seed % 4) }),
);
// One-sample pools (k = 1) keep the curves documents small enough for 10,000 damaged copies; the
// second has a vote, an argmax and the early-stopping vote's extra cost field only (the time a
// damaged copy takes is the time its validation takes, in proportion to its size).
const curves = [
  scorePool(syntheticPool({ seed: 7, problems: 1, samples: 1 }), { draws: 20, bootstrap: 50 }),
  scorePool(syntheticPool({ seed: 8, problems: 1, samples: 1 }), {
    draws: 20,
    bootstrap: 50,
    only: ['majority', 'early-stop', 'confidence-min'],
  }),
];
const traceDoc = fc
  .record({
    seed: fc.nat(),
    texts: fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 6 }),
    scores: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
  })
  .map(({ seed, texts, scores }) => ({
    format: 'ttc-search-trace',
    version: 1,
    strategy: 'beam',
    params: { n: 4, m: 2, temperature: 1 },
    problem: { id: 'arith-2-0', question: '(2+3)*4', answer: '20' },
    seed,
    events: [
      { type: 'created', node: 0, parent: null, text: '', tokens: 0, finished: false },
      { type: 'round', index: 0 },
      ...texts.flatMap((text, i) => [
        {
          type: 'created',
          node: i + 1,
          parent: i,
          text,
          tokens: text.length,
          finished: i === texts.length - 1,
          ...(i === texts.length - 1 ? { answer: '20', correct: true } : {}),
        },
        { type: 'scored', node: i + 1, score: scores[i]! },
        { type: i % 2 ? 'kept' : 'pruned', node: i + 1 },
      ]),
      { type: 'selected', node: texts.length },
    ],
  }));
const run = fc.record({
  problem: fc.constantFrom('arith-1-0', 'line-3'),
  level: fc.integer({ min: 0, max: 5 }),
  strategy: fc.constantFrom('beam', 'dvts', 'particle-filter', 'mcts', 'best-first'),
  n: fc.constantFrom(1, 2, 4, 8),
  seed: fc.nat(),
  answer: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
  correct: fc.boolean(),
  cost: fc.record({
    promptTokens: fc.nat(),
    generatedTokens: fc.nat(),
    verifierTokens: fc.nat(),
    forwardPasses: fc.nat(),
    elapsedMs: fc.nat(),
  }),
});
const resultsDoc = fc.array(run, { minLength: 1, maxLength: 5 }).map((runs) => ({
  format: 'ttc-search-results',
  version: 1,
  engineVersion: '0.1.0',
  task: { id: 'arith', levels: [2], seed: 0 },
  runs,
}));
const bundleDoc = fc
  .tuple(fc.constantFrom(...pools), fc.array(run, { maxLength: 3 }), fc.option(traceDoc))
  .map(([pool, runs, trace]) =>
    makeBundle(DEFAULT_EXPERIMENT, pool, runs as never, trace as never),
  );
const deckDoc = fc
  .array(
    fc.record({
      title: fc.string({ maxLength: 20 }),
      caption: fc.string({ maxLength: 40 }),
      seed: fc.nat(),
      n: fc.constantFrom(16, 32, 64),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((slides) => ({
    format: 'ttc-deck',
    version: 1,
    slides: slides.map(({ title, caption, seed, n }) => ({
      title,
      caption,
      link: `?${serializeExperiment({ ...DEFAULT_EXPERIMENT, seed, n })}`,
    })),
  }));
const problemLine = fc
  .tuple(fc.nat(1000), fc.integer({ min: 1, max: 3 }), fc.boolean())
  .map(([seed, level, numeric]) => {
    const p = makeProblemSet(arith, seed, [level], 1)[0]!;
    return {
      question: p.question,
      answer: numeric ? Number(p.answer) : p.answer,
      id: `q${seed}`,
      difficulty: p.level,
    };
  });
const problemLines = fc.uniqueArray(problemLine, {
  minLength: 1,
  maxLength: 8,
  selector: (l) => l.id,
});

const fuzz = { numRuns: DAMAGED_RUNS, seed: 15 };

describe('readers on generated valid documents', () => {
  it('accept them, and both validators agree', () => {
    for (const p of pools) {
      agree(poolSchema, ajvPool, p);
      expect(parsePool(toText(p)).problems).toHaveLength(p.problems.length);
    }
    for (const c of curves) {
      agree(curvesSchema, ajvCurves, JSON.parse(toText(c)));
      expect(parseCurves(toText(c)).ks).toEqual(c.ks);
    }
    fc.assert(
      fc.property(traceDoc, resultsDoc, bundleDoc, deckDoc, problemLines, (t, r, b, d, lines) => {
        agree(traceSchema, ajvTrace, t);
        expect(readTraceText(toText(t), 't.json').trace).toEqual(t);
        agree(resultsSchema, ajvResults, r);
        expect(readSearchResults(toText(r), 'r.json').runs).toHaveLength(r.runs.length);
        agree(bundleSchema, ajvBundle, JSON.parse(toText(b)));
        expect(readBundle(toText(b), 'b.json').pool.problems).toHaveLength(b.pool.problems.length);
        agree(deckSchema, ajvDeck, d);
        expect(readDeck(toText(d), 'd.json').slides).toHaveLength(d.slides.length);
        for (const line of lines) agree(lineSchema, ajvLine, line);
        expect(parseProblemsJsonl(lines.map(toText).join('\n'), arith).errors).toEqual([]);
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

// A reader's time is its validator's (an interpreter, no eval, for the CSP): 10,000 curves
// documents take about a minute on one core, more beside other suites, so these have three.
describe(`readers on ${DAMAGED_RUNS} damaged documents each`, { timeout: 180_000 }, () => {
  it('pool: never throws, never accepts what the schema forbids', () => {
    fc.assert(
      fc.property(damaged(fc.constantFrom(...pools)), (text) => {
        const doc = parse(text);
        if (doc !== undefined) agree(poolSchema, ajvPool, doc);
        const pool = attempt(() => parsePool(text), [PoolError]);
        if (pool) expect(plainJson(doc) && ajvPool(doc)).toBe(true);
      }),
      fuzz,
    );
  });

  it('curves: never throws, never accepts what the schema forbids', () => {
    fc.assert(
      fc.property(damaged(fc.constantFrom(...curves.map((c) => JSON.parse(toText(c))))), (text) => {
        const doc = parse(text);
        if (doc !== undefined) agree(curvesSchema, ajvCurves, doc);
        if (attempt(() => parseCurves(text), [CurvesError]))
          expect(plainJson(doc) && ajvCurves(doc)).toBe(true);
      }),
      fuzz,
    );
  });

  it('trace: never throws, never accepts what the schema forbids', () => {
    fc.assert(
      fc.property(damaged(traceDoc), (text) => {
        const doc = parse(text);
        if (doc !== undefined) agree(traceSchema, ajvTrace, doc);
        if (attempt(() => readTraceText(text, 't.json')))
          expect(plainJson(doc) && ajvTrace(doc)).toBe(true);
      }),
      fuzz,
    );
  });

  it('search results: never throws, keeps only runs the schema allows', () => {
    fc.assert(
      fc.property(damaged(resultsDoc), (text) => {
        const doc = parse(text) as { runs: unknown[] } | undefined;
        if (doc !== undefined) agree(resultsSchema, ajvResults, doc);
        const read = attempt(() => readSearchResults(text, 'r.json'));
        if (!read) return;
        expect(plainJson(doc) && ajvResults(doc)).toBe(true);
        const allowed = doc!.runs.filter((r) => plainJson(r) && ajvRun(r));
        expect(read.runs).toHaveLength(allowed.length);
      }),
      fuzz,
    );
  });

  it('bundle: never throws, never accepts what its schemas forbid', () => {
    fc.assert(
      fc.property(damaged(bundleDoc.map((b) => JSON.parse(toText(b)))), (text) => {
        const doc = parse(text) as { pool: unknown } | undefined;
        if (doc !== undefined) agree(bundleSchema, ajvBundle, doc);
        if (attempt(() => readBundle(text, 'b.json'))) {
          expect(plainJson(doc) && ajvBundle(doc)).toBe(true);
          expect(ajvPool(doc!.pool)).toBe(true);
        }
      }),
      fuzz,
    );
  });

  it('deck: never throws, keeps only slides the schema allows', () => {
    fc.assert(
      fc.property(damaged(deckDoc), (text) => {
        const doc = parse(text) as { slides: unknown[] } | undefined;
        const read = attempt(() => readDeck(text, 'd.json'));
        if (!read) return;
        const slides = doc!.slides.filter((s) => plainJson(s) && ajvSlide(s));
        expect(read.slides).toHaveLength(slides.length);
      }),
      fuzz,
    );
  });

  it('problem set: never throws, keeps only lines the schema allows', () => {
    const line = fc.oneof(problemLine.map(toText), damaged(problemLine));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        const { problems, errors } = parseProblemsJsonl(lines.join('\n'), arith);
        const bad = new Set(errors.map((e) => e.line));
        lines.forEach((text, i) => {
          if (bad.has(i + 1)) return;
          const row = parse(text);
          expect(plainJson(row) && ajvLine(row), text.slice(0, 200)).toBe(true);
        });
        expect(problems.length).toBe(lines.length - bad.size);
      }),
      fuzz,
    );
  });
});
