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

export const PRESETS: readonly Preset[] = [
  {
    id: 'coverage',
    title: 'Coverage keeps climbing, voting plateaus',
    caption:
      'The grey oracle line (pass@k) keeps rising with k while majority vote flattens: the right answer is in the pool, but voting cannot find it.',
    settings: {
      levels: [3, 4],
      problems: 30,
      n: 128,
      budget: 128,
      verifier: 'none',
      strategies: ['majority', 'confidence-min'],
      axis: 'samples',
      fit: true,
    },
  },
  {
    id: 'reward-hacking',
    title: 'An imperfect verifier peaks, then declines',
    caption:
      'With a noisy oracle that calls 30% of wrong answers right, best-of-N rises, peaks, and falls as more samples give it more wrong answers to be fooled by.',
    settings: {
      levels: [3, 4],
      problems: 30,
      n: 128,
      budget: 128,
      verifier: 'noisy-oracle',
      noisy: { falsePositive: 0.3, falseNegative: 0.1, noise: 0 },
      strategies: ['majority', 'bon', 'weighted'],
      axis: 'samples',
      fit: false,
    },
  },
  {
    id: 'weighted-vs-bon',
    title: 'Weighted vote beats plain best-of-N',
    caption:
      'With the fallible learned verifier, summing its scores per answer (weighted vote) overtakes picking its single favourite sample as N grows.',
    settings: {
      levels: [2, 3],
      problems: 30,
      n: 64,
      budget: 64,
      verifier: 'arith-verifier-weak',
      strategies: ['majority', 'bon', 'weighted'],
      axis: 'samples',
      fit: false,
    },
  },
  {
    id: 'temperature',
    title: 'Temperatures solve different problems',
    caption:
      'A pool mixing T = 0.6 and T = 1.2 covers problems neither temperature alone covers as cheaply; compare its oracle line with a single-temperature run.',
    settings: {
      levels: [3, 4],
      problems: 30,
      n: 64,
      budget: 64,
      temperatures: [0.6, 1.2],
      verifier: 'none',
      strategies: ['majority'],
      axis: 'samples',
      fit: false,
    },
  },
  {
    id: 'oracle-ceiling',
    title: 'A perfect verifier reaches the ceiling',
    caption:
      'With the exact checker as verifier, best-of-N lies on the oracle line: accuracy equals coverage, the most any selection rule can reach.',
    settings: {
      levels: [2, 3, 4],
      problems: 30,
      n: 64,
      budget: 64,
      verifier: 'oracle',
      strategies: ['majority', 'bon'],
      axis: 'samples',
      fit: false,
    },
  },
];
