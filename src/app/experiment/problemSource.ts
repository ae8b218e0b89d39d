/**
 * Where an experiment's problems come from: generated from (seed, levels, count), or a set the user
 * brought as JSON Lines. An imported set is named in the experiment (and the link) by its content
 * hash; the problems themselves stay in this browser (a link cannot carry a file): kept in
 * localStorage so a reload finds them, the last `MAX_KEPT_SETS` sets. A link naming a set this
 * browser does not hold says so and shows generated problems.
 */
import poolSchema from '../../core/pool/pool.schema.json' with { type: 'json' };
import { defSchema, validateJson, type JsonSchema } from '../../core/schema/validateJson';
import { getTask } from '../../core/tasks';
import { makeProblemSet } from '../../core/tasks/problemSet';
import type { Problem } from '../../core/types';
import type { Experiment } from './settings';

let imported: { hash: string; name: string; problems: Problem[] } | null = null;

/** FNV-1a over the problems' text: a short stable name for the set (not a security hash). */
export function problemSetHash(problems: readonly Problem[]): string {
  let h = 0x811c9dc5;
  for (const p of problems) {
    for (const c of `${p.id}\u0000${p.question}\u0000${p.answer}\u0000${p.level}\n`) {
      h ^= c.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

export const MAX_KEPT_SETS = 8;
const INDEX_KEY = 'ttc-problem-sets';
const setKey = (hash: string) => `ttc-problem-set:${hash}`;
const problemSchema = defSchema(poolSchema as JsonSchema, 'problem');

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (e.g. a sandboxed frame)
  }
}

function keptHashes(store: Storage): string[] {
  try {
    const list: unknown = JSON.parse(store.getItem(INDEX_KEY) ?? '[]');
    return Array.isArray(list)
      ? list.filter((h) => typeof h === 'string' && /^[0-9a-f]{8}$/.test(h))
      : [];
  } catch {
    return [];
  }
}

/** Keeps the set for the next visit (newest first, the oldest dropped); false when storage refused. */
function keep(hash: string, name: string, problems: Problem[]): boolean {
  const store = storage();
  if (!store) return false;
  const hashes = [hash, ...keptHashes(store).filter((h) => h !== hash)];
  for (const old of hashes.splice(MAX_KEPT_SETS)) store.removeItem(setKey(old));
  try {
    store.setItem(setKey(hash), JSON.stringify({ name, problems }));
    store.setItem(INDEX_KEY, JSON.stringify(hashes));
    return true;
  } catch {
    return false; // quota: the set stays in this page only
  }
}

/** Makes `problems` the page's imported set (and keeps it for a reload); returns its hash. */
export function setImportedProblems(name: string, problems: Problem[]): string {
  const hash = problemSetHash(problems);
  imported = { hash, name, problems };
  keep(hash, name, problems);
  return hash;
}

/**
 * Brings back a set this browser kept, checked as strictly as a file (storage is the user's to edit);
 * true when the page now holds it.
 */
export function restoreImportedProblems(hash: string): boolean {
  if (imported?.hash === hash) return true;
  const raw = storage()?.getItem(setKey(hash));
  if (!raw) return false;
  try {
    const kept = JSON.parse(raw) as { name?: unknown; problems?: unknown };
    if (typeof kept.name !== 'string' || !Array.isArray(kept.problems)) return false;
    if (kept.problems.some((p) => validateJson(problemSchema, p, 1).length > 0)) return false;
    const problems = kept.problems as Problem[];
    if (problemSetHash(problems) !== hash) return false;
    imported = { hash, name: kept.name, problems };
    return true;
  } catch {
    return false;
  }
}

export const importedProblems = () => imported;

/** Whether the page holds the set `e` names (generated sets always). */
export const hasProblems = (e: Experiment) => e.custom === null || imported?.hash === e.custom;

/** The experiment's problems: its imported set's first `problems`, or the generated set. */
export function problemSet(e: Experiment, count = e.problems): Problem[] {
  if (e.custom !== null && imported?.hash === e.custom) return imported.problems.slice(0, count);
  return makeProblemSet(getTask(e.task), e.seed, e.levels, count);
}

/**
 * The problem set a pool file answers: null when it is the generated set its seed and levels give
 * (the usual case), else its problems become the page's imported set and this is their hash — so
 * the Tree search tab and the tree curves search the pool's own problems.
 */
export function adoptPoolProblems(problems: Problem[], e: Experiment, name: string): string | null {
  const generated = makeProblemSet(getTask(e.task), e.seed, e.levels, problems.length);
  const same = problems.every(
    (p, i) => p.id === generated[i]?.id && p.question === generated[i]?.question,
  );
  return same ? null : setImportedProblems(name, problems);
}
