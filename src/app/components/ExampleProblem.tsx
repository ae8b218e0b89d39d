import { useMemo } from 'react';
import { arith } from '../../core/tasks/arith';

/** A real problem of the built-in task with its reference solution, so the page is never empty. */
export function ExampleProblem() {
  const problem = useMemo(() => arith.generate(2060, 3), []);
  return (
    <figure className="example">
      <figcaption>
        Built-in task <b>arith</b>, level {problem.level}
      </figcaption>
      <pre data-testid="example-problem">{arith.prompt(problem) + arith.completion(problem)}</pre>
    </figure>
  );
}
