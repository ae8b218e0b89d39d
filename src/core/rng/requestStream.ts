import { Rng } from './rng';

/**
 * The sampling stream that one request's u32 seed names. Everything that samples — a pool's sample,
 * a search's step, `ttc serve` answering `/v1/completions` — draws from the stream of the one u32 it
 * records or sends, so a remote server given that seed draws exactly what the page would, and
 * choice j of an `n > 1` request is seed + j (vLLM's rule). The 'step' label predates the pools'
 * use of it; it is kept so that earlier search runs replay.
 */
export function requestStream(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new RangeError(`a request seed is a u32, got ${seed}`);
  return Rng.fromSeed(seed, 'step');
}

/** The u32 seed of sample `index` of a problem in a pool drawn with `seed`. */
export function sampleSeed(seed: number, problemId: string, index: number): number {
  return Rng.fromSeed(seed, 'sample', problemId, index).key[0];
}
