/**
 * `ttc serve`'s scheduler: completion jobs queue, and each round takes every queued job, groups those
 * with the same model, prompt and sampling settings, and draws each group as one batch (the prompt
 * prefilled once, one seeded stream per choice: `sampleCompletions`, the engine's own sampler). So
 * the sixteen n = 1 requests a client sends for one problem cost about what one n = 16 request does,
 * and every choice is drawn from the stream of its own seed, as in process.
 */
import { requestStream } from '../../src/core/rng';
import { sampleCompletions } from '../../src/runtime/generate';
import { logSoftmax } from '../../src/runtime/sampling';
import type { ServedModel } from './servedModel';

/** How a request's choices are drawn and cut: what a batch shares. */
export interface ChoiceSettings {
  temperature: number;
  topP: number;
  topK: number;
  maxTokens: number;
  stop: string[];
  includeStop: boolean;
}

export interface CompletionJob extends ChoiceSettings {
  model: ServedModel;
  prompt: number[];
  /** One seed per choice (vLLM: seed + j for choice j). */
  seeds: number[];
  promptLogprobs: boolean;
  signal: AbortSignal;
}

export interface ChoiceOut {
  tokens: number[];
  logprobs: number[];
  /** The output text, cut at the stop string (kept when `includeStop`). */
  text: string;
  finishReason: 'stop' | 'length';
  /** The stop string that matched; null for end-of-sequence or the length limit. */
  stopReason: string | null;
}

export interface JobOut {
  choices: ChoiceOut[];
  /** Per prompt token after the first: its id, log-prob and rank (1 = the most likely). */
  promptLogprobs: { id: number; logprob: number; rank: number }[] | null;
}

export interface EngineHooks {
  onJobDone?: (count: number) => void;
  /** Before every decode step of a batch; the step waits for what it returns (fault tests). */
  onDecodeStep?: (step: number, batch: AbortSignal) => Promise<void> | void;
}

interface Queued {
  job: CompletionJob;
  resolve: (out: JobOut) => void;
  reject: (e: unknown) => void;
}

/** Where the first stop string occurs in `text` at or after `from`, earliest first. */
function findStop(text: string, stops: readonly string[], from: number) {
  let best: { at: number; stop: string } | null = null;
  for (const s of stops) {
    const at = text.indexOf(s, Math.max(0, from - s.length + 1));
    if (at >= 0 && (!best || at < best.at)) best = { at, stop: s };
  }
  return best;
}

export class CompletionEngine {
  private queue: Queued[] = [];
  private running = false;
  /** Completed jobs and decode steps, counted for the hooks of the fault tests. */
  private done = 0;

  private steps = 0;

  constructor(
    /**
     * How long a round waits for more requests before it starts: the requests a client sends
     * together arrive on separate sockets over a few event-loop turns.
     */
    private readonly batchWaitMs = 2,
    private readonly hooks: EngineHooks = {},
  ) {}

  submit(job: CompletionJob): Promise<JobOut> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      if (!this.running) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await new Promise((r) => setTimeout(r, this.batchWaitMs));
        const round = this.queue.splice(0);
        const groups = new Map<string, Queued[]>();
        for (const q of round) {
          if (q.job.signal.aborted) {
            q.reject(q.job.signal.reason);
            continue;
          }
          const j = q.job;
          const key = JSON.stringify([
            j.model.id,
            j.prompt,
            j.temperature,
            j.topP,
            j.topK,
            j.maxTokens,
            j.stop,
            j.includeStop,
          ]);
          groups.set(key, [...(groups.get(key) ?? []), q]);
        }
        for (const group of groups.values()) await this.runGroup(group);
      }
    } finally {
      this.running = false;
    }
  }

  private async runGroup(group: Queued[]): Promise<void> {
    const live = group.filter((q) => {
      if (!q.job.signal.aborted) return true;
      q.reject(q.job.signal.reason);
      return false;
    });
    if (live.length === 0) return;
    // The batch stops (within one decode step) once every request in it is gone.
    const ctl = new AbortController();
    const onAbort = () => {
      if (live.every((q) => q.job.signal.aborted)) ctl.abort(new Error('cancelled'));
    };
    for (const q of live) q.job.signal.addEventListener('abort', onAbort);
    try {
      const first = live[0]!.job;
      const { model } = first;
      const seeds = live.flatMap((q) => q.job.seeds);
      const owner = live.flatMap((q, g) => q.job.seeds.map(() => g));
      // Each row's detokenized text, checked for stop strings past what was checked last step.
      const texts = seeds.map(() => '');
      const stops = new Map<number, { at: number; stop: string }>();
      const stop = first.stop.length
        ? (row: number, tokens: readonly number[]) => {
            const prev = texts[row]!.length;
            const text = (texts[row] = model.detokenize(tokens));
            const hit = findStop(text, first.stop, prev);
            if (hit) stops.set(row, hit);
            return hit !== null;
          }
        : undefined;
      const { completions } = await sampleCompletions(
        model.loaded.decoder,
        first.prompt,
        seeds.map(requestStream),
        {
          temperature: first.temperature,
          topP: first.topP,
          topK: first.topK,
          maxTokens: first.maxTokens,
          signal: ctl.signal,
          // The decode loop would otherwise hold the event loop for a whole batch: a client that
          // hangs up (its socket's close event) is seen before the next step, not after the batch.
          // Two turns, not one: measured by `npm run bench` (remote.cancel), one turn let a second
          // step run before the close event came through; two stop the batch within one step.
          beforeStep: async () => {
            await new Promise((r) => setImmediate(r));
            await new Promise((r) => setImmediate(r));
            await this.hooks.onDecodeStep?.(++this.steps, ctl.signal);
          },
          ...(stop ? { stop } : {}),
        },
      );
      const choices = completions.map((c, r): ChoiceOut => {
        const text = model.detokenize(c.tokens);
        const hit = stops.get(r);
        if (c.stopped && hit)
          return {
            tokens: c.tokens,
            logprobs: c.logprobs,
            text: text.slice(0, hit.at + (first.includeStop ? hit.stop.length : 0)),
            finishReason: 'stop',
            stopReason: hit.stop,
          };
        return {
          tokens: c.tokens,
          logprobs: c.logprobs,
          text,
          finishReason: c.finished ? 'stop' : 'length',
          stopReason: null,
        };
      });
      for (const [g, q] of live.entries()) {
        if (q.job.signal.aborted) {
          q.reject(q.job.signal.reason);
          continue;
        }
        q.resolve({
          choices: choices.filter((_, r) => owner[r] === g),
          promptLogprobs: q.job.promptLogprobs ? await promptLogprobs(q.job) : null,
        });
        this.hooks.onJobDone?.(++this.done);
      }
    } catch (e) {
      for (const q of live) q.reject(e);
    } finally {
      for (const q of live) q.job.signal.removeEventListener('abort', onAbort);
    }
  }
}

/** Teacher-forced log-prob and rank of every prompt token after the first (vLLM's prompt_logprobs). */
async function promptLogprobs(job: CompletionJob) {
  const { decoder } = job.model.loaded;
  const V = decoder.cfg.vocabSize;
  const ids = job.prompt;
  const { logits, cache } = await decoder.forward([ids], decoder.emptyCache(1));
  cache.dispose();
  const lp = new Float64Array(V);
  const out: { id: number; logprob: number; rank: number }[] = [];
  for (let t = 0; t + 1 < ids.length; t++) {
    logSoftmax(logits, t * V, V, lp);
    const id = ids[t + 1]!;
    let rank = 1;
    for (let v = 0; v < V; v++) if (lp[v]! > lp[id]!) rank++;
    out.push({ id, logprob: lp[id]!, rank });
  }
  return out;
}
