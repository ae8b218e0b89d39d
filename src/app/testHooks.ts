/** Test hooks, set by the e2e suite through `window.__TTC_TEST__` (events, never timers). */
export interface TestHooks {
  /** Kill the policy worker when its first progress event arrives. */
  killWorkerOnFirstProgress?: boolean;
  /** Cancel the run when this many problems are done. */
  cancelAfterProblems?: number;
}

export const testHooks = (): TestHooks | undefined =>
  (globalThis as { __TTC_TEST__?: TestHooks }).__TTC_TEST__;
