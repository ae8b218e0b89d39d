import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getTask } from '../../core/tasks';
import type { Problem } from '../../core/types';

/** localStorage as browsers have it, with a quota hook. */
class MemoryStorage {
  items = new Map<string, string>();
  full = false;
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(k, v);
  };
  removeItem = (k: string) => void this.items.delete(k);
}

const problem = (i: number): Problem =>
  getTask('math').fromQuestion(`What is ${i} + ${i}?`, String(2 * i), `q${i}`) as Problem;

let store: MemoryStorage;
beforeEach(() => {
  store = new MemoryStorage();
  vi.stubGlobal('localStorage', store);
  vi.resetModules();
});
afterEach(() => vi.unstubAllGlobals());

// A fresh module per test: the page's held set starts empty, as after a reload.
const source = () => import('./problemSource');

describe('imported problem sets survive a reload', () => {
  it('a set kept by one page is brought back by the next', async () => {
    const hash = (await source()).setImportedProblems('mine.jsonl', [problem(1), problem(2)]);
    const next = await source();
    vi.resetModules();
    expect(next.restoreImportedProblems(hash)).toBe(true);
    expect(next.importedProblems()).toMatchObject({ hash, name: 'mine.jsonl' });
    expect(next.importedProblems()!.problems.map((p) => p.id)).toEqual(['q1', 'q2']);
  });

  it('keeps the last 8 sets, refuses tampered or unknown ones, and survives a full storage', async () => {
    const first = await source();
    const hashes = Array.from({ length: 9 }, (_, i) =>
      first.setImportedProblems(`s${i}`, [problem(i)]),
    );
    const next = await source();
    expect(next.restoreImportedProblems(hashes[0]!)).toBe(false); // the oldest was dropped
    expect(next.restoreImportedProblems(hashes[8]!)).toBe(true);
    const key = `ttc-problem-set:${hashes[7]}`;
    store.items.set(key, store.items.get(key)!.replace('What is', 'Why is'));
    expect(next.restoreImportedProblems(hashes[7]!)).toBe(false); // not the set its hash names
    store.items.set(`ttc-problem-set:${hashes[6]}`, '{"name":"x","problems":[{"id":1}]}');
    expect(next.restoreImportedProblems(hashes[6]!)).toBe(false);
    expect(next.restoreImportedProblems('00000000')).toBe(false);
    store.full = true;
    const hash = next.setImportedProblems('big', [problem(42)]);
    expect(next.importedProblems()!.hash).toBe(hash); // still held by this page
  });
});
