import { getTask } from '../../../core/tasks';
import type { Problem } from '../../../core/types';
import { useAppStore } from '../../store';

/**
 * The policy's greedy answer through transformers.js (the Hub-model path) in a worker: a check that the
 * built-in model loads and decodes the same way any transformers.js model would.
 */
export function GreedyCheck({ problem }: { problem: Problem }) {
  const greedy = useAppStore((s) => s.greedy);
  const policy = useAppStore((s) => s.experiment.policy);
  const check = useAppStore((s) => s.checkPolicy);
  const task = getTask(problem.task);
  const prompt = task.prompt(problem);
  const mine = greedy.status !== 'idle' && greedy.prompt === prompt;
  const grade =
    mine && greedy.status === 'done' ? task.grade(problem, greedy.result.completion) : null;
  return (
    <details className="greedy">
      <summary>Greedy decode with transformers.js</summary>
      <button
        onClick={() => void check(prompt)}
        disabled={mine && greedy.status === 'running'}
        data-testid="greedy-run"
      >
        Decode greedily
      </button>
      {mine && greedy.status === 'running' && (
        <p className="empty" data-testid="greedy-status">
          Loading the model…
        </p>
      )}
      {mine && greedy.status === 'error' && (
        <p className="error" role="alert" data-testid="greedy-status">
          Could not run {policy}: {greedy.message}
        </p>
      )}
      {mine && greedy.status === 'done' && (
        <>
          <pre data-testid="greedy-completion">{greedy.result.completion}</pre>
          <p className="meta" data-testid="greedy-status" data-correct={String(grade!.correct)}>
            {grade!.correct ? '✓ correct' : '✗ wrong'} · {greedy.result.tokens} tokens · loaded in{' '}
            {Math.round(greedy.result.loadMs)} ms, generated in{' '}
            {Math.round(greedy.result.generateMs)} ms
          </p>
        </>
      )}
    </details>
  );
}
