#!/usr/bin/env node
/**
 * `node scripts/check-main-thread.mjs dist`: ONNX Runtime and transformers.js load only in workers.
 * Follows every script the page loads — index.html's module scripts and, from them, each static
 * (`from"./x.js"`, `import"./x.js"`) and dynamic (`import("./x.js")`) import — and fails if one of them
 * holds the runtimes (worker scripts are reached through `new Worker(new URL(…))`, not imports, so
 * they are not followed). Prints the main thread's scripts and their total size.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** Strings only these libraries' code carries, minified or not. */
const RUNTIME_MARKERS = ['InferenceSession', 'onnxruntime', 'ort-wasm', 'PreTrainedTokenizer'];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: check-main-thread.mjs DIR');
  process.exit(2);
}
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) =>
  join(dir, m[1].replace(/^\//, '')),
);
const seen = new Set();
const queue = [...entries];
while (queue.length > 0) {
  const file = queue.pop();
  if (seen.has(file) || !existsSync(file)) continue;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:from|import)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g),
    ...text.matchAll(/import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g),
  ].map((m) => m[1]);
  for (const s of specs) queue.push(join(dirname(file), s));
}
let bytes = 0;
const bad = [];
for (const file of seen) {
  const text = readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  const hits = RUNTIME_MARKERS.filter((m) => text.includes(m));
  if (hits.length > 0) bad.push(`${relative(dir, file)} (${hits.join(', ')})`);
}
if (entries.length === 0) {
  console.error(`${dir}/index.html loads no module script`);
  process.exit(1);
}
if (bad.length > 0) {
  console.error(`${dir}: the main thread loads ONNX Runtime or transformers.js: ${bad.join('; ')}`);
  process.exit(1);
}
console.log(
  `${dir}: main thread loads ${seen.size} scripts, ${(bytes / 1024).toFixed(0)} KiB, none with ONNX Runtime or transformers.js`,
);
