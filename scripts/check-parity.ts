/**
 * `tsx scripts/check-parity.ts MODEL_DIR FIXTURE.json`: exits 0 when ONNX Runtime (WASM) matches the
 * PyTorch logits in the fixture within 1e-4. Used by the Python training smoke test.
 */
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { logitParity } from '../src/runtime/parity';

ort.env.wasm.numThreads = 1;
const [dir, fixturePath] = process.argv.slice(2);
if (!dir || !fixturePath) {
  console.error('usage: check-parity MODEL_DIR FIXTURE.json');
  process.exit(2);
}
const config = JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'));
const results = await logitParity(
  readFileSync(`${dir}/onnx/model.onnx`),
  config,
  JSON.parse(readFileSync(fixturePath, 'utf8')),
);
const worst = Math.max(...results.flatMap((r) => [r.full, r.past, r.scores]));
console.log(`max |Δlogit|, |Δscore| over ${results.length} cases: ${worst.toExponential(2)}`);
process.exit(worst < 1e-4 ? 0 : 1);
