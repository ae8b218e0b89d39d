/**
 * An experiment bundle: the settings (as the link's query string), the scored pool, the tree curves'
 * runs and the trace on show, in one versioned JSON file. Dropped back onto the page (or opened with
 * `?pool=/path.json`) it shows the run without recomputing: the dependable path for talks. Bundles
 * come from strangers: the envelope is checked against `bundle.schema.json`, the settings go through the link parser, the pool through the pool validator,
 * the runs and the trace through theirs.
 */
import { validatePool } from '../../core/pool/validate';
import type { SearchTrace } from '../../core/search/trace';
import type { Pool } from '../../core/types';
import { ENGINE_VERSION } from '../../core/version';
import type { SearchRun } from '../../runtime/searchSweep';
import type { Experiment } from '../experiment/settings';
import { parseExperiment, serializeExperiment } from '../experiment/urlCodec';
import { shown, validateJson, type JsonSchema } from '../../core/schema/validateJson';
import schema from './bundle.schema.json' with { type: 'json' };
import { parseJsonFile } from './parseJsonFile';

export const BUNDLE_VERSION = 1;

export interface Bundle {
  format: 'ttc-bundle';
  version: number;
  engineVersion: string;
  /** The experiment as the link's query string (docs/formats.md). */
  settings: string;
  pool: Pool;
  /** The tree curves' runs (recomputed into curves on import), if any. */
  searchRuns?: SearchRun[];
  /** The search trace the Tree search tab shows, if any. */
  trace?: SearchTrace;
}

export const isBundleText = (text: string) =>
  /^\s*\{\s*"format"\s*:\s*"ttc-bundle"/.test(text.slice(0, 200));

export function makeBundle(
  e: Experiment,
  pool: Pool,
  searchRuns: SearchRun[],
  trace: SearchTrace | null,
): Bundle {
  return {
    format: 'ttc-bundle',
    version: BUNDLE_VERSION,
    engineVersion: ENGINE_VERSION,
    settings: serializeExperiment(e),
    pool,
    ...(searchRuns.length > 0 ? { searchRuns } : {}),
    ...(trace ? { trace } : {}),
  };
}

export interface ReadBundle {
  experiment: Experiment;
  pool: Pool;
  /** The raw runs and trace, for their own readers (`readSearchResults`, `readTraceText`). */
  searchRuns: unknown[] | null;
  trace: unknown;
  messages: string[];
}

export function readBundle(text: string, name: string): ReadBundle {
  const json = parseJsonFile(text, name) as Record<string, unknown>;
  if (
    typeof json !== 'object' ||
    json === null ||
    !Object.hasOwn(json, 'format') ||
    json.format !== 'ttc-bundle'
  )
    throw new Error(`${name} is not an experiment bundle`);
  if (json.version !== BUNDLE_VERSION)
    throw new Error(
      `${name} is bundle version ${shown(json.version)}; this page reads version ${BUNDLE_VERSION}`,
    );
  const bad = validateJson(schema as JsonSchema, json, 1)[0];
  if (bad) throw new Error(`${name} is not a valid bundle: ${bad.path}: ${bad.message}`);
  const settings = json.settings as string;
  const { experiment, messages } = parseExperiment(settings);
  const pool = validatePool(json.pool);
  if (!pool.ok)
    throw new Error(
      `${name}: its pool is not valid: ${pool.errors
        .slice(0, 3)
        .map((e) => `${e.path}: ${e.message}`)
        .join('; ')}`,
    );
  const engine = json.engineVersion as string;
  if (engine !== ENGINE_VERSION)
    messages.push(`${name} was made by engine ${engine}; this page runs ${ENGINE_VERSION}.`);
  return {
    experiment,
    pool: pool.pool,
    searchRuns: Object.hasOwn(json, 'searchRuns') ? (json.searchRuns as unknown[]) : null,
    trace: Object.hasOwn(json, 'trace') ? json.trace : null,
    messages: messages.map((m) => `${name}: ${m}`),
  };
}
