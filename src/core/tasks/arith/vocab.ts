/**
 * The arith task's character vocabulary: one token per character, plus three specials. The built-in
 * models are trained on exactly these ids (`training/` reads `fixtures/arith-golden.jsonl`, which
 * records them), so the order here is part of the model format: append, never reorder.
 */
export const SPECIAL_TOKENS = ['<pad>', '<s>', '</s>'] as const;
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;

const CHARS = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '+',
  '-',
  '*',
  '=',
  '(',
  ')',
  '\n',
  'Q',
  'A',
  ':',
  ' ',
] as const;

export const VOCAB: readonly string[] = [...SPECIAL_TOKENS, ...CHARS];

const ID_OF = new Map(VOCAB.map((t, i) => [t, i]));

/** Encodes text character by character; throws on a character outside the vocabulary. */
export function encode(text: string): number[] {
  const ids: number[] = [];
  for (const ch of text) {
    const id = ID_OF.get(ch);
    if (id === undefined || id < SPECIAL_TOKENS.length) {
      throw new RangeError(`character ${JSON.stringify(ch)} is not in the arith vocabulary`);
    }
    ids.push(id);
  }
  return ids;
}

/** Decodes ids to text, dropping special tokens. */
export function decode(ids: readonly number[]): string {
  let out = '';
  for (const id of ids) {
    if (id >= SPECIAL_TOKENS.length && id < VOCAB.length) out += VOCAB[id];
  }
  return out;
}
