/** Loads a built-in model folder (Hugging Face layout) for the CLI, with a content hash for provenance. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { llamaParameters, readingRule } from '../src/runtime/modelConfig';
import { charCodec } from '../src/runtime/charCodec';
import { Decoder, decoderConfig } from '../src/runtime/decoder';
import type { LoadedModel } from '../src/runtime/sweep';
import { UsageError } from './args';

export const MODELS_DIR = 'public/models';

export async function loadModel(idOrPath: string): Promise<LoadedModel> {
  const dir = existsSync(join(idOrPath, 'config.json')) ? idOrPath : join(MODELS_DIR, idOrPath);
  if (!existsSync(join(dir, 'onnx', 'model.onnx'))) {
    throw new UsageError(`no model "${idOrPath}": expected ${join(dir, 'onnx', 'model.onnx')}`);
  }
  const bytes = readFileSync(join(dir, 'onnx', 'model.onnx'));
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
  const rule = readingRule(config);
  return {
    id: idOrPath.split('/').filter(Boolean).at(-1)!,
    hash: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    parameters: llamaParameters(config),
    decoder: await Decoder.load(bytes, decoderConfig(config)),
    codec: charCodec(tokenizer),
    ...(rule ? { rule } : {}),
  };
}
