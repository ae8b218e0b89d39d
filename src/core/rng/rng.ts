import { hash128, keyWords, type SeedKey } from './hash';

/**
 * Seeded, splittable PRNG: xoshiro128** (Blackman & Vigna, 2018) for the stream, MurmurHash3 of a key
 * path for the seed.
 *
 * Splitting is by *name*, not by consumption: `rng.derive('sample', problemId, i)` depends only on the
 * parent's key and the new key parts, never on how many numbers the parent has drawn. So a pool's sample
 * `i` of problem `p` is the same whether 8 or 256 samples are drawn, and adding problems changes no
 * existing stream. xoshiro128** passes BigCrush, is 32-bit only (fast in JS, exact in Python) and has
 * period 2^128 − 1.
 */
export class Rng {
  /** The 128-bit key this stream was derived from; children are derived from it, not from state. */
  readonly key: readonly [number, number, number, number];
  /**
   * xoshiro's four state words in a typed array, not four fields: with pointer compression (Chromium,
   * not Node) fields hold only 31-bit integers unboxed, so every 32-bit state update went through a
   * heap number and the stream ran ~6× slower in the browser than in Node.
   */
  private readonly s = new Int32Array(4);

  private constructor(key: [number, number, number, number]) {
    this.key = key;
    this.s.set(key);
    // xoshiro's only forbidden state; a 2^-128 event, but cheap to rule out.
    if ((key[0] | key[1] | key[2] | key[3]) === 0) this.s[0] = 1;
  }

  /** A root stream for a seed (an integer in [0, 2^32) or a string) and an optional key path. */
  static fromSeed(seed: SeedKey, ...path: SeedKey[]): Rng {
    return new Rng(hash128(keyWords([seed, ...path])));
  }

  /**
   * A stream started at a raw xoshiro128** state (four u32, not all zero), as the reference C code is
   * seeded: for its published test vectors and for mirrors in other languages. Streams in the product
   * come from `fromSeed` and `derive`.
   */
  static fromState(state: readonly [number, number, number, number]): Rng {
    if (
      state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff) ||
      state.every((w) => w === 0)
    )
      throw new RangeError('a xoshiro128** state is four u32, not all zero');
    return new Rng([state[0], state[1], state[2], state[3]]);
  }

  /** An independent child stream named by `path`; does not advance or depend on this stream's state. */
  derive(...path: SeedKey[]): Rng {
    return new Rng(hash128([...this.key, ...keyWords(path)]));
  }

  /** A uniformly distributed u32. */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0]!;
    const s1 = s[1]!;
    const s2 = s[2]! ^ s0;
    const s3 = s[3]! ^ s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = rotl(s3, 11);
    return result;
  }

  /** A float in [0, 1) with 53 random bits (two draws). */
  next(): number {
    const hi = this.nextU32() >>> 5;
    const lo = this.nextU32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An unbiased integer in [0, n), by rejection; n must be in [1, 2^32]. */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 4294967296) {
      throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
    }
    const limit = 4294967296 - mod(4294967296, n);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return mod(x, n);
    }
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** A standard normal draw (Box–Muller; one value per call, so streams stay simple to mirror). */
  normal(): number {
    const u1 = 1 - this.next(); // (0, 1]: log stays finite
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Shuffles the first `k` positions of `items` in place by a partial Fisher–Yates and returns it. Each
   * prefix of length j ≤ k is then a uniformly random j-subset in random order, whatever order `items`
   * started in, so repeated calls on the same array need no reset (what nested subsample estimates use).
   */
  shufflePrefix<T extends Int32Array | number[]>(items: T, k = items.length): T {
    const n = items.length;
    const last = Math.min(k, n - 1);
    for (let i = 0; i < last; i++) {
      const j = i + this.int(n - i);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }
}

/**
 * x mod n for integers 0 ≤ x ≤ 2^32, 1 ≤ n ≤ 2^32: the same value as `x % n`, which V8 computes with a
 * slow fmod call for numbers past int32. For n < 2^21 the floored double quotient is exact (its error,
 * under 2^-21, is below the 1/n gap to the next integer); otherwise fall back to `%`. The estimators'
 * subset draws spend most of their time here.
 */
function mod(x: number, n: number): number {
  return n < 2097152 ? x - n * Math.floor(x / n) : x % n;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}
