/**
 * Loading the hub's way, against the local stand-in: files at {host}/{model}/resolve/{revision}/…,
 * the dtype's suffix, external data, sizes from a one-byte range, weights redirected to a second
 * origin, the commit header pinning later files, and each failure named.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInHub, type StandInHub } from '../../../scripts/hubStandIn';
import { hubTestModel } from '../testing/hubTestModel';
import { HubError } from './fetchFile';
import { memoryFileCache } from './fileCache';
import { loadHubModel, type DownloadPlan, type FileProgress } from './loadHub';

const tm = hubTestModel('plain', ['fp32', 'q4f16']);
let hub: StandInHub;

beforeAll(async () => {
  hub = await startStandInHub(tm.root);
});
afterAll(() => hub.close());

const sha = (path: string) =>
  createHash('sha256')
    .update(readFileSync(join(tm.dir, path)))
    .digest('hex');

describe('loadHubModel', () => {
  it("takes the config's dtype (q4f16), pins the commit, follows redirects and records every file", async () => {
    hub.log.length = 0;
    const progress: [number, number | null][] = [];
    const m = await loadHubModel({
      host: hub.url,
      model: tm.model,
      onProgress: (r, t) => progress.push([r, t]),
    });
    try {
      expect(m.id).toBe(tm.model);
      expect(m.source.dtype).toBe('q4f16');
      expect(m.source.revision).toBe(hub.commit(tm.model));
      const paths = m.source.files.map((f) => f.path);
      expect(paths).toEqual([
        'config.json',
        'generation_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'onnx/model_q4f16.onnx',
      ]);
      for (const f of m.source.files) expect(f.sha256).toBe(sha(f.path));
      // config.json at the branch, everything after it at the commit the branch resolved to.
      const hubGets = hub.log.filter((l) => l.startsWith('hub GET'));
      expect(hubGets[0]).toContain('/resolve/main/config.json');
      expect(hubGets.slice(1).every((l) => l.includes(`/resolve/${hub.commit(tm.model)}/`))).toBe(
        true,
      );
      // The size first (one byte), then the bytes themselves from the second origin.
      expect(hub.log).toContain(
        `hub GET /${tm.model}/resolve/${hub.commit(tm.model)}/onnx/model_q4f16.onnx bytes=0-0`,
      );
      expect(hub.log).toContain(
        `cdn GET /${tm.model}/${hub.commit(tm.model)}/onnx/model_q4f16.onnx`,
      );
      const size = readFileSync(join(tm.dir, 'onnx/model_q4f16.onnx')).length;
      expect(progress[0]).toEqual([0, size]);
      expect(progress.at(-1)).toEqual([size, size]);
      expect(m.decoder.io.cacheType).toBe('float16');
      expect(m.decoder.cfg.eosIds).toEqual([151645, 151643]);
    } finally {
      await m.decoder.release();
    }
  });

  it('fetches fp32 with its external data file and runs it', async () => {
    const m = await loadHubModel({ host: hub.url, model: tm.model, dtype: 'fp32' });
    try {
      expect(m.source.files.map((f) => f.path).slice(-2)).toEqual([
        'onnx/model.onnx',
        'onnx/model.onnx_data',
      ]);
      const { logits } = await m.decoder.prefill(
        [m.codec.encode('Hello')],
        m.decoder.emptyCache(1),
      );
      expect(logits).toHaveLength(m.decoder.cfg.vocabSize);
      expect(logits.every(Number.isFinite)).toBe(true);
    } finally {
      await m.decoder.release();
    }
  });

  it('names what is missing: a dtype without a file, a model, a revision, a malformed id', async () => {
    await expect(loadHubModel({ host: hub.url, model: tm.model, dtype: 'int8' })).rejects.toThrow(
      `${hub.url}/${tm.model} has no file onnx/model_int8.onnx`,
    );
    await expect(loadHubModel({ host: hub.url, model: 'ttc-test/absent' })).rejects.toThrow(
      `${hub.url}/ttc-test/absent is not a model there (or it is private)`,
    );
    await expect(loadHubModel({ host: hub.url, model: tm.model, revision: 'v9' })).rejects.toThrow(
      `${hub.url}/${tm.model} has no revision "v9"`,
    );
    await expect(
      loadHubModel({ host: hub.url, model: tm.model, revision: 'v9' }),
    ).rejects.toBeInstanceOf(HubError);
    await expect(loadHubModel({ host: hub.url, model: '../etc' })).rejects.toThrow(
      /not a hub model id/,
    );
    await expect(loadHubModel({ host: 'http://127.0.0.1:9', model: tm.model })).rejects.toThrow(
      /could not reach/,
    );
  });

  it("keeps whole, checked files in the cache under transformers.js's keys: a second load asks for nothing", async () => {
    const cache = memoryFileCache();
    const key = (path: string) => `${hub.url}/${tm.model}/resolve/main/${path}`;
    const first = await loadHubModel({ host: hub.url, model: tm.model, dtype: 'q4f16', cache });
    await first.decoder.release();
    expect(cache.keys().sort()).toEqual(first.source.files.map((f) => key(f.path)).sort());
    hub.log.length = 0;
    const seen: FileProgress[] = [];
    const plans: DownloadPlan[] = [];
    const again = await loadHubModel({
      host: hub.url,
      model: tm.model,
      dtype: 'q4f16',
      cache,
      onFile: (f) => seen.push(f),
      beforeDownload: (p) => void plans.push(p),
    });
    try {
      expect(hub.log).toEqual([]);
      expect(again.hash).toBe(first.hash);
      expect(again.source).toEqual(first.source); // the commit comes back with the cached config
      expect(seen.every((f) => f.cached && f.received === f.total)).toBe(true);
      expect(plans[0]!.files).toEqual([
        { path: 'onnx/model_q4f16.onnx', bytes: expect.any(Number), cached: true },
      ]);
    } finally {
      await again.decoder.release();
    }
  });

  it('a cache that refuses a write (storage full) costs the copy only: the load goes on and says which file was not kept', async () => {
    const cache = memoryFileCache();
    let refused = 0;
    const full = {
      ...cache,
      put: (key: string, bytes: Uint8Array, commit: string | null) =>
        refused++ === 0
          ? Promise.reject(new DOMException('no space left', 'QuotaExceededError'))
          : cache.put(key, bytes, commit),
    };
    const seen: FileProgress[] = [];
    const m = await loadHubModel({
      host: hub.url,
      model: tm.model,
      dtype: 'q4f16',
      cache: full,
      onFile: (f) => seen.push(f),
    });
    try {
      const notKept = seen.filter((f) => f.notKept);
      expect(notKept.map((f) => [f.path, f.notKept])).toEqual([
        ['config.json', 'QuotaExceededError: no space left'],
      ]);
      // Everything else was kept; the refused file is all a next load downloads.
      expect(cache.keys().some((k) => k.endsWith('/config.json'))).toBe(false);
      expect(cache.keys().length).toBe(m.source.files.length - 1);
    } finally {
      await m.decoder.release();
    }
  });

  it('a download cut mid-file or corrupt names the file, keeps nothing of it, and the next try fetches only it', async () => {
    const cache = memoryFileCache();
    const graph = 'onnx/model_q4f16.onnx';
    hub.faults.cut.push('model_q4f16.onnx');
    await expect(
      loadHubModel({ host: hub.url, model: tm.model, dtype: 'q4f16', cache }),
    ).rejects.toThrow(
      /^onnx\/model_q4f16\.onnx: the download broke off after \d+\.\d MB of \d+\.\d MB/,
    );
    hub.faults.corrupt.push('model_q4f16.onnx');
    await expect(
      loadHubModel({ host: hub.url, model: tm.model, dtype: 'q4f16', cache }),
    ).rejects.toThrow(`${graph} is corrupt: its sha256 is`);
    expect(cache.keys()).not.toContain(`${hub.url}/${tm.model}/resolve/main/${graph}`);
    hub.log.length = 0;
    const m = await loadHubModel({ host: hub.url, model: tm.model, dtype: 'q4f16', cache });
    await m.decoder.release();
    const fetched = hub.log.filter((l) => !l.endsWith('bytes=0-0'));
    expect(fetched.length).toBeGreaterThan(0);
    expect(fetched.every((l) => l.includes(graph))).toBe(true);
  });

  it('a refusal before the download (quota, adapter limits) stops it before any weight byte', async () => {
    hub.log.length = 0;
    await expect(
      loadHubModel({
        host: hub.url,
        model: tm.model,
        dtype: 'q4f16',
        beforeDownload: () => {
          throw new Error('no room');
        },
      }),
    ).rejects.toThrow('no room');
    expect(hub.log.some((l) => l.includes('model_q4f16.onnx') && !l.endsWith('bytes=0-0'))).toBe(
      false,
    );
  });

  it('a cancelled load stops its download', async () => {
    const ctl = new AbortController();
    const load = loadHubModel({
      host: hub.url,
      model: tm.model,
      dtype: 'fp32',
      signal: ctl.signal,
      onFile: (f) => f.path === 'onnx/model.onnx_data' && f.received > 0 && ctl.abort(),
    });
    await expect(load).rejects.toThrow(/abort/i);
  });
});
