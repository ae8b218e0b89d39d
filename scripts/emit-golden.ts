/**
 * Writes the golden fixtures: the arith format and the RNG, which the Python training code is tested
 * against (src/core/tasks/arith/golden.ts), and the math word-problem generator's
 * (src/core/tasks/math/golden.ts).
 */
import { writeFileSync } from 'node:fs';
import { arithGoldenLines, rngGolden } from '../src/core/tasks/arith/golden';
import { mathGoldenLines } from '../src/core/tasks/math/golden';

writeFileSync('fixtures/arith-golden.jsonl', arithGoldenLines().join('\n') + '\n');
writeFileSync('fixtures/rng-golden.json', JSON.stringify(rngGolden(), null, 2) + '\n');
writeFileSync('fixtures/math-golden.jsonl', mathGoldenLines().join('\n') + '\n');
console.log(
  'wrote fixtures/arith-golden.jsonl, fixtures/rng-golden.json and fixtures/math-golden.jsonl',
);
