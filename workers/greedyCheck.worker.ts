/// <reference lib="webworker" />
/** Thin worker entry: runs `greedyCheck` off the main thread and posts the result or a typed error. */
import { greedyCheck, type GreedyRequest } from '../src/runtime/greedyCheck';

self.onmessage = async (e: MessageEvent<GreedyRequest>) => {
  try {
    self.postMessage({ type: 'result', result: await greedyCheck(e.data, self.location.origin) });
  } catch (err) {
    self.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
