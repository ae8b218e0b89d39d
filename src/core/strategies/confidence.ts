import type { ArgmaxStrategy } from './types';

/**
 * Verifier-free selection by the policy's own confidence: the sample with the highest mean (or min)
 * token log-prob (cf. *Reasoning Models Can Be Effective Without Thinking*).
 */
export function confidenceSelection(by: 'mean' | 'min'): ArgmaxStrategy {
  return {
    kind: 'argmax',
    id: `confidence-${by}`,
    label: `Confidence (${by} log-prob)`,
    cost: 'all',
    key: (p) => (by === 'mean' ? p.meanLogprob : p.minLogprob),
  };
}
