/** Writes the golden fixtures the Python training code is tested against (see src/core/tasks/arith/golden.ts). */
import { writeFileSync } from 'node:fs';
import { arithGoldenLines, rngGolden } from '../src/core/tasks/arith/golden';

writeFileSync('fixtures/arith-golden.jsonl', arithGoldenLines().join('\n') + '\n');
writeFileSync('fixtures/rng-golden.json', JSON.stringify(rngGolden(), null, 2) + '\n');
console.log('wrote fixtures/arith-golden.jsonl and fixtures/rng-golden.json');
