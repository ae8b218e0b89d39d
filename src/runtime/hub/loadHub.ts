/**
 * A hub model, loaded the hub's way: config first (its `X-Repo-Commit` pins every later file to one
 * commit), then generation config, tokenizer and chat template, then the dtype's graph and its
 * external data. The result runs on the same decoder as the built-in models and records where every
 * byte came from (id, dtype, revision resolved, each file's sha256) for the pool.
 */
import type { ModelSource } from '../../core/types';
import { Decoder } from '../decoder';
import { decoderConfig } from '../decoderConfig';
import { llamaParameters } from '../modelConfig';
import type { LoadedModel } from '../sweep';
import { chatCodec, type ChatCodec, type ChatOptions } from './chatCodec';
import { fetchFile, fileSize, HubError, sha256, type Fetch, type FetchedFile } from './fetchFile';
import type { FileCache } from './fileCache';
import { checkModelId, defaultDtype, fileUrl, modelFiles, type HubDtype } from './resolve';

/** One file of a download, as it arrives (`cached`: read from this browser's cache instead). */
export interface FileProgress {
  path: string;
  received: number;
  /** Its size, once the server has said (null when it does not). */
  total: number | null;
  cached: boolean;
  /**
   * Why the downloaded file could not be kept in this browser's cache (a full disk:
   * QuotaExceededError): the load goes on from the bytes in hand; the next one downloads it again.
   */
  notKept?: string;
}

/** What a load will download, before it downloads the weights: the page checks quota and limits. */
export interface DownloadPlan {
  model: string;
  dtype: HubDtype;
  revision: string;
  config: Record<string, unknown>;
  /** The graph and its external data; `bytes` null where the server gave no size. */
  files: { path: string; bytes: number | null; cached: boolean }[];
}

export interface HubLoadOptions {
  /** The hub's origin (https://huggingface.co, a mirror, or the local stand-in in tests). */
  host: string;
  model: string;
  /** Branch, tag or commit (default main). */
  revision?: string;
  /** Default: the config's transformers.js dtype, else fp32. */
  dtype?: HubDtype;
  executionProviders?: string[];
  chat?: ChatOptions;
  fetch?: Fetch;
  /** Files kept from earlier loads (transformers.js's cache in a browser); none: every file is fetched. */
  cache?: FileCache | null;
  signal?: AbortSignal;
  /** Bytes received of the model's weight files so far, against their total (null until sizes are known). */
  onProgress?: (received: number, total: number | null) => void;
  /** Every file, as it arrives. */
  onFile?: (f: FileProgress) => void;
  /** Called once sizes are known and before the weights download; throwing refuses the load. */
  beforeDownload?: (plan: DownloadPlan) => Promise<void> | void;
}

export interface HubModel extends LoadedModel {
  codec: ChatCodec;
  source: ModelSource;
}

function json(file: FetchedFile): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder().decode(file.bytes));
  } catch (e) {
    throw new HubError(`${file.path} is not JSON: ${(e as Error).message}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new HubError(`${file.path} is not a JSON object`);
  return v as Record<string, unknown>;
}

async function contentHash(files: readonly FetchedFile[]): Promise<string> {
  const lines = files.map((f) => `${f.path} ${f.sha256}\n`).join('');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lines));
  return `sha256:${Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export async function loadHubModel(o: HubLoadOptions): Promise<HubModel> {
  const bad = checkModelId(o.model);
  if (bad) throw new HubError(bad);
  const fetchFn = o.fetch ?? ((url, init) => fetch(url, init));
  const branch = o.revision ?? 'main';
  const cache = o.cache ?? null;
  // transformers.js's key: the URL with the revision as asked, not the commit it resolved to.
  const key = (path: string) => fileUrl(o.host, o.model, branch, path);
  const cached = async (path: string): Promise<FetchedFile | null> => {
    const hit = await cache?.match(key(path));
    if (!hit) return null;
    o.onFile?.({ path, received: hit.bytes.length, total: hit.bytes.length, cached: true });
    return { path, bytes: hit.bytes, sha256: await sha256(hit.bytes), commit: hit.commit };
  };
  const download = async (
    url: string,
    path: string,
    total: number | null,
    onBytes?: (n: number) => void,
  ) => {
    o.onFile?.({ path, received: 0, total, cached: false });
    const f = await fetchFile(fetchFn, url, path, {
      ...(o.signal ? { signal: o.signal } : {}),
      onBytes: (n) => {
        onBytes?.(n);
        o.onFile?.({ path, received: n, total, cached: false });
      },
    });
    // Keeping a copy is a bonus: a cache that refuses it (storage full) costs a later download only.
    let notKept: string | undefined;
    try {
      await cache?.put(key(path), f.bytes, f.commit);
    } catch (e) {
      notKept = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    // Whole now, and its size known even where the server gave none (progress ends at 100%).
    o.onFile?.({
      path,
      received: f.bytes.length,
      total: f.bytes.length,
      cached: false,
      ...(notKept ? { notKept } : {}),
    });
    return f;
  };
  const configFile =
    (await cached('config.json')) ??
    (await download(fileUrl(o.host, o.model, branch, 'config.json'), 'config.json', null));
  // The commit the branch pointed at: later files come from it, so a push mid-load cannot mix commits.
  const revision = configFile.commit ?? branch;
  const url = (path: string) => fileUrl(o.host, o.model, revision, path);
  const get = async (path: string, total: number | null = null, onBytes?: (n: number) => void) =>
    (await cached(path)) ?? (await download(url(path), path, total, onBytes));
  const optional = async (path: string) => {
    try {
      return await get(path);
    } catch (e) {
      if (e instanceof HubError && e.status === 404) return null;
      throw e;
    }
  };
  const config = json(configFile);
  const dtype = o.dtype ?? defaultDtype(config);
  const [generationFile, tokenizerFile, tokenizerConfigFile] = await Promise.all([
    optional('generation_config.json'),
    get('tokenizer.json'),
    get('tokenizer_config.json'),
  ]);
  const tokenizerConfig = json(tokenizerConfigFile);
  const templateFile = tokenizerConfig['chat_template']
    ? null
    : await optional('chat_template.jinja');
  const { graph, data } = modelFiles(config, dtype);
  const paths = [graph, ...data];
  const have = await Promise.all(paths.map((p) => cache?.match(key(p)) ?? null));
  const sizes = await Promise.all(
    paths.map((p, i) => (have[i] ? have[i]!.bytes.length : fileSize(fetchFn, url(p), p, o.signal))),
  );
  await o.beforeDownload?.({
    model: o.model,
    dtype,
    revision,
    config,
    files: paths.map((path, i) => ({ path, bytes: sizes[i]!, cached: !!have[i] })),
  });
  const total = sizes.every((s) => s !== null) ? sizes.reduce((a, b) => a! + b!, 0)! : null;
  const received = new Array<number>(sizes.length).fill(0);
  o.onProgress?.(0, total);
  const weights: FetchedFile[] = [];
  for (const [i, path] of paths.entries()) {
    const f = await get(path, sizes[i]!, (n) => {
      received[i] = n;
      o.onProgress?.(
        received.reduce((a, b) => a + b, 0),
        total,
      );
    });
    received[i] = f.bytes.length;
    weights.push(f);
  }
  const cfg = decoderConfig(config, generationFile ? json(generationFile) : {});
  let decoder: Decoder;
  try {
    decoder = await Decoder.load(weights[0]!.bytes, cfg, o.executionProviders ?? ['wasm'], {
      externalData: weights
        .slice(1)
        .map((w) => ({ path: w.path.split('/').at(-1)!, data: w.bytes })),
    });
  } catch (e) {
    // A graph ONNX Runtime cannot read is not kept: the next try downloads it again.
    await Promise.all(paths.map((p) => cache?.delete(key(p))));
    throw new HubError(
      `${o.model} ${dtype} (${paths.join(', ')}) could not be loaded: ${(e as Error).message}`,
    );
  }
  const files = [
    configFile,
    generationFile,
    tokenizerFile,
    tokenizerConfigFile,
    templateFile,
    ...weights,
  ].filter((f): f is FetchedFile => f !== null);
  const codec = chatCodec(
    json(tokenizerFile),
    tokenizerConfig,
    templateFile ? new TextDecoder().decode(templateFile.bytes) : null,
    o.chat,
  );
  return {
    id: o.model,
    hash: await contentHash(files),
    parameters: llamaParameters(config),
    decoder,
    codec,
    source: {
      dtype,
      revision,
      system: o.chat?.system ?? '',
      files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes.length })),
    },
  };
}
