/**
 * One click per phenomenon of docs/strategies.md, each sized to run live in about a minute on WASM.
 * A preset changes only what it names; the seed, backend and view stay the user's.
 *
 * A caption's numbers are measurements, not hopes: each is a `claim` measured on `measured.problems`
 * problems of seed `measured.seed` (never the problems a preset was tuned on) with its 95% interval,
 * the caption states every claim as written (presets.test.ts), and `npm run bench`
 * (scripts/bench-presets.ts) re-measures each on a fresh seed and tests that it replicates (the
 * difference within the family-wise critical z of src/core/metrics/replication.ts).
 */
import type { TreeStrategyId } from '../../core/search';
import type { Experiment, StrategyKey } from './settings';

/** One number a caption states: a line of the preset's chart at budget k. */
export interface PresetClaim {
  /** A strategy toggle the preset shows, the oracle line (coverage), or a tree strategy's curve. */
  line: StrategyKey | 'oracle' | `tree:${TreeStrategyId}`;
  k: number;
  /** Accuracy and its 95% bootstrap interval over problems, as `ttc score` reports them. */
  accuracy: number;
  interval: [number, number];
  /** Settings this measurement changes from the preset's (a comparison the caption draws). */
  with?: Partial<Experiment>;
}

export interface Preset {
  id: string;
  title: string;
  /** What to look at, with the claims' numbers. */
  caption: string;
  settings: Partial<Experiment>;
  measured: { seed: number; problems: number; claims: PresetClaim[] };
}

/** A claim as a caption writes it: "32.9% [27, 38]". */
export const claimText = (c: Pick<PresetClaim, 'accuracy' | 'interval'>): string =>
  `${(100 * c.accuracy).toFixed(1)}% [${Math.round(100 * c.interval[0])}, ${Math.round(100 * c.interval[1])}]`;

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
      'The grey oracle line (pass@k) keeps rising with k while majority vote flattens: the right answer is in the pool, but voting cannot find it. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: coverage 46.0% [40, 51] at k = 16 and 76.0% [70, 82] at k = 128, majority 22.2% [17, 28] and 24.5% [19, 31].',
    settings: live({
      levels: [3, 4],
      n: 128,
      verifier: 'none',
      strategies: ['majority', 'confidence-min'],
      fit: true,
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'oracle', k: 16, accuracy: 0.46, interval: [0.4, 0.51] },
        { line: 'oracle', k: 128, accuracy: 0.76, interval: [0.7, 0.82] },
        { line: 'majority', k: 16, accuracy: 0.222, interval: [0.17, 0.28] },
        { line: 'majority', k: 128, accuracy: 0.245, interval: [0.19, 0.31] },
      ],
    },
  },
  {
    id: 'reward-hacking',
    title: 'A fallible verifier plateaus',
    caption:
      'With the fallible learned verifier on level-3 problems, best-of-N stops improving after k ≈ 8 while coverage keeps rising: its blind spots prefer wrong answers about as often as more samples bring right ones. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: best-of-N 32.9% [28, 38] at k = 8 and 32.0% [26, 38] at k = 64, while the weighted vote reaches 37.5% [31, 45] and coverage climbs from 48.9% [43, 54] to 76.5% [70, 82].',
    settings: live({
      levels: [3],
      problems: 60,
      n: 64,
      verifier: 'arith-verifier-weak',
      strategies: ['majority', 'bon', 'weighted'],
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'bon', k: 8, accuracy: 0.329, interval: [0.28, 0.38] },
        { line: 'bon', k: 64, accuracy: 0.32, interval: [0.26, 0.38] },
        { line: 'weighted', k: 64, accuracy: 0.375, interval: [0.31, 0.45] },
        { line: 'oracle', k: 8, accuracy: 0.489, interval: [0.43, 0.54] },
        { line: 'oracle', k: 64, accuracy: 0.765, interval: [0.7, 0.82] },
      ],
    },
  },
  {
    id: 'noisy-plateau',
    title: 'A noisy verifier stops helping',
    caption:
      'A noisy oracle that passes 30% of wrong answers lifts best-of-N at first, then it flattens while the oracle line keeps climbing: past a few samples the verifier, not the pool, is the limit. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: best-of-N 23.2% [19, 28] at k = 8 and 21.5% [16, 27] at k = 64, coverage 65.0% [58, 72] at k = 64.',
    settings: live({
      levels: [3, 4],
      n: 64,
      verifier: 'noisy-oracle',
      noisy: { falsePositive: 0.3, falseNegative: 0.1, noise: 0 },
      strategies: ['majority', 'bon'],
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'bon', k: 8, accuracy: 0.232, interval: [0.19, 0.28] },
        { line: 'bon', k: 64, accuracy: 0.215, interval: [0.16, 0.27] },
        { line: 'oracle', k: 64, accuracy: 0.65, interval: [0.58, 0.72] },
      ],
    },
  },
  {
    id: 'weighted-vs-bon',
    title: 'Weighted vote against plain best-of-N',
    caption:
      "With the fallible learned verifier, summing its scores per answer (weighted vote) against picking its single favourite sample. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: at k = 64 weighted vote 56.0% [49, 63], best-of-N 50.5% [44, 57]: ahead, though inside each other's intervals on 200 problems.",
    settings: live({
      levels: [2, 3],
      n: 64,
      verifier: 'arith-verifier-weak',
      strategies: ['majority', 'bon', 'weighted'],
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'bon', k: 64, accuracy: 0.505, interval: [0.44, 0.57] },
        { line: 'weighted', k: 64, accuracy: 0.56, interval: [0.49, 0.63] },
      ],
    },
  },
  {
    id: 'temperature',
    title: 'Mixing temperatures against one',
    caption:
      'The pool alternates T = 0.6 and T = 1.2 sample by sample; set Temperature to 1 and press Run to compare on the same problems. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: coverage at k = 64 is 60.5% [54, 67] mixed and 65.0% [58, 72] at T = 1 alone — inside each other’s intervals (a fresh seed puts the mix ahead): on this policy, mixing neither clearly helps nor hurts.',
    settings: live({
      levels: [3, 4],
      n: 64,
      temperatures: [0.6, 1.2],
      verifier: 'none',
      strategies: ['majority'],
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'oracle', k: 64, accuracy: 0.605, interval: [0.54, 0.67] },
        {
          line: 'oracle',
          k: 64,
          with: { temperatures: [1] },
          accuracy: 0.65,
          interval: [0.58, 0.72],
        },
      ],
    },
  },
  {
    id: 'oracle-ceiling',
    title: 'A perfect verifier reaches the ceiling',
    caption:
      'With the exact checker as verifier, best-of-N lies on the oracle line: accuracy equals coverage, the most any selection rule can reach. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: best-of-N 76.5% [71, 82] and coverage 76.5% [71, 82] at k = 64.',
    settings: live({
      levels: [2, 3, 4],
      n: 64,
      verifier: 'oracle',
      strategies: ['majority', 'bon'],
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'bon', k: 64, accuracy: 0.765, interval: [0.71, 0.82] },
        { line: 'oracle', k: 64, accuracy: 0.765, interval: [0.71, 0.82] },
      ],
    },
  },
  {
    id: 'small-vs-big',
    title: 'A small policy with search against a big one voting',
    caption:
      "Beam search with the strong verifier on arith-policy-small (0.19M parameters) beside the 0.8M arith-policy's majority vote, on level-1 problems, on the FLOPs axis. Search lifts the small policy a lot but never catches the big one: the verifier, as big as the big policy, re-reads every partial solution. Measured on 200 problems of seed 1 (not the ones shown live), 95% intervals: beam search 23.0% [17, 29] at N = 1 and 79.5% [74, 85] at N = 16 (2.1 GFLOPs a problem), majority 83.1% [79, 86] at k = 1 (0.035 GFLOPs) and 90.5% [87, 94] at k = 16 (docs/search.md).",
    settings: live({
      levels: [1],
      // Tree curves run live on at most 20 problems: the pool's are the same ones.
      problems: 20,
      n: 16,
      policy: 'arith-policy',
      verifier: 'arith-verifier',
      strategies: ['majority'],
      axis: 'flops',
      treeCurves: ['beam'],
      treePolicy: 'arith-policy-small',
    }),
    measured: {
      seed: 1,
      problems: 200,
      claims: [
        { line: 'majority', k: 1, accuracy: 0.831, interval: [0.79, 0.86] },
        { line: 'majority', k: 16, accuracy: 0.905, interval: [0.87, 0.94] },
        { line: 'tree:beam', k: 1, accuracy: 0.23, interval: [0.17, 0.29] },
        { line: 'tree:beam', k: 16, accuracy: 0.795, interval: [0.74, 0.85] },
      ],
    },
  },
];
