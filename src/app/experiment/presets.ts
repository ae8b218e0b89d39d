/**
 * One click per phenomenon of docs/strategies.md, each sized to run live in about a minute on WASM.
 * A preset changes only what it names; the seed, backend and view stay the user's.
 */
import type { Experiment } from './settings';

export interface Preset {
  id: string;
  title: string;
  /** One sentence: what to look at. */
  caption: string;
  settings: Partial<Experiment>;
}

/** A live run at the pool's full budget on the samples axis (30 problems unless said otherwise). */
const live = (s: Partial<Experiment> & { n: number }): Partial<Experiment> => ({
  problems: 30,
  axis: 'samples',
  fit: false,
  budget: s.n,
  ...s,
});

export const PRESETS: readonly Preset[] = [
  {
    id: 'coverage',
    title: 'Coverage keeps climbing, voting plateaus',
    caption:
      'The grey oracle line (pass@k) keeps rising with k while majority vote flattens: the right answer is in the pool, but voting cannot find it.',
    settings: live({
      levels: [3, 4],
      n: 128,
      verifier: 'none',
      strategies: ['majority', 'confidence-min'],
      fit: true,
    }),
  },
  {
    id: 'reward-hacking',
    title: 'A fallible verifier plateaus',
    caption:
      'With the fallible learned verifier on level-3 problems, best-of-N stops improving after k ≈ 8 while coverage keeps rising: its blind spots prefer wrong answers about as often as more samples bring right ones. Measured on 200 fresh problems (seed 1): best-of-N 32.9% [27, 38] at k = 8 and 32.0% [26, 39] at k = 64, while the weighted vote climbs to 37.5% [31, 44] and coverage from 48.9% to 76.5%.',
    settings: live({
      levels: [3],
      problems: 60,
      n: 64,
      verifier: 'arith-verifier-weak',
      strategies: ['majority', 'bon', 'weighted'],
    }),
  },
  {
    id: 'noisy-plateau',
    title: 'A noisy verifier stops helping',
    caption:
      'A noisy oracle that passes 30% of wrong answers lifts best-of-N at first, then it flattens while the oracle line keeps climbing: past a few samples the verifier, not the pool, is the limit.',
    settings: live({
      levels: [3, 4],
      n: 64,
      verifier: 'noisy-oracle',
      noisy: { falsePositive: 0.3, falseNegative: 0.1, noise: 0 },
      strategies: ['majority', 'bon'],
    }),
  },
  {
    id: 'weighted-vs-bon',
    title: 'Weighted vote beats plain best-of-N',
    caption:
      'With the fallible learned verifier, summing its scores per answer (weighted vote) overtakes picking its single favourite sample as N grows (on 200 level-2 problems at k = 16: 73.0% vs 70.4%).',
    settings: live({
      levels: [2, 3],
      n: 64,
      verifier: 'arith-verifier-weak',
      strategies: ['majority', 'bon', 'weighted'],
    }),
  },
  {
    id: 'temperature',
    title: 'Temperatures solve different problems',
    caption:
      'The pool alternates T = 0.6 and T = 1.2 sample by sample. Note its oracle line (coverage), then set Temperature to 1 and press Run to compare with a single temperature on the same problems.',
    settings: live({
      levels: [3, 4],
      n: 64,
      temperatures: [0.6, 1.2],
      verifier: 'none',
      strategies: ['majority'],
    }),
  },
  {
    id: 'oracle-ceiling',
    title: 'A perfect verifier reaches the ceiling',
    caption:
      'With the exact checker as verifier, best-of-N lies on the oracle line: accuracy equals coverage, the most any selection rule can reach.',
    settings: live({
      levels: [2, 3, 4],
      n: 64,
      verifier: 'oracle',
      strategies: ['majority', 'bon'],
    }),
  },
];
