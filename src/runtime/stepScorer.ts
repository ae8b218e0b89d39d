/**
 * The generative verifier as a process verifier for search: one teacher-forced forward per partial
 * solution, read by the engine's rule (a step's score is the probability of its line). A partial
 * solution's value aggregates its step scores (`min` by default: the score is local to each line, so
 * the weakest step bounds the path; `last` is search-and-learn's rule for PRMs that judge the whole
 * prefix); a finished one's value is the outcome (min over steps and the answer line).
 */
import type { StepScorer } from '../core/search/types';
import type { Task } from '../core/tasks/task';
import type { Decoder } from './decoder';
import { promptIds, type Codec } from './drawSamples';
import { scoreGenerative } from './verifier';

export type PathAggregation = 'min' | 'last';

export function generativeStepScorer(
  verifier: Decoder,
  id: string,
  task: Task,
  codec: Codec,
  aggregation: PathAggregation = 'min',
): StepScorer {
  const d = task.stepDelimiter;
  return {
    id,
    async score(problem, paths, finished) {
      const prompt = promptIds(codec, verifier.cfg.bosId, task.prompt(problem));
      const items = paths.map((steps, i) => ({
        text: finished[i] ? steps.join(d) : steps.map((s) => s + d).join(''),
        finished: finished[i]!,
      }));
      const scores = await scoreGenerative(verifier, prompt, items, codec.encode);
      return {
        values: scores.map((s, i) => {
          if (finished[i]) return s.outcome ?? 0;
          if (s.steps.length === 0) return 1;
          return aggregation === 'last' ? s.steps[s.steps.length - 1]! : Math.min(...s.steps);
        }),
        tokens: scores.reduce((n, s) => n + s.tokens, 0),
      };
    },
  };
}
