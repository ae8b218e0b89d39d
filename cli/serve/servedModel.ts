/**
 * A model as `ttc serve` serves it: the loaded decoder plus tokenization the way vLLM tokenizes a
 * completion prompt (Hugging Face tokenizers: a special token's text in the prompt is that token; BOS
 * first with `add_special_tokens`, the default) and decodes output (special tokens skipped). A hub
 * model also renders its chat template, for `/tokenize` with `messages`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatMessage } from '../../src/runtime/hub/chatCodec';
import { loadHubModel } from '../../src/runtime/hub/loadHub';
import type { HubDtype } from '../../src/runtime/hub/resolve';
import type { LoadedModel } from '../../src/runtime/sweep';
import { loadModel, MODELS_DIR } from '../models';
import { stepPoolerOf, type StepPooler } from './pooling';

export interface ServedModel {
  id: string;
  loaded: LoadedModel;
  /** The longest prompt + completion, in tokens (config's max_position_embeddings). */
  maxModelLen: number;
  tokenize(text: string, addSpecialTokens: boolean): number[];
  /** Output text: special tokens decode to nothing. */
  detokenize(ids: readonly number[]): string;
  /** One token's text as logprobs name it (a special token by its own text). */
  tokenText(id: number): string;
  /** Set when it is served as a step-reward model (`/pooling`, no completions), as vLLM serves a PRM. */
  pooler: StepPooler | null;
  /** The chat template rendered (a hub model's; the built-ins have none). */
  renderChat?: (
    messages: readonly ChatMessage[],
    addGenerationPrompt: boolean,
    extra: Record<string, unknown>,
  ) => string;
}

const HUB_MAX_MODEL_LEN = 32768;

/**
 * A hub model (loaded the way transformers.js loads it) under its hub id. Its tokenizer matches a
 * special token's text in the prompt itself; no BOS is added (Qwen's tokenizers add none).
 */
export async function loadServedHubModel(
  host: string,
  id: string,
  dtype?: HubDtype,
): Promise<ServedModel> {
  const loaded = await loadHubModel({ host, model: id, ...(dtype ? { dtype } : {}) });
  const { codec } = loaded;
  return {
    id,
    loaded,
    // The loader keeps no context length; the tests' and the curated models' are at least this.
    maxModelLen: HUB_MAX_MODEL_LEN,
    pooler: null,
    tokenize: (text) => codec.encode(text),
    detokenize: (ids) => codec.decode([...ids]),
    tokenText: (t) => codec.decode([t]),
    renderChat: (messages, addGenerationPrompt, extra) =>
      codec.render(messages, addGenerationPrompt, extra),
  };
}

interface TokenizerFile {
  added_tokens?: { id: number; content: string; special?: boolean }[];
}

export async function loadServedModel(id: string): Promise<ServedModel> {
  const loaded = await loadModel(id);
  const dir = join(MODELS_DIR, id);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
    max_position_embeddings?: number;
  };
  const tok = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')) as TokenizerFile;
  const specials = (tok.added_tokens ?? []).filter((a) => a.special);
  const byText = new Map(specials.map((a) => [a.content, a.id]));
  const textOf = new Map(specials.map((a) => [a.id, a.content]));
  // Longest first, so one special token's text inside another's cannot split it.
  const pattern = specials.length
    ? new RegExp(
        `(${[...byText.keys()]
          .sort((a, b) => b.length - a.length)
          .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`,
      )
    : null;
  const { codec, decoder } = loaded;
  return {
    id,
    loaded,
    maxModelLen: config.max_position_embeddings ?? 2048,
    pooler: stepPoolerOf({ loaded }),
    tokenize(text, addSpecialTokens) {
      const ids = addSpecialTokens ? [decoder.cfg.bosId] : [];
      const parts = pattern ? text.split(pattern) : [text];
      parts.forEach((part, i) => {
        if (i % 2 === 1) ids.push(byText.get(part)!);
        else if (part) ids.push(...codec.encode(part));
      });
      return ids;
    },
    detokenize: (ids) => codec.decode([...ids]),
    tokenText: (id) => textOf.get(id) ?? codec.decode([id]),
  };
}
