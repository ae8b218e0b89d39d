/**
 * Verifiers for search that need no model: the task's exact checker, and the noisy oracle (the
 * controllable imperfect verifier of *Inference Scaling fLaws*) used online, step by step.
 */
import { Rng } from '../rng';
import type { Task } from '../tasks/task';
import { noisyOracleId, type NoisyOracleParams } from '../verifiers/noisyOracle';
import type { StepScorer } from './types';

/**
 * 1 when every step so far is right (and, for a finished solution, the answer), else 0; with `noisy`,
 * that verdict is flipped with probability fp (wrong called right) or fn (right called wrong), plus
 * clamped Gaussian noise, from a stream named by the path, so a path always gets the same score.
 */
export function oracleScorer(task: Task, noisy?: NoisyOracleParams): StepScorer {
  const id = noisy ? noisyOracleId(noisy) : 'oracle';
  return {
    id,
    score: async (problem, paths, finished) => ({
      values: paths.map((steps, i) => {
        const g = task.grade(problem, steps.join(task.stepDelimiter));
        if (g.stepCorrect === null && !finished[i])
          throw new Error(
            `the exact oracle cannot judge a partial ${task.id} solution (its steps are not checked); search with a learned verifier`,
          );
        const labels = g.stepCorrect ?? [];
        const truth = finished[i] ? g.correct && labels.every(Boolean) : labels.every(Boolean);
        if (!noisy) return truth ? 1 : 0;
        const rng = Rng.fromSeed(noisy.seed, 'noisy-oracle-path', problem.id, steps.join('\n'));
        const flip = rng.bernoulli(truth ? noisy.falseNegative : noisy.falsePositive);
        const z = noisy.noise > 0 ? noisy.noise * rng.normal() : 0;
        return Math.min(1, Math.max(0, (truth !== flip ? 1 : 0) + z));
      }),
      tokens: 0,
    }),
  };
}
