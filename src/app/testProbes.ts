/** Test build only: main.tsx installs it behind `if (TEST_BUILD)`, so production drops the module. */
import * as Comlink from 'comlink';
import type { PolicyProbeApi } from '../runtime/policyApi';

/**
 * Probes the e2e suite calls (`window.__TTC_PROBE__`): `workerFetch(url)` fetches from inside a real
 * policy worker (the app's own script, under the headers its server sends) and says "ok <status>"
 * or "failed: <error>", to check that workers run under the Content Security Policy.
 */
export function installProbes(): void {
  (globalThis as { __TTC_PROBE__?: unknown }).__TTC_PROBE__ = {
    workerFetch: async (url: string) => {
      const worker = new Worker(new URL('../../workers/policy.worker.ts', import.meta.url), {
        type: 'module',
      });
      try {
        return await Comlink.wrap<PolicyProbeApi>(worker).probeFetch(url);
      } finally {
        worker.terminate();
      }
    },
  };
}
