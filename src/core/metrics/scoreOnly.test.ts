import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../tasks';
import { withNoisyOracle } from '../verifiers/noisyOracle';
import { preparePool } from './prepare';
import { binCurveSets, joinMatrices, poolBudgets, scorePool, scoreRows } from './score';

describe('scoring a subset of strategies', () => {
  const pool = withNoisyOracle(syntheticPool({ problems: 12, samples: 64, seed: 5 }), {
    falsePositive: 0.2,
    falseNegative: 0.1,
    noise: 0.05,
    seed: 5,
  });
  const v = pool.verifiers.at(-1)!.id;

  it.each(['subsample', 'prefix'] as const)(
    'gives each strategy exactly the curve it has when every strategy is scored (%s)',
    (estimator) => {
      const all = scorePool(pool, { estimator, draws: 200, bootstrap: 200 });
      const only = [`weighted@${v}`, 'early-stop', `bon-min@${v}`, 'majority'];
      const some = scorePool(pool, { estimator, draws: 200, bootstrap: 200, only });
      expect(some.strategies.map((s) => s.id).sort()).toEqual(['oracle', ...only].sort());
      for (const id of ['oracle', ...only]) {
        expect(some.overall.curves[id]).toEqual(all.overall.curves[id]);
        expect(some.bins.level.map((b) => b.curves[id])).toEqual(
          all.bins.level.map((b) => b.curves[id]),
        );
      }
    },
  );

  it('scores slices of the pool separately and joins them into exactly the whole report', () => {
    const opts = {
      estimator: 'subsample' as const,
      draws: 200,
      bootstrap: 200,
      only: ['majority', `weighted@${v}`],
    };
    const ks = poolBudgets(pool, opts);
    const slices = [pool.problems.slice(0, 5), pool.problems.slice(5, 6), pool.problems.slice(6)];
    const parts = slices.map((problems) => scoreRows({ ...pool, problems }, { ...opts, ks }));
    const joined = scorePool(pool, opts, {
      strategies: parts[0]!.strategies,
      matrix: joinMatrices(parts.map((p) => p.matrix)),
    });
    expect(joined).toEqual(scorePool(pool, opts));
    expect(() => scorePool(pool, { ...opts, only: ['majority'] }, parts[0])).toThrow(
      /other strategies/,
    );
  });

  it('computes the per-difficulty curves apart from the rest, from a few numbers per problem', () => {
    // What the app does in two workers: `scorePool(…, 'later')` beside `binCurveSets`.
    for (const options of [{ seed: 3, bootstrap: 150 }, {}]) {
      const opts = { draws: 100, only: ['majority', 'early-stop', `bon-outcome@${v}`], ...options };
      const ks = poolBudgets(pool, opts);
      const rows = scoreRows(pool, { ...opts, ks });
      const main = scorePool(pool, opts, rows, 'later');
      expect(main.bins).toEqual({ level: [], pass1Quintile: [] });
      const bins = binCurveSets({
        problems: preparePool(pool).problems.map(({ id, level, c, n }) => ({ id, level, c, n })),
        strategies: rows.curveStrategies,
        ks,
        matrix: rows.matrix,
        options,
      });
      const whole = scorePool(pool, opts);
      expect(whole.bins.level.length).toBeGreaterThan(1);
      expect({ ...main, bins }).toEqual(whole);
    }
  });
});
