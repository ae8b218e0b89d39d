export { Rng } from './rng';
export { hashKey, type SeedKey } from './hash';
