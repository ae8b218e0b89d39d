/**
 * Reads a `ttc sweep --strategy` results file (docs/formats.md) to draw its tree curves. Files come
 * from strangers: every run is checked against `searchResults.schema.json`, bad runs are dropped with a message, and the curves are
 * recomputed from the runs rather than trusted.
 */
import type { TreeStrategyId } from '../../core/search';
import {
  SEARCH_RESULTS_VERSION,
  searchCurves,
  type SearchCurvePoint,
  type SearchRun,
} from '../../runtime/searchSweep';
import { defSchema, shown, validateJson, type JsonSchema } from '../../core/schema/validateJson';
import { parseJsonFile } from '../export/parseJsonFile';
import schema from './searchResults.schema.json' with { type: 'json' };

export const isSearchResultsText = (text: string) =>
  /^\s*\{\s*"format"\s*:\s*"ttc-search-results"/.test(text.slice(0, 200));

export interface ReadSearchResults {
  runs: SearchRun[];
  curves: Record<string, SearchCurvePoint[]>;
  /** What was wrong with dropped runs (at most a few, then a count). */
  messages: string[];
  /** The policy the file's runs drew with (its `models` entry of role policy), when it names one. */
  policy?: string;
}

/** The id of a results file's policy model, read defensively (the schema leaves `models` open). */
function policyOf(models: unknown): string | undefined {
  if (!Array.isArray(models)) return undefined;
  const m: unknown = models.find(
    (x: unknown) => isObject(x) && Object.hasOwn(x, 'role') && x.role === 'policy',
  );
  if (!isObject(m) || !Object.hasOwn(m, 'id')) return undefined;
  const id = m.id;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const runSchema = defSchema(schema as JsonSchema, 'run');

/** Why a run cannot be drawn (its first schema error), or null. */
function runProblem(r: unknown): string | null {
  const e = validateJson(runSchema, r, 1)[0];
  return e ? `${e.path.replace(/^\$\.?/, '') || 'the run'} ${e.message}` : null;
}

export function readSearchResults(text: string, name: string): ReadSearchResults {
  const json = parseJsonFile(text, name);
  if (!isObject(json) || !Object.hasOwn(json, 'format') || json.format !== 'ttc-search-results')
    throw new Error(`${name} is not a search results file`);
  if (json.version !== SEARCH_RESULTS_VERSION)
    throw new Error(
      `${name} is search results version ${shown(json.version)}; this app reads version ${SEARCH_RESULTS_VERSION}`,
    );
  const bad = validateJson(schema as JsonSchema, json, 1)[0];
  if (bad)
    throw new Error(`${name} is not a valid search results file: ${bad.path}: ${bad.message}`);
  const seed =
    isObject(json.task) && Object.hasOwn(json.task, 'seed') ? (json.task.seed as number) : 0;
  const policy = Object.hasOwn(json, 'models') ? policyOf(json.models) : undefined;
  return { ...searchRunsFrom(json.runs as unknown[], name, seed), ...(policy ? { policy } : {}) };
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
        level: x.level ?? 0,
        strategy: x.strategy,
        n: x.n,
        seed: x.seed ?? 0,
        answer: x.answer ?? null,
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
