import { useEffect, useMemo } from 'react';
import { arith } from '../../core/tasks/arith';
import { POLICY_MODEL, useAppStore } from '../store';
import { SamplePanel } from './SamplePanel';

/** A real problem of the built-in task, its reference solution, and the built-in policy's greedy answer. */
export function ExampleProblem() {
  const problem = useMemo(() => arith.generate(2060, 3), []);
  const greedy = useAppStore((s) => s.greedy);
  const checkPolicy = useAppStore((s) => s.checkPolicy);
  useEffect(() => {
    void checkPolicy(arith.prompt(problem));
  }, [checkPolicy, problem]);

  const grade = greedy.status === 'done' ? arith.grade(problem, greedy.result.completion) : null;
  return (
    <figure className="example">
      <figcaption>
        Built-in task <b>arith</b>, level {problem.level}: reference solution
      </figcaption>
      <pre data-testid="example-problem">{arith.prompt(problem) + arith.completion(problem)}</pre>
      <figcaption>
        <b>{POLICY_MODEL}</b>, greedy, in a Web Worker (transformers.js, WASM)
      </figcaption>
      {greedy.status === 'running' || greedy.status === 'idle' ? (
        <p className="empty" data-testid="greedy-status">
          Loading the model…
        </p>
      ) : greedy.status === 'error' ? (
        <p className="error" role="alert" data-testid="greedy-status">
          Could not run {POLICY_MODEL}: {greedy.message}
        </p>
      ) : (
        <>
          <pre data-testid="greedy-completion">{greedy.result.completion}</pre>
          <p className="meta" data-testid="greedy-status" data-correct={String(grade!.correct)}>
            {grade!.correct ? '✓ correct' : '✗ wrong'} · {greedy.result.tokens} tokens · loaded in{' '}
            {Math.round(greedy.result.loadMs)} ms, generated in{' '}
            {Math.round(greedy.result.generateMs)} ms
          </p>
        </>
      )}
      <SamplePanel problem={problem} />
    </figure>
  );
}
