import { describe, expect, it } from 'vitest';
import type { Backend } from '../../runtime/browserModels';
import { DeviceLostError } from '../../runtime/gpuLoss';
import { gpuRecovery } from './gpuRecovery';

/** A recovery whose reloads succeed except on the backends listed in `failOn`; records every call. */
function harness(start: Backend, failOn: Backend[] = []) {
  const log: string[] = [];
  const notes: string[] = [];
  const r = gpuRecovery(start, {
    restart: (why) => log.push(`restart: ${why}`),
    reload: async (b) => {
      log.push(`reload ${b}`);
      if (failOn.includes(b)) throw new Error('Failed to get GPU adapter');
    },
    onRecovered: (note) => notes.push(note),
  });
  return { r, log, notes };
}

/** An attempt that fails with a device loss on the listed calls (0-based) and returns the backend. */
function attempts(lostOn: number[]) {
  let call = 0;
  return async (b: Backend) => {
    if (lostOn.includes(call++)) throw new DeviceLostError('the GPU device was lost (destroyed)');
    return b;
  };
}

describe('gpuRecovery', () => {
  it('runs once on the backend it starts on when nothing is lost', async () => {
    const { r, log, notes } = harness('webgpu');
    expect(await r.run(attempts([]), 'during problem 1')).toBe('webgpu');
    expect(log).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('after a loss: restarts the worker and runs again on a new device', async () => {
    const { r, log, notes } = harness('webgpu');
    expect(await r.run(attempts([0]), 'during problem 2')).toBe('webgpu');
    expect(log).toEqual(['restart: the GPU device was lost', 'reload webgpu']);
    expect(notes).toEqual([
      'The GPU device was lost during problem 2; the worker restarted on a new device and the run went on.',
    ]);
    expect(r.backend()).toBe('webgpu');
  });

  it('falls back to WASM when no new device can be had, and stays there', async () => {
    const { r, log, notes } = harness('webgpu', ['webgpu']);
    const attempt = attempts([0]);
    expect(await r.run(attempt, 'during problem 2')).toBe('wasm');
    expect(await r.run(attempt, 'during problem 3')).toBe('wasm');
    expect(log).toEqual(['restart: the GPU device was lost', 'reload webgpu', 'reload wasm']);
    expect(notes[0]).toMatch(/no new GPU device could be had .*Failed to get GPU adapter.*WASM/);
  });

  it('a second loss in one run goes to WASM without trying another device', async () => {
    const { r, log, notes } = harness('webgpu');
    const attempt = attempts([0, 2]);
    expect(await r.run(attempt, 'during problem 1')).toBe('webgpu');
    expect(await r.run(attempt, 'during problem 4')).toBe('wasm');
    expect(log.slice(2)).toEqual(['restart: the GPU device was lost', 'reload wasm']);
    expect(notes[1]).toContain('lost once already');
  });

  it('passes other failures on untouched, and never recovers on WASM', async () => {
    const other = harness('webgpu');
    const boom = new Error('the run failed');
    await expect(other.r.run(() => Promise.reject(boom), 'x')).rejects.toBe(boom);
    const wasm = harness('wasm');
    await expect(wasm.r.run(attempts([0]), 'x')).rejects.toBeInstanceOf(DeviceLostError);
    expect([...other.log, ...wasm.log]).toEqual([]);
  });

  it('a cancel while the new device loads ends the run instead of falling back', async () => {
    const log: string[] = [];
    const r = gpuRecovery('webgpu', {
      restart: () => log.push('restart'),
      reload: (b) => {
        log.push(`reload ${b}`);
        return Promise.reject(new DOMException('The operation was aborted', 'AbortError'));
      },
      onRecovered: () => log.push('recovered'),
    });
    await expect(r.run(attempts([0]), 'x')).rejects.toThrow('aborted');
    expect(log).toEqual(['restart', 'reload webgpu']);
  });
});
