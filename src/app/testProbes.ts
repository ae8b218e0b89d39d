/** Test build only: main.tsx installs it behind `if (TEST_BUILD)`, so production drops the module. */
import * as Comlink from 'comlink';
import type { Backend } from '../runtime/browserModels';
import type { PolicyProbeApi } from '../runtime/policyApi';

/**
 * Probes the e2e suite calls (`window.__TTC_PROBE__`): `workerFetch(url)` fetches from inside a real
 * policy worker (the app's own script, under the headers its server sends) and says "ok <status>"
 * or "failed: <error>", to check that workers run under the Content Security Policy;
 * `forkCheck(base, file, backend)` runs decode-after-fork against decode-from-scratch in a policy
 * worker on a hub-format model (src/runtime/testing/forkCheck.ts).
 */
export function installProbes(): void {
  const withWorker = async <T>(call: (api: Comlink.Remote<PolicyProbeApi>) => Promise<T>) => {
    const worker = new Worker(new URL('../../workers/policy.worker.ts', import.meta.url), {
      type: 'module',
    });
    try {
      return await call(Comlink.wrap<PolicyProbeApi>(worker));
    } finally {
      worker.terminate();
    }
  };
  (globalThis as { __TTC_PROBE__?: unknown }).__TTC_PROBE__ = {
    workerFetch: (url: string) => withWorker((api) => api.probeFetch(url)),
    forkCheck: (base: string, file: string, backend: Backend) =>
      withWorker((api) => api.probeForks(base, file, backend)),
  };
}
