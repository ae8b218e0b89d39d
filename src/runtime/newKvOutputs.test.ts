import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { arith, encode } from '../core/tasks/arith';
import { Decoder, decoderConfig, KvCache } from './decoder';
import { exposeNewKv } from './newKvOutputs';
import { graphModel } from './onnxGraph';

ort.env.wasm.numThreads = 1;
const MODEL = 'public/models/arith-policy';
const bytes = new Uint8Array(readFileSync(`${MODEL}/onnx/model.onnx`));
const cfg = decoderConfig(JSON.parse(readFileSync(`${MODEL}/config.json`, 'utf8')));
let appending: Decoder;
let fetching: Decoder;

beforeAll(async () => {
  appending = await Decoder.load(bytes, cfg, ['wasm'], { appendOnCpu: true });
  fetching = await Decoder.load(bytes, cfg, ['wasm'], { appendOnCpu: false });
});

const data = (c: KvCache) => c.tensors.map((t) => [t.dims, Array.from(t.data as Float32Array)]);

describe('appending new keys and values on the CPU instead of fetching present.*', () => {
  it("finds each layer's new keys and values, and leaves other graphs alone", () => {
    const exposed = exposeNewKv(bytes, cfg.layers)!;
    expect(exposed.names).toHaveLength(2 * cfg.layers);
    expect(new Set(exposed.names).size).toBe(2 * cfg.layers);
    const gather = graphModel(
      [{ name: 'x', elem: 'float32', rank: 4 }],
      [{ op: 'Identity', inputs: ['x'], outputs: ['y'] }],
      ['y'],
      4,
    );
    expect(exposeNewKv(gather, 1)).toBeNull();
    expect(() => exposeNewKv(bytes.subarray(0, 1000), cfg.layers)).toThrow(/protobuf/);
  });

  it('gives the same logits and caches, bit for bit: prefill, ragged batch, decode steps', async () => {
    expect(appending.newKv).not.toBeNull();
    expect(fetching.newKv).toBeNull();
    const prompt = [cfg.bosId, ...encode(arith.prompt(arith.generate(5, 3)))];
    const a = await appending.forward([prompt], KvCache.empty(cfg, 1));
    const f = await fetching.forward([prompt], KvCache.empty(cfg, 1));
    expect(a.logits).toEqual(f.logits);
    expect(data(a.cache)).toEqual(data(f.cache));
    // Three rows, one of them padded on the left (its first cached position masked).
    const rows = [0, 0, 0];
    let [ca, cf] = [await a.cache.select(rows), await f.cache.select(rows)];
    const P = ca.length;
    const layout = {
      mask: [Array(P + 2).fill(1), [0, ...Array(P + 1).fill(1)], Array(P + 2).fill(1)],
      positions: [
        [P, P + 1],
        [P - 1, P],
        [P, P + 1],
      ],
    };
    const toks = [
      [3, 4],
      [5, 6],
      [7, 8],
    ];
    let ra = await appending.forward(toks, ca, layout);
    let rf = await fetching.forward(toks, cf, layout);
    for (let step = 0; step < 4; step++) {
      expect(ra.logits).toEqual(rf.logits);
      expect(data(ra.cache)).toEqual(data(rf.cache));
      ca.dispose();
      cf.dispose();
      [ca, cf] = [ra.cache, rf.cache];
      ra = await appending.forward([[9], [10], [11]], ca);
      rf = await fetching.forward([[9], [10], [11]], cf);
    }
    expect(ra.cache.length).toBe(P + 2 + 4);
  });
});
