/**
 * Registers the computer-algebra system math grading uses (`equivalent.ts`). Imported for its effect
 * by every context that grades — the policy and search workers, the CLI, the tests — and not by the
 * page's main thread, which keeps its bundle free of it.
 */
import { ComputeEngine } from '@cortex-js/compute-engine';
import { registerAlgebra } from './equivalent';

registerAlgebra(() => new ComputeEngine());
