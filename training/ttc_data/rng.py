"""Mirror of src/core/rng: MurmurHash3 key hashing and xoshiro128**, in 32-bit integer arithmetic."""

from __future__ import annotations

from typing import Sequence, Union

SeedKey = Union[int, str]
MASK = 0xFFFFFFFF
TAG_NUMBER = 0x6E
TAG_STRING = 0x73
LANE_SEEDS = (0x9E3779B9, 0x243F6A88, 0xB7E15162, 0x85A308D3)


def _rotl(x: int, r: int) -> int:
    return ((x << r) | (x >> (32 - r))) & MASK


def key_words(parts: Sequence[SeedKey]) -> list[int]:
    words: list[int] = []
    for part in parts:
        if isinstance(part, bool) or not isinstance(part, (int, str)):
            raise TypeError(f"seed key parts are ints or strings, got {part!r}")
        if isinstance(part, int):
            if not 0 <= part <= MASK:
                raise ValueError(f"seed key parts must be integers in [0, 2^32), got {part}")
            words += [TAG_NUMBER, part]
        else:
            data = part.encode("utf-8")
            words += [TAG_STRING, len(data), *data]
    return words


def fmix32(h: int) -> int:
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK
    h ^= h >> 16
    return h


def murmur3_words(words: Sequence[int], seed: int) -> int:
    h = seed & MASK
    for w in words:
        k = (w * 0xCC9E2D51) & MASK
        k = _rotl(k, 15)
        k = (k * 0x1B873593) & MASK
        h ^= k
        h = _rotl(h, 13)
        h = (h * 5 + 0xE6546B64) & MASK
    h ^= (len(words) * 4) & MASK
    return fmix32(h)


def hash128(words: Sequence[int]) -> tuple[int, int, int, int]:
    return tuple(murmur3_words(words, s) for s in LANE_SEEDS)  # type: ignore[return-value]


def hash_key(*parts: SeedKey) -> int:
    return murmur3_words(key_words(parts), LANE_SEEDS[0])


class Rng:
    """xoshiro128** seeded from a 128-bit key; children are derived from the key, never the state."""

    def __init__(self, key: Sequence[int]):
        self.key = tuple(key)
        self.s = list(key)
        if not any(self.s):
            self.s[0] = 1

    @staticmethod
    def from_seed(seed: SeedKey, *path: SeedKey) -> "Rng":
        return Rng(hash128(key_words([seed, *path])))

    def derive(self, *path: SeedKey) -> "Rng":
        return Rng(hash128([*self.key, *key_words(path)]))

    def next_u32(self) -> int:
        s0, s1, s2, s3 = self.s
        result = (_rotl((s1 * 5) & MASK, 7) * 9) & MASK
        t = (s1 << 9) & MASK
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = _rotl(s3, 11)
        self.s = [s0, s1, s2, s3]
        return result

    def next(self) -> float:
        hi = self.next_u32() >> 5
        lo = self.next_u32() >> 6
        return (hi * 67108864 + lo) / 9007199254740992

    def int(self, n: int) -> int:
        if not 1 <= n <= 4294967296:
            raise ValueError(f"int(n) needs n in [1, 2^32], got {n}")
        limit = 4294967296 - (4294967296 % n)
        while True:
            x = self.next_u32()
            if x < limit:
                return x % n
