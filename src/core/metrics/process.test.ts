/**
 * Process-correct accuracy (answer and every step right) against brute force: the sample-picking
 * rules applied naively to every size-k subset of small pools with random step verdicts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tinyEntry, tinyPool } from '../testing/pools';
import type { Sample } from '../types';
import { forEachSubset } from './subsets';
import { scorePool } from './score';

const V = 'v';
const processRight = (s: Sample) => s.correct && s.stepCorrect!.every(Boolean);

/** The first sample (lowest index) with the highest key: the rules' `first` tie order. */
function pick(sub: Sample[], key: (s: Sample) => number): Sample {
  return sub.reduce((best, s) => (key(s) > key(best) ? s : best));
}

const NAIVE: Record<string, (sub: Sample[]) => boolean> = {
  oracle: (sub) => sub.some(processRight),
  'bon-last@v': (sub) => processRight(pick(sub, (s) => s.scores[V]!.steps.at(-1)!)),
  'confidence-mean': (sub) => processRight(pick(sub, (s) => s.meanLogprob!)),
  'first-finish': (sub) => processRight(pick(sub, (s) => -s.tokens!)),
};

const pool = fc
  .array(
    fc.record({
      answer: fc.constantFrom('1', '2', null),
      tokens: fc.constantFrom(3, 5, 8),
      meanLogprob: fc.constantFrom(-0.1, -0.5, -0.9),
      minLogprob: fc.constantFrom(-1, -2),
      score: fc.constantFrom(0, 0.5, 0.9),
      steps: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) => {
    const entry = tinyEntry(
      'p',
      '1',
      rows.map((r) => ({ ...r, scores: { [V]: [r.score] } })),
    );
    entry.samples.forEach((s, i) => {
      s.steps = rows[i]!.steps.map((_, j) => `step ${j}`);
      s.stepCorrect = rows[i]!.steps;
    });
    return tinyPool([entry], [V]);
  });

describe('process-correct accuracy', () => {
  it('equals brute force over every k-subset, for the rules that pick a sample', () => {
    fc.assert(
      fc.property(pool, (p) => {
        const samples = p.problems[0]!.samples;
        const n = samples.length;
        const report = scorePool(p, { process: true, estimator: 'subsample', tieRule: 'first' });
        const curves = report.process!;
        expect(Object.keys(curves)).not.toContain('majority'); // a vote picks an answer, not a sample
        for (const [id, rule] of Object.entries(NAIVE)) {
          report.ks.forEach((k, j) => {
            let hits = 0;
            let count = 0;
            forEachSubset(n, k, (subset) => {
              hits += rule([...subset].map((i) => samples[i]!)) ? 1 : 0;
              count++;
            });
            expect(curves[id]![j]!.accuracy, `${id} at k=${k}`).toBeCloseTo(hits / count, 12);
          });
        }
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it('never exceeds outcome accuracy, and is null when steps were not checked', () => {
    const p = fc.sample(pool, { numRuns: 1, seed: 3 })[0]!;
    const report = scorePool(p, { process: true });
    for (const [id, pts] of Object.entries(report.process!))
      pts.forEach((pt, j) =>
        expect(pt.accuracy).toBeLessThanOrEqual(report.overall.curves[id]![j]!.accuracy + 1e-12),
      );
    p.problems[0]!.samples[0]!.stepCorrect = null;
    expect(scorePool(p, { process: true }).process).toBeNull();
    expect(scorePool(p).process).toBeUndefined();
  });
});
