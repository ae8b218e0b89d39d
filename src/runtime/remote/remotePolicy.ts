/**
 * The policy on a remote server, behind the engine's two policy interfaces: a problem's samples for a
 * pool (`remoteDraw`, what `drawSamples` is in process) and next steps for tree search
 * (`remoteStepPolicy`, a `StepPolicy`). By default every sample is its own `n = 1` request carrying
 * the u32 seed the pool records, so the server (whose prefix cache shares the prompt) draws from the
 * same stream as the page would; a step is a completion that stops at the task's delimiter with the
 * delimiter kept, sent as question + partial solution.
 */
import { sampleSeed } from '../../core/rng';
import type { StepPolicy, StepProposal } from '../../core/search/types';
import type { Task } from '../../core/tasks/task';
import type { Problem, Sample } from '../../core/types';
import { confidenceScores } from '../../core/verifiers/confidence';
import { lineSpans } from '../../core/verifiers/lines';
import { tokenStepSpans } from '../../core/verifiers/tokenSpans';
import {
  CONFIDENCE_VERIFIER,
  MEAN_LOGPROB_VERIFIER,
  meanLogprobScores,
  minLogprobScores,
} from '../../core/verifiers/verifierFree';
import type { DrawnSamples, DrawRange } from '../drawSamples';
import { remotePrompt, samplingBody, type RemoteModel, type SamplingFields } from './remoteModel';
import { readCompletion, usagePromptTokens, type RemoteChoice } from './shapes';
import { RemoteError } from './transport';

export interface RemoteDrawOptions extends SamplingFields {
  /** After each sample arrives: how many have, and the tokens it generated. */
  onSample?: (done: number, total: number, tokens: number) => void;
}

/** Where each token's text ends in the choice's text (from `text_offset`, else token lengths). */
function charEnds(c: RemoteChoice): number[] {
  const toks = c.tokens ?? [];
  return toks.map((t, i) => {
    const next = c.offsets?.[i + 1];
    const end = next ?? (c.offsets ? c.offsets[i]! + t.length : undefined);
    return Math.min(c.text.length, end ?? toks.slice(0, i + 1).join('').length);
  });
}

async function complete(
  m: RemoteModel,
  body: Record<string, unknown>,
  ask: { n: number; stop: string[] },
) {
  const raw = await m.limit(() =>
    m.transport.post('/completions', body, m.signal ? { signal: m.signal } : {}),
  );
  const choices = readCompletion(raw, {
    prompts: 1,
    n: ask.n,
    logprobs: m.caps.logprobs,
    promptLogprobs: false,
    stop: ask.stop,
  });
  return { choices, promptTokens: usagePromptTokens(raw) };
}

function toSample(
  task: Task,
  problem: Problem,
  c: RemoteChoice,
  index: number,
  seed: number,
  temperature: number,
): Sample {
  const lp = c.logprobs;
  const finished = c.finish === 'eos';
  const scores: Sample['scores'] = {};
  if (lp) {
    // The built-in format (a step per line, checked exactly) keeps the line rule its figures use,
    // as in process for character-level models.
    const spans = task.checksSteps
      ? lineSpans(c.text, finished).steps
      : tokenStepSpans(c.text, charEnds(c), task.stepDelimiter);
    scores[CONFIDENCE_VERIFIER.id] = task.checksSteps
      ? confidenceScores(c.text, lp, finished)
      : minLogprobScores(lp, spans);
    scores[MEAN_LOGPROB_VERIFIER.id] = meanLogprobScores(lp, spans);
  }
  return {
    index,
    text: c.text,
    ...task.grade(problem, c.text),
    tokens: c.tokens?.length ?? null,
    meanLogprob: lp ? (lp.length ? lp.reduce((a, b) => a + b, 0) / lp.length : 0) : null,
    minLogprob: lp ? (lp.length ? Math.min(...lp) : 0) : null,
    temperature,
    seed,
    scores,
  };
}

/** One problem's samples from the server: the given indices, graded by the task's exact checker. */
export async function remoteDraw(
  m: RemoteModel,
  task: Task,
  problem: Problem,
  range: DrawRange,
  o: RemoteDrawOptions,
): Promise<DrawnSamples> {
  const started = performance.now();
  const prompt = await remotePrompt(m, problem.id, task.prompt(problem), '');
  const base = samplingBody(m, o);
  const seeds = range.indices.map((i) => sampleSeed(range.seed, problem.id, i));
  let done = 0;
  let choices: RemoteChoice[];
  let promptTokens = 0;
  if (m.useN && m.caps.n && seeds.length > 1) {
    // vLLM's rule: choice j is seeded seed + j, so the samples record those seeds.
    const r = await complete(
      m,
      { ...base, prompt, n: seeds.length, seed: seeds[0], logprobs: 0 },
      { n: seeds.length, stop: [] },
    );
    choices = r.choices;
    promptTokens = r.promptTokens;
    seeds.forEach((_, j) => (seeds[j] = (seeds[0]! + j) >>> 0));
    o.onSample?.(
      seeds.length,
      seeds.length,
      choices.reduce((t, c) => t + (c.tokens?.length ?? 0), 0),
    );
  } else {
    choices = await Promise.all(
      seeds.map(async (seed) => {
        const r = await complete(
          m,
          { ...base, prompt, n: 1, seed, logprobs: 0 },
          { n: 1, stop: [] },
        );
        promptTokens = r.promptTokens;
        o.onSample?.(++done, seeds.length, r.choices[0]!.tokens?.length ?? 0);
        return r.choices[0]!;
      }),
    );
  }
  const samples = choices.map((c, j) =>
    toSample(task, problem, c, range.indices[j]!, seeds[j]!, o.temperature),
  );
  const generated = samples.reduce((s, x) => s + (x.tokens ?? 0), 0);
  return {
    samples,
    finished: choices.map((c) => c.finish === 'eos'),
    cost: {
      // The prompt counts once, as in process: the server's prefix cache prefills it once.
      promptTokens,
      generatedTokens: generated,
      verifierTokens: 0,
      forwardPasses: 0,
      elapsedMs: performance.now() - started,
    },
  };
}

export interface RemoteStepOptions {
  topP: number;
  topK: number;
  maxStepTokens: number;
  maxTokens: number;
}

/**
 * Tree search's policy on the server: each request is one completion of question + partial
 * solution that stops at the step delimiter (kept in the output), seeded by the request's seed. The
 * partial solution's token count is remembered from the steps this policy proposed, so the length
 * limit counts as in process.
 */
export function remoteStepPolicy(m: RemoteModel, task: Task, o: RemoteStepOptions): StepPolicy {
  const d = task.stepDelimiter;
  const key = (steps: readonly string[]) => steps.join('\u0000');
  let sofar = new Map<string, number>();
  let problemId = '';
  return {
    async propose(problem, requests, temperature) {
      if (!m.caps.logprobs)
        throw new RemoteError(
          'tree search needs token log-probs, which this server does not return',
          'invalid',
        );
      if (problem.id !== problemId) {
        sofar = new Map();
        problemId = problem.id;
      }
      const question = task.prompt(problem);
      const steps = await Promise.all(
        requests.map(async (r): Promise<StepProposal> => {
          const k = key(r.steps);
          const used = r.steps.length === 0 ? 0 : sofar.get(k);
          if (used === undefined)
            throw new Error('a step was asked for a partial solution this policy did not write');
          const body = {
            ...samplingBody(m, {
              temperature,
              topP: o.topP,
              topK: o.topK,
              maxTokens: Math.max(1, Math.min(o.maxStepTokens, o.maxTokens - used)),
            }),
            prompt: await remotePrompt(
              m,
              problem.id,
              question,
              r.steps.length ? r.steps.join(d) + d : '',
            ),
            n: 1,
            seed: r.seed,
            stop: [d],
            include_stop_str_in_output: true,
            no_stop_trim: true, // SGLang's name for it
            logprobs: 0,
          };
          const [c] = (await complete(m, body, { n: 1, stop: [d] })).choices;
          const text = c!.text.endsWith(d) ? c!.text.slice(0, -d.length) : c!.text;
          const tokens = c!.tokens!.length;
          const finished = c!.finish !== 'stop' || task.endsSolution(text);
          if (!finished) sofar.set(key([...r.steps, text]), used + tokens);
          return { text, tokens, logprob: c!.logprobs!.reduce((a, b) => a + b, 0), finished };
        }),
      );
      // The server's prefix cache decides what it re-reads; it does not say, so none is counted.
      return { steps, promptTokens: 0, forwardPasses: 0 };
    },
  };
}
