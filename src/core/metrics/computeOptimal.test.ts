import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../tasks';
import { withNoisyOracle } from '../verifiers/noisyOracle';
import { computeOptimal, computeSaved, twoFold, type ComputeSetting } from './computeOptimal';
import { computeOptimalFromReport, treeSettings } from './computeOptimalReport';
import { preparePool } from './prepare';
import { validateCurves } from './readCurves';
import { scorePool } from './score';

const setting = (strategy: string, k: number, cost: number, acc: number[]): ComputeSetting => ({
  id: `${strategy} k=${k}`,
  strategy,
  k,
  cost,
  accuracy: acc,
});

describe('compute-optimal scaling', () => {
  it('splits every bin into two seeded halves that partition it', () => {
    const bins = [
      { bin: 'q1', members: [0, 1, 2, 3, 4] },
      { bin: 'q2', members: [5, 6, 7, 8] },
    ];
    const a = twoFold(bins, 7);
    expect(twoFold(bins, 7)).toEqual(a);
    expect(twoFold(bins, 8)).not.toEqual(a);
    a.forEach(([x, y], b) => {
      expect([...x, ...y].sort((p, q) => p - q)).toEqual(bins[b]!.members);
      expect(x.length - y.length).toBeGreaterThanOrEqual(0);
      expect(x.length - y.length).toBeLessThanOrEqual(1);
    });
  });

  it('picks per bin the best setting within the budget (hand-computed, folds agree)', () => {
    // Problems 0–3 are easy, 4–7 hard. On easy ones majority@4 is best; on hard ones best-of-N@4.
    // Every problem of a bin behaves alike, so both folds choose the same and the test half's mean
    // is the bin's value.
    const bins = [
      { bin: 'easy', members: [0, 1, 2, 3] },
      { bin: 'hard', members: [4, 5, 6, 7] },
    ];
    const e = (easy: number, hard: number) => [easy, easy, easy, easy, hard, hard, hard, hard];
    const settings = [
      setting('bon', 1, 1, e(0.8, 0.1)),
      setting('bon', 2, 2, e(0.85, 0.2)),
      setting('bon', 4, 4, e(0.86, 0.4)),
      setting('majority', 2, 2, e(0.9, 0.15)),
      setting('majority', 4, 4, e(0.95, 0.2)),
    ];
    const r = computeOptimal({ settings, bins, budgets: [1, 2, 4], baseline: 'bon', seed: 3 });
    expect(r.points.map((p) => p.accuracy)).toEqual([
      (0.8 + 0.1) / 2,
      (0.9 + 0.2) / 2,
      (0.95 + 0.4) / 2,
    ]);
    expect(r.points.map((p) => p.baseline)).toEqual([
      (0.8 + 0.1) / 2,
      (0.85 + 0.2) / 2,
      (0.86 + 0.4) / 2,
    ]);
    const at = (bin: string, budget: number) =>
      r.choices.find((c) => c.bin === bin && c.budget === budget)!.chosen;
    expect(at('easy', 2)).toEqual(['majority k=2', 'majority k=2']);
    expect(at('hard', 2)).toEqual(['bon k=2', 'bon k=2']);
    expect(at('easy', 4)).toEqual(['majority k=4', 'majority k=4']);
    expect(at('hard', 4)).toEqual(['bon k=4', 'bon k=4']);
    // Budget 1 admits only bon k=1: no choice to make.
    expect(at('easy', 1)).toEqual(['bon k=1', 'bon k=1']);
  });

  it('chooses on one half and reports the other: a setting best only on its training half does not score there', () => {
    const bins = [{ bin: 'all', members: [0, 1, 2, 3] }];
    const [[a]] = twoFold(bins, 1) as [[number[], number[]]];
    // "lucky" is perfect on half a and useless on half b; "steady" is 0.5 everywhere.
    const lucky = [0, 1, 2, 3].map((i) => (a.includes(i) ? 1 : 0));
    const settings = [setting('steady', 1, 1, [0.5, 0.5, 0.5, 0.5]), setting('lucky', 1, 1, lucky)];
    const r = computeOptimal({ settings, bins, budgets: [1], baseline: 'steady', seed: 1 });
    // Fold 0 trains on a (lucky wins, 1.0) and tests on b (0); fold 1 trains on b (steady wins) → 0.5.
    expect(r.choices[0]!.chosen).toEqual(['lucky k=1', 'steady k=1']);
    expect(r.points[0]!.accuracy).toBeCloseTo((0 + 0.5) / 2, 12);
  });

  it('compute saved: the budget where the curve reaches best-of-N, interpolated in log₂ budget', () => {
    const saved = computeSaved([
      { budget: 1, accuracy: 0.2, baseline: 0.1 },
      { budget: 2, accuracy: 0.4, baseline: 0.3 },
      { budget: 4, accuracy: 0.6, baseline: 0.5 },
      { budget: 8, accuracy: 0.62, baseline: 0.7 },
    ]);
    expect(saved[0]).toEqual({ budget: 1, baselineAccuracy: 0.1, reachedAt: 1, factor: 1 });
    // 0.3 is halfway between 0.2 (at 1) and 0.4 (at 2): 2^0.5.
    expect(saved[1]!.reachedAt).toBeCloseTo(Math.SQRT2, 12);
    expect(saved[1]!.factor).toBeCloseTo(2 / Math.SQRT2, 12);
    expect(saved[2]!.reachedAt).toBeCloseTo(2 * Math.SQRT2, 12);
    expect(saved[3]).toEqual({ budget: 8, baselineAccuracy: 0.7, reachedAt: null, factor: null });
  });

  it('no setting within the budget: no point, not a zero', () => {
    const r = computeOptimal({
      settings: [setting('bon', 4, 4, [1])],
      bins: [{ bin: 'q1', members: [0] }],
      budgets: [2, 4],
      baseline: 'bon',
      seed: 0,
    });
    expect(r.points[0]).toEqual({ budget: 2, accuracy: null, baseline: null });
  });

  it('tree runs become settings: accuracy per pool problem over seeds, N samples or mean tokens', () => {
    const run = (problem: string, n: number, correct: boolean, tokens: number) => ({
      problem,
      strategy: 'beam',
      n,
      correct,
      cost: { generatedTokens: tokens, verifierTokens: 10 },
    });
    const runs = [run('a', 4, true, 100), run('a', 4, false, 120), run('b', 4, true, 80)];
    const [s] = treeSettings(runs, ['a', 'b'], 'samples');
    expect(s).toMatchObject({ id: 'beam N=4', k: 4, cost: 4 });
    expect([...(s!.accuracy as Float64Array)]).toEqual([0.5, 1]);
    expect(treeSettings(runs, ['a', 'b'], 'totalTokens')[0]!.cost).toBeCloseTo(110, 12);
    expect(() => treeSettings(runs, ['a', 'b', 'c'], 'samples')).toThrow(/no run on c/);
  });

  it('a scored pool carries it, valid against the curves schema', () => {
    const pool = withNoisyOracle(syntheticPool({ problems: 20, samples: 16, seed: 2 }), {
      falsePositive: 0.2,
      falseNegative: 0.1,
      noise: 0.05,
      seed: 2,
    });
    const report = scorePool(pool, {
      draws: 50,
      bootstrap: 50,
      computeOptimal: { unit: 'samples', seed: 0 },
    });
    const co = report.computeOptimal!;
    expect(co.baseline).toMatch(/^bon-outcome@/);
    expect(co.budgets).toEqual(report.ks);
    // Best-of-N is one of the settings, so within every budget the choice is at least as good on
    // the problems it was chosen on; on the held-out half it is compared, not assumed.
    expect(co.oracle.points.every((p) => p.accuracy !== null && p.baseline !== null)).toBe(true);
    expect(co.predicted).not.toBeNull();
    expect(validateCurves(JSON.parse(JSON.stringify(report))).ok).toBe(true);
    for (const p of co.oracle.points) {
      expect(p.lo).toBeLessThanOrEqual(p.accuracy! + 0.05);
      expect(p.hi).toBeGreaterThanOrEqual(p.accuracy! - 0.05);
      expect(p.lo!).toBeLessThan(p.hi!);
    }
    // The page computes it from the report it holds (per-problem predictions, mean costs) and the
    // pool's verifier scores: the same result as from the scoring matrix.
    for (const unit of ['samples', 'totalTokens'] as const) {
      const fromMatrix = scorePool(pool, {
        draws: 50,
        bootstrap: 50,
        computeOptimal: { unit, seed: 3 },
      }).computeOptimal!;
      const v = fromMatrix.verifier!;
      const scores = preparePool(pool).problems.map((p) => {
        const xs = [...p.scores[v]!.solution].filter((x) => !Number.isNaN(x));
        return xs.reduce((a, b) => a + b, 0) / xs.length;
      });
      expect(
        computeOptimalFromReport(
          report,
          { unit, seed: 3, baseline: fromMatrix.baseline, bootstrap: 50 },
          { verifier: v, scores },
        ),
      ).toEqual(fromMatrix);
    }
  });
});
