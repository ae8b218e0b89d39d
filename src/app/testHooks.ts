/**
 * Test hooks of the test build, set by the e2e suite through `window.__TTC_TEST__` (events, never
 * timers). Every use sits behind `if (TEST_BUILD)`, so the production build contains none.
 */
import { TEST_BUILD } from '../runtime/testBuild';

export interface TestHooks {
  /** Kill the policy worker when its first progress event arrives. */
  killWorkerOnFirstProgress?: boolean;
  /** Cancel the run when this many problems are done. */
  cancelAfterProblems?: number;
  /** What `navigator.storage.estimate()` answers (a quota too small for a download). */
  storageEstimate?: { usage: number; quota: number };
  /** The next this many IndexedDB writes fail with QuotaExceededError, as a full disk makes them. */
  failStorageWrites?: number;
  /** The next model load's first this many Cache API writes (its files) fail the same way. */
  failCacheWrites?: number;
  /** Kill the search worker as its this-many-th search run starts (1 = the first). */
  killSearchWorkerOnRun?: number;
  /** Cancel the chart's tree curves once this many of their runs are done. */
  cancelTreeCurvesAfterRuns?: number;
  /** Counted by the app when present: search runs the search workers were asked for (a replay from
   * the run cache is not one), so a test sees that nothing was searched twice. */
  searchRunsStarted?: number;
  /** When the policy's download of a file ending with `path` reports its first bytes: cancel
   * the run, or kill the policy worker (once). */
  downloadFault?: { path: string; kind: 'cancel' | 'kill' };
  /** Kill the verifier worker as its this-many-th scoring call starts (1 = the first). */
  killVerifierWorkerOnScore?: number;
  /** Lose the GPU device (`device.destroy()`) once: in the policy worker at the first decode step
   * of its this-many-th draw (1 = the first), or in the search worker after the first step of its
   * this-many-th search run. With `noAdapterAfter`, workers started after that find no GPU
   * adapter, as in a browser that blocked the GPU once it was lost. */
  gpuLoss?: { draw?: number; search?: number; noAdapterAfter?: boolean };
  /** Set by the app when `gpuLoss` fired with `noAdapterAfter`: later loads find no GPU adapter. */
  gpuGone?: boolean;
  /** Counted by the app when present: draws the policy workers were asked for (one per problem and
   * temperature with samples missing), so a test sees which were drawn again. */
  drawsStarted?: number;
  /** Counted by the app when present: scoring calls the verifier workers were asked for (one per
   * problem and verifier with samples to score). */
  scoreCallsStarted?: number;
}

export const testHooks = (): TestHooks | undefined =>
  TEST_BUILD ? (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__ : undefined;

/** Whether the run is to be cancelled now that this many problems are done (consumed once). */
export function cancelDueAfter(problemsDone: number): boolean {
  const hooks = testHooks();
  if (hooks?.cancelAfterProblems !== problemsDone) return false;
  delete hooks.cancelAfterProblems;
  return true;
}

/** Whether a lost device took the GPU away: loads from now on are to find no GPU adapter. */
export const gpuGone = (): boolean => testHooks()?.gpuGone === true;

/** Whether the call about to start (a draw, a search run) loses its GPU device: the count, consumed. */
export function gpuLossDue(kind: 'draw' | 'search'): boolean {
  const hooks = testHooks();
  const loss = hooks?.gpuLoss;
  if (!hooks || loss?.[kind] === undefined || --loss[kind] > 0) return false;
  delete hooks.gpuLoss;
  if (loss.noAdapterAfter) hooks.gpuGone = true;
  return true;
}

/** The armed download fault, consumed, when a file's download reports its first bytes. */
export function downloadFaultOn(f: {
  path: string;
  received: number;
  cached: boolean;
}): 'cancel' | 'kill' | null {
  const hooks = testHooks();
  const fault = hooks?.downloadFault;
  if (!fault || !f.path.endsWith(fault.path) || f.received === 0 || f.cached) return null;
  delete hooks.downloadFault;
  return fault.kind;
}
