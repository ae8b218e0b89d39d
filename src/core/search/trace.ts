/**
 * The search-trace format: a versioned event stream from which the tree is rebuilt (`replayTrace`).
 * Traces are exported and imported by strangers, so `validateTrace` checks every field and every
 * reference before anything reads them.
 */
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
  params: Record<string, number | string>;
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
        n.state = e.copies > 0 ? 'kept' : 'pruned';
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

const MAX_EVENTS = 200_000;
const MAX_TEXT = 1000;

/**
 * Checks an untrusted trace: the shape of every event, that nodes are created once, in order, under an
 * existing parent, and that every other event names an existing node. Returns the trace or the first
 * problems found (with the event index), never throws.
 */
export function validateTrace(
  value: unknown,
): { ok: true; trace: SearchTrace } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const fail = (m: string) => ({ ok: false as const, errors: [...errors, m] });
  if (!isObject(value)) return fail('a trace must be a JSON object');
  if (value.format !== 'ttc-search-trace') return fail('format must be "ttc-search-trace"');
  if (value.version !== TRACE_FORMAT_VERSION)
    return fail(
      `version ${String(value.version)} is not supported (this build reads ${TRACE_FORMAT_VERSION})`,
    );
  if (typeof value.strategy !== 'string' || value.strategy.length > 100)
    errors.push('strategy must be a short string');
  if (!isObject(value.params) || !Object.values(value.params).every(isScalar))
    errors.push('params must map names to numbers or strings');
  const p = value.problem;
  if (!isObject(p) || !isText(p.id) || !isText(p.question) || !isText(p.answer))
    errors.push('problem must have string id, question and answer');
  if (!isU32(value.seed)) errors.push('seed must be an integer in [0, 2^32)');
  if (!Array.isArray(value.events)) return fail('events must be an array');
  if (value.events.length > MAX_EVENTS) return fail(`more than ${MAX_EVENTS} events`);
  let created = 0;
  value.events.forEach((e: unknown, i: number) => {
    if (errors.length >= 10) return;
    const bad = eventProblem(e, created);
    if (bad) errors.push(`event ${i}: ${bad}`);
    else if ((e as TraceEvent).type === 'created') created++;
  });
  return errors.length > 0
    ? { ok: false, errors }
    : { ok: true, trace: value as unknown as SearchTrace };
}

function eventProblem(e: unknown, created: number): string | null {
  if (!isObject(e) || typeof e.type !== 'string') return 'not an event object';
  const node = e.node;
  switch (e.type) {
    case 'round':
      return Number.isInteger(e.index) && (e.index as number) >= 0 ? null : 'bad round index';
    case 'created': {
      if (node !== created)
        return `node ${String(node)} created out of order (expected ${created})`;
      const rootOk = created === 0 ? e.parent === null : isNodeRef(e.parent, created);
      if (!rootOk) return 'parent must be null for node 0, else an existing node';
      if (!isText(e.text) || (e.text as string).length > MAX_TEXT) return 'text must be a string';
      if (!isCount(e.tokens)) return 'tokens must be a nonnegative integer';
      if (typeof e.finished !== 'boolean') return 'finished must be a boolean';
      if (e.answer !== undefined && e.answer !== null && !isText(e.answer)) return 'bad answer';
      if (e.correct !== undefined && typeof e.correct !== 'boolean') return 'bad correct flag';
      return null;
    }
    case 'scored':
    case 'visited': {
      const v = e.type === 'scored' ? e.score : e.value;
      if (!isNodeRef(node, created)) return `${e.type} names an unknown node`;
      return typeof v === 'number' && Number.isFinite(v) ? null : 'value must be a finite number';
    }
    case 'resampled':
      if (!isNodeRef(node, created)) return 'resampled names an unknown node';
      return isCount(e.copies) ? null : 'copies must be a nonnegative integer';
    case 'kept':
    case 'pruned':
    case 'finished':
    case 'selected':
      return isNodeRef(node, created) ? null : `${e.type} names an unknown node`;
    default:
      return `unknown event type "${String(e.type).slice(0, 40)}"`;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 10_000;
const isScalar = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length <= 200);
const isCount = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;
const isU32 = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 32;
const isNodeRef = (v: unknown, created: number) =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) < created;
