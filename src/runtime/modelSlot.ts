/**
 * The one model a worker holds: loading another releases the previous session first (its WASM or GPU
 * memory), and calls before a load fail with a clear message. Hub models come through the hub loader
 * with this browser's file cache (transformers.js's), so a reload downloads nothing.
 */
import { configureOrt, loadBrowserModel, type Backend, type LoadProgress } from './browserModels';
import { browserFileCache, type FileCache } from './hub/fileCache';
import { TEST_BUILD } from './testBuild';
import { loadHubModel, type DownloadPlan, type FileProgress } from './hub/loadHub';
import type { ModelSpec } from './modelSpec';
import type { LoadFaults, ModelHandle } from './policyApi';
import { watchGpuDevice } from './gpuLoss';
import type { LoadedModel } from './sweep';
import { describeCapabilities, probe } from './remote/capabilities';
import { limiter } from './remote/limiter';
import { remoteChat, type RemoteModel } from './remote/remoteModel';
import { remoteRef } from './remote/remotePool';
import { browserHints } from './remote/browserHints';
import { transport } from './remote/transport';

/** Requests one worker keeps in flight to its server (a problem's samples go out together). */
const REMOTE_IN_FLIGHT = 64;

/** What a load reports, and the page's check before the weights download (quota, adapter limits). */
export interface LoadEvents {
  onBytes?: LoadProgress;
  onFile?: (f: FileProgress) => void;
  beforeDownload?: (plan: DownloadPlan) => Promise<void>;
}

/**
 * Progress passed on at most once per percent of its total (and at its start and end), per stream
 * name: a read chunk is ~64 KB, so a 500 MB file would otherwise be ~8,000 messages to the page and
 * as many renders.
 */
function everyPercent(): (name: string, received: number, total: number | null) => boolean {
  const sent = new Map<string, number>();
  return (name, received, total) => {
    const last = sent.get(name);
    const step = total ? total / 100 : 1 << 20;
    if (last !== undefined && received !== total && received - last < step) return false;
    sent.set(name, received);
    return true;
  };
}

/** Test build: a cache whose first writes fail with QuotaExceededError, as a full disk's do. */
function withCacheFaults(
  cache: FileCache | null,
  faults: LoadFaults | undefined,
): FileCache | null {
  if (!TEST_BUILD || !cache || !faults?.failCacheWrites) return cache;
  let left = faults.failCacheWrites;
  return {
    ...cache,
    put: (key, bytes, commit) => {
      if (left-- > 0)
        return Promise.reject(
          new DOMException('the disk is full (test hook)', 'QuotaExceededError'),
        );
      return cache.put(key, bytes, commit);
    },
  };
}

export class ModelSlot {
  private model: LoadedModel | null = null;
  private far: RemoteModel | null = null;

  async load(
    spec: ModelSpec,
    backend: Backend,
    origin: string,
    events: LoadEvents = {},
    signal?: AbortSignal,
    apiKey?: string,
    faults?: LoadFaults,
  ): Promise<ModelHandle> {
    const handle = await this.loadSpec(spec, backend, origin, events, signal, apiKey, faults);
    // A device lost later must fail the calls in flight at once (gpuLoss.ts).
    if (backend === 'webgpu' && spec.kind !== 'remote') await watchGpuDevice();
    return handle;
  }

  private async loadSpec(
    spec: ModelSpec,
    backend: Backend,
    origin: string,
    events: LoadEvents,
    signal?: AbortSignal,
    apiKey?: string,
    faults?: LoadFaults,
  ): Promise<ModelHandle> {
    const previous = this.model;
    this.model = null;
    this.far = null;
    await previous?.decoder.release();
    if (spec.kind === 'remote') {
      // Nothing to load: what the server can do is asked, not assumed.
      const options = {
        baseUrl: spec.baseUrl,
        hints: browserHints(origin),
        ...(apiKey ? { apiKey } : {}),
      };
      const t = transport(options);
      // Connecting fails fast (a refused origin never starts answering); draws retry as usual.
      const caps = await probe(transport({ ...options, retries: 1 }), spec.model, signal);
      const far: RemoteModel = {
        transport: t,
        model: spec.model,
        caps,
        limit: limiter(REMOTE_IN_FLIGHT),
        useN: false,
        ...(spec.chat ? { chat: remoteChat(spec.chat.system) } : {}),
      };
      this.far = far;
      const ref = remoteRef(far, 'policy');
      return {
        id: spec.model,
        hash: '',
        parameters: 0,
        remote: ref.remote!,
        capabilities: describeCapabilities(caps),
      };
    }
    if (spec.kind === 'builtin') {
      const model = await loadBrowserModel(spec.id, backend, origin, events.onBytes);
      this.model = model;
      return { id: model.id, hash: model.hash, parameters: model.parameters };
    }
    configureOrt(origin, backend);
    const due = everyPercent();
    const { onBytes, onFile } = events;
    const model = await loadHubModel({
      host: spec.host,
      model: spec.model,
      revision: spec.revision,
      dtype: spec.dtype,
      executionProviders: [backend],
      chat: { system: spec.system },
      cache: withCacheFaults(await browserFileCache(), faults),
      ...(signal ? { signal } : {}),
      ...(onBytes
        ? { onProgress: (r: number, t: number | null) => due('', r, t) && onBytes(r, t) }
        : {}),
      ...(onFile
        ? { onFile: (f: FileProgress) => due(f.path, f.received, f.total) && onFile(f) }
        : {}),
      ...(events.beforeDownload ? { beforeDownload: events.beforeDownload } : {}),
    });
    this.model = model;
    return { id: model.id, hash: model.hash, parameters: model.parameters, source: model.source };
  }

  get(): LoadedModel {
    if (!this.model)
      throw new Error(this.far ? 'the model is on a remote server' : 'no model loaded');
    return this.model;
  }

  /** The remote model, when the spec loaded was one; null for a model in this worker. */
  remote(): RemoteModel | null {
    return this.far;
  }
}
