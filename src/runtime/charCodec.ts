/**
 * The built-in models' tokenizer, read from their own `tokenizer.json` (Hugging Face layout): a
 * WordLevel vocabulary with one token per character, split character by character. The runtime
 * takes the codec from the model it loads, never from a task, so a task is only text.
 */
import type { Codec } from './drawSamples';

interface TokenizerJson {
  model?: { type?: unknown; vocab?: unknown };
  added_tokens?: { id: number; content: string; special?: boolean }[];
}

export function charCodec(tokenizer: unknown): Codec {
  const t = tokenizer as TokenizerJson;
  const vocab = t?.model?.vocab;
  if (t?.model?.type !== 'WordLevel' || typeof vocab !== 'object' || vocab === null)
    throw new Error('tokenizer.json: expected a WordLevel vocabulary (a built-in model)');
  const special = new Set((t.added_tokens ?? []).filter((a) => a.special).map((a) => a.id));
  const idOf = new Map<string, number>();
  const textOf = new Map<number, string>();
  for (const [text, id] of Object.entries(vocab as Record<string, unknown>)) {
    if (!Number.isInteger(id))
      throw new Error(`tokenizer.json: bad id for ${JSON.stringify(text)}`);
    if (special.has(id as number)) continue;
    if ([...text].length !== 1)
      throw new Error(`tokenizer.json: ${JSON.stringify(text)} is not one character`);
    idOf.set(text, id as number);
    textOf.set(id as number, text);
  }
  return {
    encode(text: string): number[] {
      const ids: number[] = [];
      for (const ch of text) {
        const id = idOf.get(ch);
        if (id === undefined)
          throw new RangeError(`character ${JSON.stringify(ch)} is not in the model's vocabulary`);
        ids.push(id);
      }
      return ids;
    },
    // Special tokens (and ids outside the vocabulary) decode to nothing.
    decode: (ids: readonly number[]) => ids.map((id) => textOf.get(id) ?? '').join(''),
  };
}
