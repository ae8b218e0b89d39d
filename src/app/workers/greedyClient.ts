import type { GreedyRequest, GreedyResult } from '../../runtime/greedyCheck';

export type GreedyReply =
  { type: 'result'; result: GreedyResult } | { type: 'error'; message: string };

/** Runs one greedy check in a fresh worker; a crashed worker is reported, not left hanging. */
export function runGreedyCheck(req: GreedyRequest): Promise<GreedyResult> {
  const worker = new Worker(new URL('../../../workers/greedyCheck.worker.ts', import.meta.url), {
    type: 'module',
  });
  return new Promise<GreedyResult>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<GreedyReply>) => {
      if (e.data.type === 'result') resolve(e.data.result);
      else reject(new Error(e.data.message));
    };
    worker.onerror = (e) =>
      reject(new Error(`the model worker crashed: ${e.message || 'unknown error'}`));
    worker.postMessage(req);
  }).finally(() => worker.terminate());
}
