/**
 * Where an experiment's problems come from: generated from (seed, levels, count), or a set the user
 * brought as JSON Lines. An imported set is named in the experiment (and the link) by its content
 * hash; the problems themselves stay in this page (a link cannot carry a file), so a link naming a
 * set this page does not hold says so and shows generated problems.
 */
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

export function setImportedProblems(name: string, problems: Problem[]): string {
  const hash = problemSetHash(problems);
  imported = { hash, name, problems };
  return hash;
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
