/**
 * The model spec a worker loads for the experiment's policy: a built-in by id, or a hub model with
 * the experiment's dtype, revision and system prompt, from this browser's hub host.
 */
import { MATH_INSTRUCTION } from '../../core/tasks/math';
import { builtinSpec, type ModelSpec } from '../../runtime/modelSpec';
import { isBuiltinPolicy, type Experiment } from '../experiment/settings';
import { hubHost } from './hubHost';

/**
 * The system message a model family is evaluated with on a task: Qwen's math models are prompted
 * with the answer-format instruction as the system message (Qwen2.5-Math's evaluation); others get
 * none (the task's prompt already ends with the instruction).
 */
export function defaultSystemPrompt(task: string, model: string): string {
  if (task === 'math' && /qwen/i.test(model)) return MATH_INSTRUCTION;
  return '';
}

/** The system message the experiment's policy is prompted with. */
export const systemPrompt = (e: Pick<Experiment, 'task' | 'policy' | 'system'>): string =>
  e.system ?? defaultSystemPrompt(e.task, e.policy);

export function policySpec(
  e: Pick<Experiment, 'task' | 'policy' | 'dtype' | 'revision' | 'system'>,
): ModelSpec {
  if (isBuiltinPolicy(e.policy)) return builtinSpec(e.policy);
  return {
    kind: 'hub',
    host: hubHost(),
    model: e.policy,
    revision: e.revision,
    dtype: e.dtype,
    system: systemPrompt(e),
  };
}
