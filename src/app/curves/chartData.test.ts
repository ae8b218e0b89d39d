import { describe, expect, it } from 'vitest';
import { llamaMemory } from '../../runtime/modelConfig';
import { axisValue } from './chartData';

const ctx = { policyParams: 1000, verifierParams: 10, secondsPerToken: 0.01 };
const cost = {
  samples: 4,
  generatedTokens: 200,
  verifierTokens: 50,
  decodeSteps: 60,
  kvReads: 9000,
};

describe('compute axes', () => {
  it('memory traffic: the weights once per decode step, the KV cache per position read', () => {
    const policyMemory = { weightBytes: 4000, kvBytesPerToken: 64 };
    expect(axisValue(cost, 'memory', { ...ctx, policyMemory })).toBe(4000 * 60 + 64 * 9000);
    // Unknown model facts, or a cost from a file without the traffic factors: not a number.
    expect(axisValue(cost, 'memory', ctx)).toBeNaN();
    expect(
      axisValue({ samples: 4, generatedTokens: 200, verifierTokens: 50 }, 'memory', {
        ...ctx,
        policyMemory,
      }),
    ).toBeNaN();
    expect(axisValue(cost, 'flops', ctx)).toBe(2 * (1000 * 200 + 10 * 50));
  });

  it('a Llama config gives its weight bytes and KV bytes per position (GQA: the KV heads count)', () => {
    const config = {
      hidden_size: 128,
      num_hidden_layers: 4,
      num_attention_heads: 4,
      num_key_value_heads: 2,
      head_dim: 32,
      intermediate_size: 336,
      vocab_size: 24,
    };
    const m = llamaMemory(config, 4, 2);
    expect(m.kvBytesPerToken).toBe(2 * 4 * 2 * 32 * 2);
    expect(m.weightBytes % 4).toBe(0);
  });
});
