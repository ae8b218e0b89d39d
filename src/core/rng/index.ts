export { Rng } from './rng';
export { hashKey, type SeedKey } from './hash';
export { requestStream, sampleSeed } from './requestStream';
