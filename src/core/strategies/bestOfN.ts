import { scoreColumn } from '../metrics/prepare';
import type { Aggregation } from '../verifiers/aggregate';
import type { ArgmaxStrategy } from './types';

/**
 * Best-of-N (Snell et al. 2024; Liu et al. 2025): the sample with the highest verifier score, a PRM's
 * step scores aggregated by `last`, `min`, `prod` or `mean`, or an ORM's `outcome`.
 */
export function bestOfN(verifier: string, aggregation: Aggregation): ArgmaxStrategy {
  return {
    kind: 'argmax',
    id: `bon-${aggregation}@${verifier}`,
    label: `Best-of-N, ${aggregation} (${verifier})`,
    verifier,
    cost: 'all',
    key: (p) => scoreColumn(p, verifier, aggregation),
  };
}
