/**
 * Reads a `ttc sweep --strategy` results file (docs/formats.md) to draw its tree curves. Files come
 * from strangers: every run is checked, bad runs are dropped with a message, and the curves are
 * recomputed from the runs rather than trusted.
 */
import { isTreeStrategy, type TreeStrategyId } from '../../core/search';
import {
  SEARCH_RESULTS_VERSION,
  searchCurves,
  type SearchCurvePoint,
  type SearchRun,
} from '../../runtime/searchSweep';
import { parseJsonFile } from '../export/parseJsonFile';

export const isSearchResultsText = (text: string) =>
  /^\s*\{\s*"format"\s*:\s*"ttc-search-results"/.test(text.slice(0, 200));

export interface ReadSearchResults {
  runs: SearchRun[];
  curves: Record<string, SearchCurvePoint[]>;
  /** What was wrong with dropped runs (at most a few, then a count). */
  messages: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function runProblem(r: unknown): string | null {
  if (!isObject(r)) return 'not an object';
  if (typeof r.problem !== 'string' || r.problem.length > 200) return 'no problem id';
  if (typeof r.strategy !== 'string' || !isTreeStrategy(r.strategy)) return 'unknown strategy';
  if (!Number.isInteger(r.n) || (r.n as number) < 1 || (r.n as number) > 1 << 20) return 'bad n';
  if (typeof r.correct !== 'boolean') return 'no verdict';
  const c = r.cost;
  if (
    !isObject(c) ||
    !count(c.generatedTokens) ||
    !count(c.promptTokens) ||
    !count(c.verifierTokens)
  )
    return 'bad cost';
  return null;
}

export function readSearchResults(text: string, name: string): ReadSearchResults {
  const json = parseJsonFile(text, name);
  if (!isObject(json) || json.format !== 'ttc-search-results')
    throw new Error(`${name} is not a search results file`);
  if (json.version !== SEARCH_RESULTS_VERSION)
    throw new Error(
      `${name} is search results version ${String(json.version).slice(0, 20)}; this app reads version ${SEARCH_RESULTS_VERSION}`,
    );
  if (!Array.isArray(json.runs)) throw new Error(`${name} has no runs`);
  const seed =
    isObject(json.task) && Number.isInteger(json.task.seed) ? (json.task.seed as number) : 0;
  return searchRunsFrom(json.runs, name, seed);
}

/** Checks raw runs (from a results file or a bundle) and recomputes their curves. */
export function searchRunsFrom(
  raw: readonly unknown[],
  name: string,
  seed: number,
): ReadSearchResults {
  const runs: SearchRun[] = [];
  const bad: string[] = [];
  raw.forEach((r: unknown, i) => {
    const why = runProblem(r);
    if (why) bad.push(`run ${i}: ${why}`);
    else {
      const x = r as SearchRun;
      runs.push({
        problem: x.problem,
        level: Number.isInteger(x.level) ? x.level : 0,
        strategy: x.strategy,
        n: x.n,
        seed: Number.isInteger(x.seed) ? x.seed : 0,
        answer: typeof x.answer === 'string' ? x.answer : null,
        correct: x.correct,
        cost: x.cost,
      });
    }
  });
  if (runs.length === 0)
    throw new Error(`${name} has no valid runs${bad[0] ? ` (${bad[0]})` : ''}`);
  const strategies = [...new Set(runs.map((r) => r.strategy))] as TreeStrategyId[];
  const budgets = [...new Set(runs.map((r) => r.n))].sort((a, b) => a - b);
  const messages =
    bad.length === 0
      ? []
      : [
          `${name}: dropped ${bad.length} bad run${bad.length > 1 ? 's' : ''} (${bad.slice(0, 3).join('; ')}${bad.length > 3 ? '; …' : ''})`,
        ];
  return { runs, curves: searchCurves(runs, strategies, budgets, seed), messages };
}
