/**
 * Key hashing for seed derivation. A key path such as `(seed, 'sample', problemId, 7)` is turned into
 * 32-bit words and hashed with MurmurHash3 (x86, 32-bit) under four lane seeds, giving 128 bits of key.
 *
 * Everything is 32-bit integer arithmetic (`Math.imul`, `>>>`) so the Python training code can mirror
 * it exactly (`training/ttc_data/rng.py`); `fixtures/rng-golden.json` pins the outputs.
 */

export type SeedKey = number | string;

const TAG_NUMBER = 0x6e;
const TAG_STRING = 0x73;
const utf8 = new TextEncoder();

/** Encodes a key path as u32 words: each part is tagged so that `1` and `'1'` never collide. */
export function keyWords(parts: readonly SeedKey[]): number[] {
  const words: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') {
      if (!Number.isInteger(part) || part < 0 || part > 0xffffffff) {
        throw new RangeError(`seed key parts must be integers in [0, 2^32), got ${part}`);
      }
      words.push(TAG_NUMBER, part >>> 0);
    } else if (isAscii(part)) {
      // ASCII is its own UTF-8, one byte per code unit: skips TextEncoder, whose per-call cost
      // dominated deriving one stream per sample (the noisy oracle, 10⁵ samples).
      words.push(TAG_STRING, part.length);
      for (let i = 0; i < part.length; i++) words.push(part.charCodeAt(i));
    } else {
      const bytes = utf8.encode(part);
      words.push(TAG_STRING, bytes.length);
      for (const b of bytes) words.push(b);
    }
  }
  return words;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 over a sequence of u32 blocks. */
export function murmur3Words(words: readonly number[], seed: number): number {
  let h = seed >>> 0;
  for (const w of words) {
    let k = Math.imul(w, 0xcc9e2d51);
    k = rotl(k, 15);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = rotl(h, 13);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= words.length * 4;
  return fmix32(h);
}

const LANE_SEEDS = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x85a308d3] as const;

/** 128 bits (four u32) of hash for a word sequence. */
export function hash128(words: readonly number[]): [number, number, number, number] {
  return [
    murmur3Words(words, LANE_SEEDS[0]),
    murmur3Words(words, LANE_SEEDS[1]),
    murmur3Words(words, LANE_SEEDS[2]),
    murmur3Words(words, LANE_SEEDS[3]),
  ];
}

/** A single u32 derived from a key path: for ids and per-item seeds recorded in pools. */
export function hashKey(...parts: SeedKey[]): number {
  return murmur3Words(keyWords(parts), LANE_SEEDS[0]);
}
