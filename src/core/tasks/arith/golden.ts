import { hashKey, Rng, type SeedKey } from '../../rng';
import { arithCompletion, arithPrompt } from './format';
import { generateArith } from './generate';
import { ARITH_LEVELS } from './levels';
import { BOS_ID, encode, EOS_ID } from './vocab';

/**
 * Golden fixtures that pin the arith format and the RNG for the Python side (`training/`), which must
 * reproduce them byte for byte. `npm run golden` writes them; a unit test fails if they drift.
 */
export const GOLDEN_SEEDS_PER_LEVEL = 50;

export function arithGoldenLines(): string[] {
  const lines: string[] = [];
  for (const { level } of ARITH_LEVELS) {
    for (let seed = 0; seed < GOLDEN_SEEDS_PER_LEVEL; seed++) {
      const p = generateArith(seed, level);
      const prompt = arithPrompt(p);
      const completion = arithCompletion(p);
      const ids = [BOS_ID, ...encode(prompt + completion), EOS_ID];
      lines.push(
        JSON.stringify({
          seed,
          level,
          id: p.id,
          question: p.question,
          steps: p.steps,
          answer: p.answer,
          prompt,
          completion,
          ids,
        }),
      );
    }
  }
  return lines;
}

export function rngGolden(): unknown {
  const keys: SeedKey[][] = [
    [0],
    [1],
    [4294967295],
    ['abc'],
    [7, 'problem', 3],
    [42, 'arith', 5],
    ['é✓', 0],
  ];
  const streams = ([[0], [42, 'arith', 3], ['seed', 1, 2]] as SeedKey[][]).map((path) => {
    const [seed, ...rest] = path as [SeedKey, ...SeedKey[]];
    const rng = Rng.fromSeed(seed, ...rest);
    const u32 = Array.from({ length: 8 }, () => rng.nextU32());
    const ints = [1, 2, 3, 7, 10, 99, 1000, 4294967296].map((n) => ({
      n,
      values: Array.from({ length: 4 }, () => rng.int(n)),
    }));
    const floats = Array.from({ length: 4 }, () => rng.next());
    const child = rng.derive('child', 9);
    return {
      path,
      u32,
      int: ints,
      next: floats,
      derived: { path: ['child', 9], u32: [child.nextU32(), child.nextU32()] },
    };
  });
  return { hashKey: keys.map((key) => ({ key, value: hashKey(...key) })), streams };
}
