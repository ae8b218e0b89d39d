/**
 * The search-trace format: a versioned event stream from which the tree is rebuilt (`replayTrace`).
 * Traces are exported and imported by strangers, so `validateTrace` checks every field (against
 * `trace.schema.json`) and every reference before anything reads them.
 */
import { shown, validateJson, type JsonSchema, type SchemaError } from '../schema/validateJson';
import schema from './trace.schema.json' with { type: 'json' };

export const TRACE_FORMAT_VERSION = 1;

export type NodeState = 'live' | 'kept' | 'pruned' | 'finished' | 'selected';

export type TraceEvent =
  /** A new step (node 0 is the prompt: parent null, empty text). */
  | {
      type: 'created';
      node: number;
      parent: number | null;
      text: string;
      tokens: number;
      finished: boolean;
      /** For finished nodes: the answer and the exact checker's verdict (shown, never used to search). */
      answer?: string | null;
      correct?: boolean;
    }
  | { type: 'scored'; node: number; score: number }
  | { type: 'kept'; node: number }
  | { type: 'pruned'; node: number }
  /** Particle filtering: the particle at `node` was drawn `copies` times (0 = it died out). */
  | { type: 'resampled'; node: number; copies: number }
  /** MCTS backup through `node` with a leaf value. */
  | { type: 'visited'; node: number; value: number }
  | { type: 'finished'; node: number }
  | { type: 'selected'; node: number }
  /** A round boundary (beam step, particle round, MCTS rollout): what the player steps through. */
  | { type: 'round'; index: number };

export interface SearchTrace {
  format: 'ttc-search-trace';
  version: number;
  strategy: string;
  params: Record<string, number | string | boolean>;
  problem: { id: string; question: string; answer: string };
  seed: number;
  events: TraceEvent[];
}

export interface TreeNode {
  id: number;
  parent: number | null;
  children: number[];
  depth: number;
  text: string;
  tokens: number;
  finished: boolean;
  answer: string | null;
  correct: boolean | null;
  score: number | null;
  state: NodeState;
  visits: number;
  valueSum: number;
  /** Particle filtering: how many particles sit on this node after its last resampling. */
  copies: number | null;
}

export interface SearchTree {
  nodes: TreeNode[];
  /** The selected node, or null before the search picks one. */
  selected: number | null;
  rounds: number;
}

/** Applies events [0, upTo) to an empty tree: the player scrubs by `upTo`. */
export function replayTrace(trace: Pick<SearchTrace, 'events'>, upTo = Infinity): SearchTree {
  const nodes: TreeNode[] = [];
  let selected: number | null = null;
  let rounds = 0;
  const end = Math.min(upTo, trace.events.length);
  for (let i = 0; i < end; i++) {
    const e = trace.events[i]!;
    if (e.type === 'created') {
      const parent = e.parent === null ? null : nodes[e.parent]!;
      nodes[e.node] = {
        id: e.node,
        parent: e.parent,
        children: [],
        depth: parent ? parent.depth + 1 : 0,
        text: e.text,
        tokens: e.tokens,
        finished: e.finished,
        answer: e.answer ?? null,
        correct: e.correct ?? null,
        score: null,
        state: e.finished ? 'finished' : 'live',
        visits: 0,
        valueSum: 0,
        copies: null,
      };
      parent?.children.push(e.node);
      continue;
    }
    if (e.type === 'round') {
      rounds = e.index + 1;
      continue;
    }
    const n = nodes[e.node]!;
    switch (e.type) {
      case 'scored':
        n.score = e.score;
        break;
      case 'kept':
      case 'pruned':
        n.state = e.type;
        break;
      case 'finished':
        n.state = 'finished';
        break;
      case 'selected':
        n.state = 'selected';
        selected = e.node;
        break;
      case 'resampled':
        n.copies = e.copies;
        // A finished particle stays in the population (its_hub) and stays finished.
        if (n.state !== 'finished') n.state = e.copies > 0 ? 'kept' : 'pruned';
        break;
      case 'visited':
        n.visits++;
        n.valueSum += e.value;
        break;
    }
  }
  return { nodes, selected, rounds };
}

/** The chain of node ids from the root to `node`. */
export function pathTo(tree: SearchTree, node: number): number[] {
  const path: number[] = [];
  for (let at: number | null = node; at !== null; at = tree.nodes[at]!.parent) path.push(at);
  return path.reverse();
}

/** A schema error in the words trace readers show: `event 12: parent must be …` for an event's field. */
function traceMessage(e: SchemaError): string {
  const m = /^\$\.events\[(\d+)\](?:\.?(.*))?$/.exec(e.path);
  if (!m) return `${e.path}: ${e.message}`;
  return `event ${m[1]}: ${m[2] ? `${m[2]} ` : ''}${e.message}`;
}

/**
 * Checks an untrusted trace: its shape against `trace.schema.json` (the one validator every file
 * format uses), then what a schema cannot say: nodes are created once, in order, under an existing
 * parent, and every other event names an existing node. Returns the trace or the first problems
 * found (with the event index), never throws.
 */
export function validateTrace(
  value: unknown,
): { ok: true; trace: SearchTrace } | { ok: false; errors: string[] } {
  const fail = (m: string) => ({ ok: false as const, errors: [m] });
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return fail('a trace must be a JSON object');
  const doc = value as Record<string, unknown>;
  if (!Object.hasOwn(doc, 'format') || doc.format !== 'ttc-search-trace')
    return fail('format must be "ttc-search-trace"');
  if (!Object.hasOwn(doc, 'version') || doc.version !== TRACE_FORMAT_VERSION)
    return fail(
      `version ${shown(doc.version)} is not supported (this build reads ${TRACE_FORMAT_VERSION})`,
    );
  const schemaErrors = validateJson(schema as JsonSchema, value, 10);
  if (schemaErrors.length > 0) return { ok: false, errors: schemaErrors.map(traceMessage) };
  const trace = value as SearchTrace;
  const errors: string[] = [];
  let created = 0;
  trace.events.forEach((e, i) => {
    if (errors.length >= 10) return;
    const bad = referenceProblem(e, created);
    if (bad) errors.push(`event ${i}: ${bad}`);
    else if (e.type === 'created') created++;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, trace };
}

/** What the schema cannot check: creation order and references to nodes that exist by then. */
function referenceProblem(e: TraceEvent, created: number): string | null {
  if (e.type === 'round') return null;
  if (e.type === 'created') {
    if (e.node !== created) return `node ${e.node} created out of order (expected ${created})`;
    const rootOk = created === 0 ? e.parent === null : e.parent !== null && e.parent < created;
    return rootOk ? null : 'parent must be null for node 0, else an existing node';
  }
  return e.node < created ? null : `${e.type} names an unknown node`;
}
