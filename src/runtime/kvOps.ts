/**
 * Reshuffling the KV cache where it lives. On WASM the tensors are JS arrays and rows are copied on
 * the CPU (KvCache's own code). On WebGPU the decoder leaves `present.*` on the GPU and small ONNX
 * Runtime sessions (Gather, Concat over every layer's keys and values at once) fork, compact and
 * align the cache there: nothing is downloaded between decode steps. Runs are queued (a session runs
 * one call at a time); every replaced tensor is disposed by the caller.
 */
import * as ort from 'onnxruntime-web';
import { graphModel } from './onnxGraph';

export interface KvOps {
  /** Each tensor indexed by `index` along `axis` (rows: 0, positions: 2). */
  take(ts: readonly ort.Tensor[], axis: 0 | 2, index: readonly number[]): Promise<ort.Tensor[]>;
  /** `parts[j][i]` joined over j along `axis`, for each i. */
  concat(parts: readonly (readonly ort.Tensor[])[], axis: 0 | 2): Promise<ort.Tensor[]>;
}

export class SessionKvOps implements KvOps {
  private readonly sessions = new Map<string, Promise<ort.InferenceSession>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly executionProviders: string[],
    private readonly outputLocation: 'gpu-buffer' | 'cpu',
  ) {}

  private run(
    key: string,
    model: () => Uint8Array,
    feeds: Record<string, ort.Tensor>,
    outputs: number,
  ): Promise<ort.Tensor[]> {
    let s = this.sessions.get(key);
    if (!s) {
      s = ort.InferenceSession.create(model(), {
        executionProviders: this.executionProviders,
        preferredOutputLocation: this.outputLocation,
        logSeverityLevel: 3,
      });
      this.sessions.set(key, s);
    }
    const session = s;
    const result = this.queue.then(async () => {
      const out = await (await session).run(feeds);
      return Array.from({ length: outputs }, (_, i) => out[`y${i}`]!);
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  take(ts: readonly ort.Tensor[], axis: 0 | 2, index: readonly number[]): Promise<ort.Tensor[]> {
    const k = ts.length;
    const feeds: Record<string, ort.Tensor> = {
      i: new ort.Tensor('int64', BigInt64Array.from(index, BigInt), [index.length]),
    };
    ts.forEach((t, j) => (feeds[`x${j}`] = t));
    const elem = ts[0]!.type as 'float32' | 'float16';
    return this.run(
      `gather${axis}x${k}${elem}`,
      () =>
        graphModel(
          [
            ...ts.map((_, j) => ({ name: `x${j}`, elem, rank: 4 })),
            { name: 'i', elem: 'int64', rank: 1 },
          ],
          ts.map((_, j) => ({
            op: 'Gather',
            inputs: [`x${j}`, 'i'],
            outputs: [`y${j}`],
            attributes: { axis },
          })),
          ts.map((_, j) => `y${j}`),
          4,
          elem,
        ),
      feeds,
      k,
    );
  }

  concat(parts: readonly (readonly ort.Tensor[])[], axis: 0 | 2): Promise<ort.Tensor[]> {
    const k = parts[0]!.length;
    const feeds: Record<string, ort.Tensor> = {};
    parts.forEach((p, j) => p.forEach((t, i) => (feeds[`x${j}_${i}`] = t)));
    const elem = parts[0]![0]!.type as 'float32' | 'float16';
    return this.run(
      `concat${axis}x${parts.length}x${k}${elem}`,
      () =>
        graphModel(
          Object.keys(feeds).map((name) => ({ name, elem, rank: 4 })),
          Array.from({ length: k }, (_, i) => ({
            op: 'Concat',
            inputs: parts.map((_, j) => `x${j}_${i}`),
            outputs: [`y${i}`],
            attributes: { axis },
          })),
          Array.from({ length: k }, (_, i) => `y${i}`),
          4,
          elem,
        ),
      feeds,
      k,
    );
  }

  async release(): Promise<void> {
    await this.queue;
    for (const s of this.sessions.values()) await (await s).release();
    this.sessions.clear();
  }
}
