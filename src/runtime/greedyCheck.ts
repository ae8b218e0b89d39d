/**
 * Loads the policy with transformers.js and greedy-decodes one prompt: for a built-in model, the check
 * that the shipped files load from the app's own origin; for a hub model, that transformers.js finds
 * the files this app downloaded in its cache (same cache, same keys) and decodes them itself.
 */
import { AutoModelForCausalLM, AutoTokenizer } from '@huggingface/transformers';
import { configureTransformers } from './transformersEnv';

export interface GreedyRequest {
  model: string;
  /** A hub model: its host, revision and dtype (transformers.js then reads its browser cache). */
  hub?: { host: string; revision: string; dtype: string };
  prompt: string;
  maxNewTokens: number;
}

export interface GreedyResult {
  completion: string;
  tokens: number;
  loadMs: number;
  generateMs: number;
}

export async function greedyCheck(req: GreedyRequest, origin: string): Promise<GreedyResult> {
  configureTransformers(origin, req.hub?.host);
  const t0 = performance.now();
  const revision = req.hub ? { revision: req.hub.revision } : {};
  const tokenizer = await AutoTokenizer.from_pretrained(req.model, revision);
  const model = await AutoModelForCausalLM.from_pretrained(req.model, {
    ...revision,
    dtype: (req.hub?.dtype ?? 'fp32') as 'fp32',
    device: 'wasm',
  });
  const t1 = performance.now();
  try {
    const inputs = tokenizer(req.prompt);
    const out = (await model.generate({
      ...inputs,
      max_new_tokens: req.maxNewTokens,
      do_sample: false,
    })) as {
      tolist(): bigint[][];
    };
    const promptLength = (inputs.input_ids as { dims: number[] }).dims[1]!;
    const generated = out.tolist()[0]!.map(Number).slice(promptLength);
    return {
      completion: tokenizer.decode(generated, { skip_special_tokens: true }),
      tokens: generated.length,
      loadMs: t1 - t0,
      generateMs: performance.now() - t1,
    };
  } finally {
    await model.dispose();
  }
}
