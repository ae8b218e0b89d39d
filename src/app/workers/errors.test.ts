import { describe, expect, it } from 'vitest';
import { describeError } from './errors';
import { WorkerCrashError } from './workerClient';

const named = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('worker errors, typed for the page', () => {
  it.each([
    [named('ModelLoadError', 'could not load model arith-policy: /x answered HTTP 500'), 'load'],
    [new WorkerCrashError('the policy worker crashed: boom'), 'crash'],
    [new Error('Failed to allocate a buffer of size 123'), 'memory'],
    [
      new Error('RangeError: WebAssembly.Memory(): could not allocate memory; out of memory'),
      'memory',
    ],
    [new Error('GPUDevice was lost: destroyed'), 'device-lost'],
    [named('AbortError', 'This operation was aborted'), 'cancelled'],
    [new Error('something else'), 'other'],
    ['a string', 'other'],
  ])('%s → %s', (error, kind) => {
    const d = describeError(error);
    expect(d.kind).toBe(kind);
    if (kind !== 'cancelled')
      expect(d.message).toContain(error instanceof Error ? error.message : error);
  });
});
