/**
 * Opens an exported search trace (from the Tree search tab or `ttc sweep --traces`) to play it back
 * without searching. Traces come from strangers: `validateTrace` checks every event first.
 */
import type { SearchResult } from '../../core/search';
import { pathTo, replayTrace, validateTrace } from '../../core/search/trace';
import { ZERO_COST } from '../../core/types';
import { parseJsonFile } from '../export/parseJsonFile';

export const MAX_TRACE_BYTES = 50 << 20;

/** The trace as a search result: the chosen path and its verdict; the tokens its nodes generated. */
export function readTraceText(text: string, name: string): SearchResult {
  if (text.length > MAX_TRACE_BYTES) throw new Error(`${name} is larger than 50 MB`);
  const json = parseJsonFile(text, name);
  return traceResult(json, name);
}

/** An already parsed trace (e.g. from a bundle), validated, as a search result. */
export function traceResult(json: unknown, name: string): SearchResult {
  const v = validateTrace(json);
  if (!v.ok) throw new Error(`${name} is not a search trace: ${v.errors.slice(0, 3).join('; ')}`);
  const tree = replayTrace(v.trace);
  const chosen = tree.selected === null ? null : tree.nodes[tree.selected]!;
  const path = tree.selected === null ? [] : pathTo(tree, tree.selected).slice(1);
  return {
    steps: path.map((id) => tree.nodes[id]!.text),
    answer: chosen?.answer ?? null,
    correct: chosen?.correct ?? false,
    cost: {
      ...ZERO_COST,
      generatedTokens: tree.nodes.reduce((s, n) => s + (n?.tokens ?? 0), 0),
    },
    trace: v.trace,
  };
}
