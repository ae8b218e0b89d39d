import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { poolStrategies } from '../strategies';
import { tinyEntry, tinyPool, type TinySample } from '../testing/pools';
import { withNoisyOracle, ORACLE_PARAMS } from '../verifiers/noisyOracle';
import { problemMatrix } from './curves';
import { rankByKey } from './argmaxEstimate';
import { passAtK } from './passAtK';
import { prepareProblem } from './prepare';
import { scorePool } from './score';

const answers = fc.constantFrom('1', '2', '3', null);
const problemArb = fc.array(
  fc.record({ answer: answers, tokens: fc.integer({ min: 1, max: 30 }) }),
  { minLength: 1, maxLength: 40 },
);

function idOf(s: { id: string }) {
  return s.id;
}

describe('curve properties', () => {
  it('best-of-N with the oracle verifier equals pass@k, for both estimators', () => {
    fc.assert(
      fc.property(
        problemArb,
        fc.constantFrom('prefix', 'subsample') as fc.Arbitrary<'prefix' | 'subsample'>,
        (samples, estimator) => {
          const pool = withNoisyOracle(
            tinyPool([tinyEntry('p', '1', samples as TinySample[])]),
            ORACLE_PARAMS,
          );
          const strategies = poolStrategies(pool);
          const p = prepareProblem(pool.problems[0]!);
          const ks = Array.from({ length: p.n }, (_, i) => i + 1);
          const m = problemMatrix([p], strategies, {
            estimator,
            ks,
            draws: 200,
            seed: 1,
            tieRule: 'first',
          });
          const bon = strategies.map(idOf).indexOf('bon-outcome@oracle');
          ks.forEach((k, j) => {
            const expected =
              estimator === 'subsample'
                ? passAtK(p.n, p.c, k)
                : p.correct.subarray(0, k).some((x) => x === 1)
                  ? 1
                  : 0;
            expect(m.accuracy[bon]![j]![0]).toBeCloseTo(expected, 12);
            expect(m.accuracy[0]![j]![0]).toBeCloseTo(expected, 12); // the oracle strategy itself
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a pool whose samples all agree gives maj@k = the accuracy of that answer at every k', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.boolean(), (n, right) => {
        const pool = tinyPool([
          tinyEntry(
            'p',
            '7',
            Array.from({ length: n }, () => ({ answer: right ? '7' : '8' })),
          ),
        ]);
        const report = scorePool(pool, { draws: 50, bootstrap: 20 });
        for (const id of ['majority', 'early-stop']) {
          for (const pt of report.overall.curves[id]!) expect(pt.accuracy).toBe(right ? 1 : 0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the early-stopping vote has maj@k accuracy and never draws more than k', () => {
    fc.assert(
      fc.property(problemArb, (samples) => {
        const pool = tinyPool([tinyEntry('p', '1', samples as TinySample[])]);
        const report = scorePool(pool, { draws: 100, bootstrap: 10 });
        report.overall.curves['early-stop']!.forEach((pt, j) => {
          expect(pt.accuracy).toBeCloseTo(report.overall.curves['majority']![j]!.accuracy, 12);
          expect(pt.cost.samples).toBeLessThanOrEqual(pt.k + 1e-9);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("a problem's curves do not change when samples of other problems are added", () => {
    fc.assert(
      fc.property(
        problemArb,
        fc.array(problemArb, { minLength: 1, maxLength: 4 }),
        (mine, others) => {
          const entry = tinyEntry('mine', '1', mine as TinySample[]);
          const opts = { draws: 60, bootstrap: 10, ks: [1] };
          const alone = scorePool(tinyPool([entry]), opts).problems[0]!;
          const withOthers = scorePool(
            tinyPool([
              ...others.map((s, i) => tinyEntry(`other-${i}`, '2', s as TinySample[])),
              entry,
            ]),
            { ...opts, ks: [1] },
          ).problems.find((p) => p.id === 'mine')!;
          expect(withOthers.predictions).toEqual(alone.predictions);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('is reproducible: the same pool and seed give identical reports', () => {
    const pool = tinyPool([
      tinyEntry('a', '1', [
        { answer: '1' },
        { answer: '2' },
        { answer: '2' },
        { answer: '1' },
        { answer: '3' },
      ]),
    ]);
    expect(scorePool(pool, { seed: 4, draws: 3 })).toEqual(scorePool(pool, { seed: 4, draws: 3 }));
  });
});

describe('rankByKey', () => {
  it('orders by key descending, NaN as −∞, equal keys by index', () => {
    const keyArb = fc.array(fc.constantFrom(NaN, -Infinity, Infinity, -0, 0, 0.5, -1, 1e-300, 3), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(keyArb, (keys) => {
        const key = Float64Array.from(keys);
        const clean = (x: number) => (Number.isNaN(x) ? -Infinity : x);
        const expected = keys
          .map((_, i) => i)
          .sort((a, b) => clean(key[b]!) - clean(key[a]!) || a - b);
        expect([...rankByKey(key)]).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
