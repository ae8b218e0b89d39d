import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, encode, VOCAB } from '../core/tasks/arith/vocab';
import { charCodec } from './charCodec';

const MODELS = ['arith-policy', 'arith-verifier', 'arith-verifier-weak'];
const tokenizer = (id: string) =>
  JSON.parse(readFileSync(`public/models/${id}/tokenizer.json`, 'utf8')) as unknown;

describe("the built-in models' codec, read from their tokenizer.json", () => {
  for (const id of MODELS) {
    it(`${id}: the ids the model was trained on (the arith vocabulary)`, () => {
      const codec = charCodec(tokenizer(id));
      const text = 'Q: (91*6-13)*4-72\n91*6=546\nA: 2060';
      expect(codec.encode(text)).toEqual(encode(text));
      const ids = [1, ...encode(text), 2, 0];
      expect(codec.decode(ids)).toBe(decode(ids));
      for (let i = 3; i < VOCAB.length; i++) expect(codec.encode(VOCAB[i]!)).toEqual([i]);
    });
  }

  it('refuses text outside the vocabulary and tokenizers it cannot read', () => {
    const codec = charCodec(tokenizer('arith-policy'));
    expect(() => codec.encode('x')).toThrow(/not in the model's vocabulary/);
    expect(() => charCodec({ model: { type: 'BPE', vocab: {} } })).toThrow(/WordLevel/);
    expect(() => charCodec(null)).toThrow(/WordLevel/);
  });
});
