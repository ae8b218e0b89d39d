/**
 * transformers.js loads every built-in model folder from the app's own files (no hub), its tokenizer
 * round-trips every fixture problem, and its greedy decode reproduces PyTorch's.
 */
import { AutoModelForCausalLM, AutoTokenizer, env } from '@huggingface/transformers';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = 'public/models/';

const fixtures = readdirSync('fixtures/parity').map(
  (f) =>
    JSON.parse(readFileSync(`fixtures/parity/${f}`, 'utf8')) as {
      model: string;
      cases: { text: string; ids: number[]; promptLength: number; greedy: number[] }[];
    },
);

describe('transformers.js on the built-in models', () => {
  for (const fixture of fixtures) {
    it(`${fixture.model}: tokenizer round-trips every fixture problem`, async () => {
      const tokenizer = await AutoTokenizer.from_pretrained(fixture.model);
      for (const c of fixture.cases) {
        const ids = tokenizer.encode(c.text);
        expect([...ids, 2]).toEqual(c.ids); // the tokenizer adds <s>; training sequences end with </s>
        expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe(c.text);
      }
    });

    it(`${fixture.model}: loads locally and greedy-decodes as PyTorch does`, async () => {
      const tokenizer = await AutoTokenizer.from_pretrained(fixture.model);
      const model = await AutoModelForCausalLM.from_pretrained(fixture.model, { dtype: 'fp32' });
      for (const c of fixture.cases.slice(0, 8)) {
        const prompt = c.text.slice(0, c.text.indexOf('\n') + 1);
        const inputs = tokenizer(prompt);
        const out = (await model.generate({
          ...inputs,
          max_new_tokens: c.greedy.length,
          do_sample: false,
        })) as { tolist(): bigint[][] };
        const generated = out.tolist()[0]!.map(Number).slice(c.promptLength);
        expect(generated).toEqual(c.greedy);
      }
      await model.dispose();
    });
  }
});
