/**
 * Verifiers on a remote server, over one transport. The first reading rule shipped is our generative
 * verifier's (src/core/verifiers/generative.ts): the verifier model's log-probability of each step's
 * text, read from vLLM's `prompt_logprobs` of question + completion (teacher forcing, no sampling).
 * `poolingStepScores` reads a step-reward model's rows from vLLM's `/pooling` (Qwen2.5-Math-PRM);
 * the rules that turn those rows into a verifier are the verifiers issue's.
 */
import type { StepScorer } from '../../core/search/types';
import type { Task } from '../../core/tasks/task';
import type { Problem, VerifierScore } from '../../core/types';
import { generativeScores } from '../../core/verifiers/generative';
import type { RemoteModel } from './remoteModel';
import { readCompletion, readPooling } from './shapes';
import { RemoteError } from './transport';

export interface RemoteVerifierOptions {
  /**
   * The verifier's end-of-sequence token as text (`</s>` for the built-ins), appended to a finished
   * sample so its answer line is read with the EOS as in process; null: read without it.
   */
  eosText: string | null;
  /** Prompts per request (vLLM takes a list; choices come back prompt-major). */
  batch?: number;
}

export interface RemoteVerifier {
  id: string;
  score(
    problem: Problem,
    samples: readonly { text: string }[],
    finished: readonly boolean[],
  ): Promise<VerifierScore[]>;
  /** The same rule over partial solutions, for tree search. */
  stepScorer(task: Task): StepScorer;
}

export function remoteGenerativeVerifier(
  m: RemoteModel,
  task: Task,
  o: RemoteVerifierOptions,
): RemoteVerifier {
  if (!m.caps.promptLogprobs)
    throw new RemoteError(
      `${m.model} on this server returns no prompt log-probs, which a generative verifier reads`,
      'invalid',
    );
  const batch = o.batch ?? 16;
  const promptLength = new Map<string, number>();
  const post = (body: unknown) =>
    m.limit(() => m.transport.post('/completions', body, m.signal ? { signal: m.signal } : {}));
  const teacherForced = async (prompts: string[]) => {
    const raw = await post({
      model: m.model,
      prompt: prompts,
      n: 1,
      max_tokens: 1,
      temperature: 0,
      seed: 0,
      prompt_logprobs: 0,
    });
    return readCompletion(raw, {
      prompts: prompts.length,
      n: 1,
      logprobs: false,
      promptLogprobs: true,
      stop: [],
    }).map((c) => c.promptLogprobs!);
  };

  async function score(
    problem: Problem,
    items: readonly { text: string; finished: boolean }[],
  ): Promise<VerifierScore[]> {
    const prompt = task.prompt(problem);
    let P = promptLength.get(problem.id);
    if (P === undefined) {
      // Tokens of the question alone: where the completion's log-probs start.
      P = (await teacherForced([prompt]))[0]!.length + 1;
      promptLength.set(problem.id, P);
    }
    const texts = items.map((it) => prompt + it.text + (it.finished && o.eosText ? o.eosText : ''));
    const chunks: Promise<number[][]>[] = [];
    for (let i = 0; i < texts.length; i += batch)
      chunks.push(teacherForced(texts.slice(i, i + batch)));
    const rows = (await Promise.all(chunks)).flat();
    return rows.map((lps, i) => {
      const completionLps = lps.slice(P - 1);
      return generativeScores(
        items[i]!.text,
        completionLps,
        items[i]!.finished && !!o.eosText,
        lps.length,
      );
    });
  }

  return {
    id: m.model,
    score: (problem, samples, finished) =>
      score(
        problem,
        samples.map((s, i) => ({ text: s.text, finished: finished[i]! })),
      ),
    stepScorer(t) {
      const d = t.stepDelimiter;
      return {
        id: m.model,
        async score(problem, paths, finished) {
          const scores = await score(
            problem,
            paths.map((steps, i) => ({
              text: finished[i] ? steps.join(d) : steps.map((s) => s + d).join(''),
              finished: finished[i]!,
            })),
          );
          return {
            values: scores.map((s, i) => {
              if (finished[i]) return s.outcome ?? 0;
              return s.steps.length === 0 ? 1 : Math.min(...s.steps);
            }),
            tokens: scores.reduce((n, s) => n + s.tokens, 0),
          };
        },
      };
    },
  };
}

/**
 * A step-reward model's per-step probabilities from vLLM's `/pooling`: one input per solution, as
 * search-and-learn builds it for Qwen2.5-Math-PRM (chat template applied by the caller, every step
 * followed by the model's step token); one row per step token, p(positive) read from each.
 */
export async function poolingStepScores(
  m: RemoteModel,
  inputs: readonly string[],
): Promise<number[][]> {
  if (!m.caps.pooling)
    throw new RemoteError(`${m.model} on this server does not answer /pooling`, 'invalid');
  const raw = await m.limit(() =>
    m.transport.post(
      '/pooling',
      { model: m.model, input: inputs },
      { root: true, ...(m.signal ? { signal: m.signal } : {}) },
    ),
  );
  return readPooling(raw, inputs.length);
}
