/**
 * What went wrong in a worker, as a kind the page can act on and a sentence for the user. Errors cross
 * the worker boundary as name + message (comlink), so the kind is read from those.
 */
export type ErrorKind = 'load' | 'memory' | 'device-lost' | 'crash' | 'cancelled' | 'other';

export interface DescribedError {
  kind: ErrorKind;
  message: string;
}

const HINTS: Record<ErrorKind, string> = {
  load: 'Load failed',
  memory: 'Out of memory: try fewer samples per problem, or WASM',
  'device-lost': 'The GPU device was lost: Retry starts a fresh worker, or switch to WASM',
  crash: 'A worker stopped; it has been restarted, so Retry works',
  cancelled: 'Cancelled',
  other: 'The run failed',
};

export function describeError(e: unknown): DescribedError {
  const name = e instanceof Error ? e.name : '';
  const text = e instanceof Error ? e.message : String(e);
  let kind: ErrorKind = 'other';
  // A draw refused before it could run out of memory already says what to lower.
  if (name === 'DrawTooLarge') return { kind: 'memory', message: text };
  if (name === 'DeviceLostError') kind = 'device-lost';
  else if (name === 'AbortError' || /\babort/i.test(text)) kind = 'cancelled';
  else if (name === 'ModelLoadError' || name === 'HubError' || /could not load model/i.test(text))
    kind = 'load';
  else if (name === 'WorkerCrashError' || /worker (crashed|was stopped)/i.test(text))
    kind = 'crash';
  else if (/device (was |is )?lost|GPUDevice.*lost/i.test(text)) kind = 'device-lost';
  else if (
    /out of memory|\bOOM\b|failed to allocate|allocation failed|memory access out of bounds/i.test(
      text,
    )
  )
    kind = 'memory';
  return { kind, message: kind === 'cancelled' ? HINTS.cancelled : `${HINTS[kind]}: ${text}` };
}
