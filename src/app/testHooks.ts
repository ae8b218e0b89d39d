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
  /** Counted by the app when present: scoring calls the verifier workers were asked for (one per
   * problem and verifier with samples to score). */
  scoreCallsStarted?: number;
}

export const testHooks = (): TestHooks | undefined =>
  TEST_BUILD ? (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__ : undefined;

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
