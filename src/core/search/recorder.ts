import { Rng } from '../rng';
import type { Cost } from '../types';
import { TRACE_FORMAT_VERSION, type TraceEvent } from './trace';
import type { SearchContext, SearchResult } from './types';

/** A node as the strategies see it: its whole path, so it can be extended and scored. */
export interface Node {
  id: number;
  parent: Node | null;
  steps: string[];
  finished: boolean;
  /** The verifier's value of the partial solution (null until scored). */
  score: number | null;
  answer: string | null;
  correct: boolean;
}

/**
 * What every tree strategy shares: creating nodes (one seeded draw per child, so runs replay),
 * scoring them, recording every event of the trace, and counting compute.
 */
export class SearchRecorder {
  readonly nodes: Node[] = [];
  readonly events: TraceEvent[] = [];
  private rounds = 0;
  private readonly cost: Cost = {
    promptTokens: 0,
    generatedTokens: 0,
    verifierTokens: 0,
    forwardPasses: 0,
    elapsedMs: 0,
  };

  /** Policy tokens generated so far (token budgets stop on it). */
  get generatedTokens(): number {
    return this.cost.generatedTokens;
  }
  private readonly started = performance.now();

  constructor(
    readonly ctx: SearchContext,
    readonly strategy: string,
    readonly params: Record<string, number | string | boolean>,
  ) {
    const root: Node = {
      id: 0,
      parent: null,
      steps: [],
      finished: false,
      score: null,
      answer: null,
      correct: false,
    };
    this.nodes.push(root);
    this.emit({ type: 'created', node: 0, parent: null, text: '', tokens: 0, finished: false });
  }

  get root(): Node {
    return this.nodes[0]!;
  }

  private emit(e: TraceEvent): void {
    this.events.push(e);
    this.ctx.onEvent?.(e);
  }

  /** The seed of child `index` of `parent`: named by the pair, never by how much was drawn before. */
  seedOf(parent: Node, index: number): number {
    return Rng.fromSeed(this.ctx.seed, 'search', this.ctx.problem.id, parent.id, index).nextU32();
  }

  /**
   * One new child per entry, drawn as one batch: child `indices[i]` of `parents[i]`. Temperature 0 is
   * greedy (lookahead rollouts).
   */
  async expand(
    parents: readonly Node[],
    indices: readonly number[],
    temperature: number,
    record = true,
  ): Promise<Node[]> {
    this.ctx.signal?.throwIfAborted();
    if (parents.length === 0) return [];
    // Greedy draws need no stream (and rollout nodes, never recorded, have no id to name one by).
    const requests = parents.map((p, i) => ({
      steps: p.steps,
      seed: temperature === 0 ? 0 : this.seedOf(p, indices[i]!),
    }));
    const out = await this.ctx.policy.propose(this.ctx.problem, requests, temperature);
    this.cost.promptTokens += out.promptTokens;
    this.cost.forwardPasses += out.forwardPasses;
    return out.steps.map((s, i) => {
      this.cost.generatedTokens += s.tokens;
      const parent = parents[i]!;
      const steps = [...parent.steps, s.text];
      const verdict = s.finished ? this.ctx.grade(steps) : { answer: null, correct: false };
      const node: Node = {
        id: record ? this.nodes.length : -1,
        parent,
        steps,
        finished: s.finished,
        score: null,
        answer: verdict.answer,
        correct: verdict.correct,
      };
      if (record) {
        this.nodes.push(node);
        this.emit({
          type: 'created',
          node: node.id,
          parent: parent.id,
          text: s.text,
          tokens: s.tokens,
          finished: s.finished,
          ...(s.finished ? { answer: verdict.answer, correct: verdict.correct } : {}),
        });
      }
      return node;
    });
  }

  /**
   * Extends each node until its solution ends (search-and-learn's last iteration, which samples to
   * end-of-sequence instead of to the step delimiter): child `indices[i]` of `parents[i]` first, then
   * one step at a time, each step a recorded node. The policy ends a solution at its length limit, so
   * this stops; `limit` steps is only a guard against a policy that never does.
   */
  async complete(
    parents: readonly Node[],
    indices: readonly number[],
    temperature: number,
    limit = 1024,
  ): Promise<Node[]> {
    const ends = await this.expand(parents, indices, temperature);
    await this.extendEnds(ends, limit - 1, temperature, true);
    return ends;
  }

  /**
   * Moves each unfinished node of `ends` (in place) up to `steps` steps further, one batch per step,
   * each extension as child 0 of the node before it; unrecorded ones are lookahead rollouts.
   */
  async extendEnds(
    ends: Node[],
    steps: number,
    temperature: number,
    record: boolean,
  ): Promise<void> {
    for (let s = 0; s < steps; s++) {
      const open = ends.flatMap((n, i) => (n.finished ? [] : [i]));
      if (open.length === 0) break;
      const next = await this.expand(
        open.map((i) => ends[i]!),
        open.map(() => 0),
        temperature,
        record,
      );
      open.forEach((i, j) => (ends[i] = next[j]!));
    }
  }

  /** Scores nodes with the verifier (one batch) and records the values. */
  async score(nodes: readonly Node[]): Promise<void> {
    this.ctx.signal?.throwIfAborted();
    if (nodes.length === 0) return;
    const { values, tokens } = await this.ctx.scorer.score(
      this.ctx.problem,
      nodes.map((n) => n.steps),
      nodes.map((n) => n.finished),
    );
    this.cost.verifierTokens += tokens;
    nodes.forEach((n, i) => this.setScore(n, values[i]!));
  }

  /** Records a value found another way (lookahead: the score of the node's greedy rollout). */
  setScore(n: Node, value: number): void {
    n.score = value;
    if (n.id >= 0) this.emit({ type: 'scored', node: n.id, score: value });
  }

  /** Scores paths without recording them (lookahead rollout ends); their verifier tokens count. */
  async scoreValues(paths: readonly Node[]): Promise<number[]> {
    const { values, tokens } = await this.ctx.scorer.score(
      this.ctx.problem,
      paths.map((n) => n.steps),
      paths.map((n) => n.finished),
    );
    this.cost.verifierTokens += tokens;
    return values;
  }

  /** Records the finished nodes among `nodes` (appending them to `done`) and returns the others. */
  settle(nodes: readonly Node[], done: Node[]): Node[] {
    const open: Node[] = [];
    for (const n of nodes) {
      if (n.finished) {
        done.push(n);
        this.finish(n);
      } else open.push(n);
    }
    return open;
  }

  keep(n: Node): void {
    this.emit({ type: 'kept', node: n.id });
  }
  prune(n: Node): void {
    this.emit({ type: 'pruned', node: n.id });
  }
  finish(n: Node): void {
    this.emit({ type: 'finished', node: n.id });
  }
  resampled(n: Node, copies: number): void {
    this.emit({ type: 'resampled', node: n.id, copies });
  }
  visited(n: Node, value: number): void {
    this.emit({ type: 'visited', node: n.id, value });
  }
  round(): void {
    this.emit({ type: 'round', index: this.rounds++ });
  }

  /**
   * Ends the search on `chosen` (null: nothing finished) and packages the result, with the completed
   * set the answer was chosen from where the strategy has one (node ids, repeats kept).
   */
  result(chosen: Node | null, completed?: readonly Node[]): SearchResult {
    if (chosen) this.emit({ type: 'selected', node: chosen.id });
    const { problem } = this.ctx;
    return {
      steps: chosen?.steps ?? [],
      answer: chosen?.finished ? chosen.answer : null,
      correct: !!chosen?.finished && chosen.correct,
      cost: { ...this.cost, elapsedMs: performance.now() - this.started },
      ...(completed ? { completed: completed.map((n) => n.id) } : {}),
      trace: {
        format: 'ttc-search-trace',
        version: TRACE_FORMAT_VERSION,
        strategy: this.strategy,
        params: this.params,
        problem: { id: problem.id, question: problem.question, answer: problem.answer },
        seed: this.ctx.seed,
        events: this.events,
      },
    };
  }
}

/** Highest score first; ties go to the older node (lower id), so every choice is reproducible. */
export const byScore = (a: Node, b: Node) =>
  (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.id - b.id;

/** The best-scored finished node, or null. */
export function bestFinished(nodes: readonly Node[]): Node | null {
  const done = nodes.filter((n) => n.finished);
  return done.length === 0 ? null : [...done].sort(byScore)[0]!;
}
