/**
 * The one model a worker holds: loading another releases the previous session first (its WASM or GPU
 * memory), and calls before a load fail with a clear message. Hub models come through the hub loader
 * with this browser's file cache (transformers.js's), so a reload downloads nothing.
 */
import { configureOrt, loadBrowserModel, type Backend, type LoadProgress } from './browserModels';
import { browserFileCache } from './hub/fileCache';
import { loadHubModel, type DownloadPlan, type FileProgress } from './hub/loadHub';
import type { ModelSpec } from './modelSpec';
import type { ModelHandle } from './policyApi';
import type { LoadedModel } from './sweep';

/** What a load reports, and the page's check before the weights download (quota, adapter limits). */
export interface LoadEvents {
  onBytes?: LoadProgress;
  onFile?: (f: FileProgress) => void;
  beforeDownload?: (plan: DownloadPlan) => Promise<void>;
}

/**
 * `onFile`, passed on at most once per percent of each file (and at its start and end): a read chunk
 * is ~64 KB, so a 500 MB file would otherwise be ~8,000 messages to the page and as many renders.
 */
function everyPercent(onFile: (f: FileProgress) => void): (f: FileProgress) => void {
  const sent = new Map<string, number>();
  return (f) => {
    const step = f.total ? f.total / 100 : 1 << 20;
    const last = sent.get(f.path);
    if (last !== undefined && f.received !== f.total && f.received - last < step) return;
    sent.set(f.path, f.received);
    onFile(f);
  };
}

/** The same for the running total of a model's weights. */
function bytesEveryPercent(onBytes: LoadProgress): LoadProgress {
  let last: number | null = null;
  return (received, total) => {
    const step = total ? total / 100 : 1 << 20;
    if (last !== null && received !== total && received - last < step) return;
    last = received;
    onBytes(received, total);
  };
}

export class ModelSlot {
  private model: LoadedModel | null = null;
  private handle: ModelHandle | null = null;

  async load(
    spec: ModelSpec,
    backend: Backend,
    origin: string,
    events: LoadEvents = {},
    signal?: AbortSignal,
  ): Promise<ModelHandle> {
    const previous = this.model;
    this.model = null;
    this.handle = null;
    await previous?.decoder.release();
    if (spec.kind === 'builtin') {
      const model = await loadBrowserModel(spec.id, backend, origin, events.onBytes);
      this.model = model;
      this.handle = { id: model.id, hash: model.hash, parameters: model.parameters };
      return this.handle;
    }
    configureOrt(origin);
    const model = await loadHubModel({
      host: spec.host,
      model: spec.model,
      revision: spec.revision,
      dtype: spec.dtype,
      executionProviders: [backend],
      chat: { system: spec.system },
      cache: await browserFileCache(),
      ...(signal ? { signal } : {}),
      ...(events.onBytes ? { onProgress: bytesEveryPercent(events.onBytes) } : {}),
      ...(events.onFile ? { onFile: everyPercent(events.onFile) } : {}),
      ...(events.beforeDownload ? { beforeDownload: events.beforeDownload } : {}),
    });
    this.model = model;
    this.handle = {
      id: model.id,
      hash: model.hash,
      parameters: model.parameters,
      source: model.source,
    };
    return this.handle;
  }

  get(): LoadedModel {
    if (!this.model) throw new Error('no model loaded');
    return this.model;
  }
}
