import type { ArgmaxStrategy } from './types';

/**
 * The oracle picks a correct sample whenever the subset has one, so its accuracy is coverage, pass@k
 * (Brown et al., *Large Language Monkeys*): the ceiling every selection rule is measured against.
 */
export const oracle: ArgmaxStrategy = {
  kind: 'argmax',
  id: 'oracle',
  label: 'Oracle (pass@k)',
  cost: 'all',
  key: (p) => Float64Array.from(p.correct),
};
