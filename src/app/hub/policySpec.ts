/**
 * The model spec a worker loads for the experiment's policy: a built-in by id, a hub model with the
 * experiment's dtype, revision and system prompt, from this browser's hub host, or the model a
 * remote server serves under that name.
 */
import { getTask, isTask } from '../../core/tasks';
import { builtinSpec, type ModelSpec } from '../../runtime/modelSpec';
import { isBuiltinPolicy, POLICY_TASK, type Experiment } from '../experiment/settings';
import { hubHost } from './hubHost';

/** The system message the task gives the model's family (math: Qwen's with the instruction). */
export function defaultSystemPrompt(task: string, model: string): string {
  return isTask(task) ? (getTask(task).systemPrompt?.(model) ?? '') : '';
}

/**
 * Whether a remote policy is prompted in its chat template: on every task but those whose format is
 * a built-in policy's own (arith), as `ttc sweep --engine openai` defaults.
 */
export const remoteUsesChat = (e: Pick<Experiment, 'task'>): boolean =>
  !Object.values(POLICY_TASK).includes(e.task);

/** The system message the experiment's policy is prompted with. */
export const systemPrompt = (e: Pick<Experiment, 'task' | 'policy' | 'system'>): string =>
  e.system ?? defaultSystemPrompt(e.task, e.policy);

export function policySpec(
  e: Pick<Experiment, 'task' | 'policy' | 'dtype' | 'revision' | 'system' | 'remote'>,
): ModelSpec {
  if (e.remote !== null)
    return {
      kind: 'remote',
      baseUrl: e.remote,
      model: e.policy,
      chat: remoteUsesChat(e) ? { system: systemPrompt(e) } : null,
    };
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
