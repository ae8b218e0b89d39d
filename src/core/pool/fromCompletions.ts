/**
 * A pool from completions sampled elsewhere (another engine, a paper's released outputs): problems
 * from a problem set (any format its task reads), completions as `{"problem_id", "completion"}` lines
 * (`problem_id` is a problem's `id`, or its line number in the problem file when it has none). Each
 * completion is graded by the task — the extracted, normalized answer and the equivalence verdict —
 * and what the lines do not say (token counts, log-probs, temperature, seed; step verdicts for free
 * text) is unknown in the pool (version 2), never made up.
 */
import { parseProblemsJsonl } from '../tasks/problemsJsonl';
import type { Task } from '../tasks/task';
import { ZERO_COST, type Pool, type PoolEntry, type Sample } from '../types';
import { ENGINE_VERSION } from '../version';
import { POOL_FORMAT_VERSION } from './migrate';

export interface LineError {
  file: 'problems' | 'completions';
  line: number;
  reason: string;
}

export function poolFromCompletions(
  task: Task,
  problemsText: string,
  completionsText: string,
  createdAt = new Date().toISOString(),
): { pool: Pool; errors: LineError[] } {
  const set = parseProblemsJsonl(problemsText, task);
  const errors: LineError[] = set.errors.map((e) => ({ file: 'problems', ...e }));
  const byId = new Map(set.problems.map((p, i) => [p.id, i]));
  const samples: Sample[][] = set.problems.map(() => []);
  completionsText.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const fail = (reason: string) => errors.push({ file: 'completions', line: i + 1, reason });
    let row: unknown;
    try {
      row = JSON.parse(raw);
    } catch {
      return fail('not valid JSON');
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      return fail('expected an object like {"problem_id": "…", "completion": "…"}');
    const r = row as Record<string, unknown>;
    if (!Object.hasOwn(r, 'completion') || typeof r.completion !== 'string')
      return fail('"completion" must be text');
    const pid = Object.hasOwn(r, 'problem_id') ? r.problem_id : undefined;
    const key =
      typeof pid === 'number' && Number.isInteger(pid)
        ? `line-${pid}`
        : typeof pid === 'string'
          ? pid
          : null;
    if (key === null) return fail('"problem_id" must be a problem\'s id or its line number');
    const at = byId.get(key) ?? (typeof pid === 'string' ? byId.get(`line-${pid}`) : undefined);
    if (at === undefined) return fail(`no problem ${JSON.stringify(pid)} in the problem file`);
    const problem = set.problems[at]!;
    const grade = task.grade(problem, r.completion);
    samples[at]!.push({
      index: samples[at]!.length,
      text: r.completion,
      ...grade,
      tokens: null,
      meanLogprob: null,
      minLogprob: null,
      temperature: null,
      seed: null,
      scores: {},
    });
  });
  const problems: PoolEntry[] = set.problems.flatMap((problem, i) =>
    samples[i]!.length === 0
      ? []
      : [
          {
            problem,
            samples: samples[i]!,
            // Nothing was spent here; what the completions cost elsewhere is not known.
            cost: { ...ZERO_COST },
          },
        ],
  );
  return {
    errors,
    pool: {
      format: 'ttc-pool',
      version: POOL_FORMAT_VERSION,
      engineVersion: ENGINE_VERSION,
      task: {
        id: task.id,
        levels: [...new Set(problems.map((p) => p.problem.level))].sort((a, b) => a - b),
        seed: 0,
      },
      models: [{ role: 'policy', id: 'external', hash: 'unknown' }],
      verifiers: [],
      sampling: { temperatures: [], topP: null, topK: null, maxTokens: null },
      seed: 0,
      backend: 'external',
      createdAt,
      problems,
    },
  };
}
