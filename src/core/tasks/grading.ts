/**
 * Imported for its effect by every context that grades completions (the policy and search workers,
 * the CLI, the tests): registers what grading needs beyond the tasks themselves — the math task's
 * algebra system. The page's main thread shows problems but grades nothing, so it does not import
 * this and its bundle stays free of the algebra system.
 */
import './math/algebra';
