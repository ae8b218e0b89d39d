import { describe, expect, it } from 'vitest';
import { tinyEntry } from '../../core/testing/pools';
import type { ModelRef } from '../../core/types';
import { withoutStaleScores, type StoredPool } from './storedPool';

const entry = () => {
  const e = tinyEntry('p', '1', [{ answer: '1' }, { answer: '2' }]);
  for (const s of e.samples) {
    s.scores = {
      'arith-verifier': { steps: [0.5], tokens: 3 },
      other: { steps: [0.1], tokens: 2 },
    };
  }
  return { ...e, finished: e.samples.map(() => true) };
};
const stored = (): StoredPool => ({
  entries: [entry(), undefined],
  models: [
    { role: 'policy', id: 'arith-policy', hash: 'sha256:p' },
    { role: 'verifier', id: 'arith-verifier', hash: 'sha256:v1' },
    { role: 'verifier', id: 'other', hash: 'sha256:o' },
  ],
  parameters: {},
});

describe('a stored pool reopened with the models loaded now', () => {
  it("keeps every score when each verifier's file is the one that computed it", () => {
    const s = stored();
    expect(withoutStaleScores(s, s.models)).toBe(s.entries);
  });

  it("drops a retrained verifier's scores (to compute them again) and keeps the rest", () => {
    const loaded: ModelRef[] = [
      { role: 'policy', id: 'arith-policy', hash: 'sha256:p' },
      { role: 'verifier', id: 'arith-verifier', hash: 'sha256:v2' },
    ];
    const [first, second] = withoutStaleScores(stored(), loaded);
    for (const s of first!.samples) expect(Object.keys(s.scores)).toEqual(['other']);
    expect(second).toBeUndefined();
  });
});
