import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../../core/tasks';
import { DEFAULT_EXPERIMENT } from '../experiment/table';
import { parseExperiment, serializeExperiment } from '../experiment/urlCodec';
import { experimentFromPool } from '../pool/importPool';
import { parseProvenance, provenanceMismatches, provenanceQuery } from '../experiment/provenance';
import { adapterRefusal, largestTensorBytes, quotaRefusal } from './downloadCheck';
import { parseHubHost } from './hubHost';
import { defaultSystemPrompt, policySpec } from './policySpec';

const config = { vocab_size: 151936, hidden_size: 896 };
const gpu = (f16: boolean, limit: number) => ({
  kind: 'webgpu' as const,
  adapter: 'Test GPU',
  f16,
  limits: { maxBufferSize: limit, maxStorageBufferBindingSize: limit },
});

const MATH_INSTRUCTION = 'Please reason step by step, and put your final answer within \\boxed{}.';

describe('checks before a hub download', () => {
  it('refuses what the quota cannot hold, counting only files not yet in the cache', () => {
    const plan = {
      model: 'org/m',
      files: [
        { path: 'onnx/model_q4.onnx', bytes: 300e6, cached: false },
        { path: 'onnx/model_q4.onnx_data', bytes: 900e6, cached: true },
      ],
    };
    expect(quotaRefusal(plan, { usage: 0, quota: 400e6 })).toBeNull();
    expect(quotaRefusal(plan, { usage: 200e6, quota: 400e6 })).toBe(
      'org/m needs 300.0 MB more, and this browser lets this site store only 200.0 MB more (200.0 MB of 400.0 MB used). Delete models you no longer need under "This browser", then Retry.',
    );
    expect(quotaRefusal(plan, {})).toBeNull(); // no estimate: nothing to refuse on
  });

  it('refuses float16 weights without shader-f16, and an embedding larger than the adapter buffers', () => {
    const plan = { model: 'org/m', dtype: 'q4f16' as const, config };
    expect(adapterRefusal(plan, 'webgpu', gpu(false, 2 ** 31))).toMatch(/no shader-f16/);
    expect(adapterRefusal(plan, 'webgpu', gpu(true, 2 ** 31))).toBeNull();
    expect(adapterRefusal(plan, 'wasm', gpu(false, 1))).toBeNull(); // WASM has neither limit
    // fp32 embedding: 151936 × 896 × 4 = 544.6 MB against 256 MiB buffers.
    expect(largestTensorBytes(config, 'q4')).toBe(151936 * 896 * 4);
    expect(adapterRefusal({ ...plan, dtype: 'q4' }, 'webgpu', gpu(true, 2 ** 28))).toBe(
      "org/m q4 is too big for this WebGPU adapter: its embedding is 544.5 MB, and the adapter's buffers hold at most 268.4 MB (maxBufferSize 268.4 MB, maxStorageBufferBindingSize 268.4 MB). Run it on WASM, or choose a smaller model.",
    );
  });
});

describe('the hub policy in the experiment', () => {
  it('prompts Qwen on math with the instruction as the system message; others with none', () => {
    expect(defaultSystemPrompt('math', 'onnx-community/Qwen2.5-0.5B-Instruct')).toBe(
      MATH_INSTRUCTION,
    );
    expect(defaultSystemPrompt('math', 'HuggingFaceTB/SmolLM2-360M-Instruct')).toBe('');
    const e = parseExperiment('?task=math&policy=org/Qwen3-x&dtype=q8&rev=v1').experiment;
    expect(policySpec(e)).toEqual({
      kind: 'hub',
      host: 'https://huggingface.co',
      model: 'org/Qwen3-x',
      revision: 'v1',
      dtype: 'q8',
      system: MATH_INSTRUCTION,
    });
    expect(policySpec({ ...e, system: '' })).toMatchObject({ system: '' });
    expect(policySpec({ ...e, policy: 'arith-policy' })).toEqual({
      kind: 'builtin',
      id: 'arith-policy',
    });
  });

  it('round-trips model id, dtype, revision and system prompt through the link', () => {
    const e = parseExperiment(
      '?task=math&policy=org/m&dtype=fp16&rev=abc&sys=Be%20brief.',
    ).experiment;
    expect(e).toMatchObject({
      policy: 'org/m',
      dtype: 'fp16',
      revision: 'abc',
      system: 'Be brief.',
    });
    expect(parseExperiment(`?${serializeExperiment(e)}`).experiment).toEqual(e);
    const bad = parseExperiment('?policy=not%20an%20id&dtype=fp64&rev=..%2Fx');
    expect(bad.experiment).toMatchObject({ policy: 'arith-policy', dtype: 'q4', revision: 'main' });
    expect(bad.messages).toHaveLength(3);
  });

  it('a link never chooses the hub host', () => {
    const { messages } = parseExperiment('?policy=org/m&hub=https://evil.example');
    expect(messages).toEqual([
      'Ignored hub="https://evil.example": a link cannot choose where models download from. This page downloads hub models from its own hub host setting (Models → Hub host).',
    ]);
    expect(parseHubHost('https://mirror.example/')).toEqual({ host: 'https://mirror.example' });
    expect(parseHubHost('https://mirror.example/path')).toHaveProperty('error');
    expect(parseHubHost('javascript:alert(1)')).toHaveProperty('error');
  });

  it("provenance carries a hub model's hash and resolved commit, and says when the commit moved", () => {
    const source = { dtype: 'q4', revision: 'a'.repeat(40), files: [] };
    const models = [
      { role: 'policy' as const, id: 'org/Qwen', hash: 'sha256:' + 'b'.repeat(64), source },
    ];
    const q = provenanceQuery(models, 'wasm');
    expect(q).toContain(`mh=org/Qwen:${'b'.repeat(12)}`);
    expect(q).toContain(`mr=org/Qwen:${'a'.repeat(40)}`);
    const { provenance, messages } = parseProvenance(`?${q}`);
    expect(messages).toEqual([]);
    expect(provenanceMismatches(provenance!, models, 'wasm')).toEqual([]);
    const moved = [{ ...models[0]!, source: { ...source, revision: 'c'.repeat(40) } }];
    expect(provenanceMismatches(provenance!, moved, 'wasm')).toEqual([
      `This link's org/Qwen was at commit ${'a'.repeat(12)}; this page loaded commit ${'c'.repeat(12)} (the revision has moved), so the samples may differ.`,
    ]);
  });

  it("a hub pool's model, weights, commit and prompt become the experiment's (the default prompt stays the default)", () => {
    const pool = syntheticPool({ seed: 1, problems: 2, samples: 4 });
    const commit = 'd'.repeat(40);
    const source = { dtype: 'q4f16', revision: commit, system: 'Be brief.', files: [] };
    pool.models = [
      { role: 'policy', id: 'org/Qwen2.5-x', hash: 'sha256:' + 'e'.repeat(64), source },
    ];
    const e = experimentFromPool(pool, DEFAULT_EXPERIMENT);
    expect(e).toMatchObject({
      policy: 'org/Qwen2.5-x',
      dtype: 'q4f16',
      revision: commit,
      system: 'Be brief.',
    });
    const plain = experimentFromPool(
      { ...pool, models: [{ ...pool.models[0]!, source: { ...source, system: '' } }] },
      DEFAULT_EXPERIMENT,
    );
    expect(plain.system).toBeNull(); // arith gives no family prompt: '' is its default
    const builtin = experimentFromPool(
      syntheticPool({ seed: 1, problems: 2, samples: 4 }),
      DEFAULT_EXPERIMENT,
    );
    expect(builtin).toMatchObject({
      policy: 'arith-policy',
      dtype: 'q4',
      revision: 'main',
      system: null,
    });
  });
});
