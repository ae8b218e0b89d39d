import type { ArgmaxStrategy } from './types';

/**
 * First Finish Search: launch k samples together and return the first to finish, i.e. the one with the
 * fewest generated tokens. The others are cancelled then, so the cost is k × that sample's length.
 */
export const firstFinish: ArgmaxStrategy = {
  kind: 'argmax',
  id: 'first-finish',
  label: 'First finish',
  cost: 'race',
  key: (p) => Float64Array.from(p.tokens, (t) => -t),
};
