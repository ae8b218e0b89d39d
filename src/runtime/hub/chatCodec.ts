/**
 * Text ↔ token ids for hub models, with the model's own chat template: the tokenizer is
 * `@huggingface/tokenizers` (transformers.js's own) over the repo's `tokenizer.json`, the template is
 * rendered by `@huggingface/jinja` with the same variables transformers.js's `apply_chat_template`
 * passes (messages, add_generation_prompt, the special tokens by name, and extra switches such as
 * Qwen3's `enable_thinking`). No ONNX Runtime here.
 */
import { Template } from '@huggingface/jinja';
import { Tokenizer } from '@huggingface/tokenizers';
import type { Codec } from '../drawSamples';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatOptions {
  /** A system message first; none (the template's own default, if it has one) when empty. */
  system?: string;
  /** Qwen3's switch: false renders an empty think block, so the model answers directly. */
  enableThinking?: boolean;
}

const SPECIAL = [
  'bos_token',
  'eos_token',
  'unk_token',
  'sep_token',
  'pad_token',
  'cls_token',
  'mask_token',
];

function tokenText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string')
    return (v as { content: string }).content;
  return null;
}

/** The repo's chat template: tokenizer_config's (a string, or the one named "default"), else the file. */
export function chatTemplateOf(
  config: Record<string, unknown>,
  file: string | null,
): string | null {
  const t = config['chat_template'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const named = t.find(
      (x) => x && typeof x === 'object' && (x as { name?: unknown }).name === 'default',
    );
    const tpl = (named as { template?: unknown } | undefined)?.template;
    if (typeof tpl === 'string') return tpl;
  }
  return file;
}

export interface ChatCodec extends Codec {
  /** The rendered conversation, as text (for display and for the golden test). */
  render(
    messages: readonly ChatMessage[],
    addGenerationPrompt: boolean,
    extra?: Record<string, unknown>,
  ): string;
  /** Token ids of the prompt a chat model answers: the task's text as the user's turn. */
  prompt(text: string): number[];
}

export function chatCodec(
  tokenizerJson: Record<string, unknown>,
  tokenizerConfig: Record<string, unknown>,
  templateFile: string | null,
  options: ChatOptions = {},
): ChatCodec {
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const source = chatTemplateOf(tokenizerConfig, templateFile);
  const template = source === null ? null : new Template(source);
  const specials: Record<string, string> = {};
  for (const k of SPECIAL) {
    const v = tokenText(tokenizerConfig[k]);
    if (v) specials[k] = v;
  }
  const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false }).ids;
  const render: ChatCodec['render'] = (messages, addGenerationPrompt, extra = {}) => {
    if (!template) throw new Error('this model has no chat template (tokenizer_config.json)');
    return template.render({
      messages,
      add_generation_prompt: addGenerationPrompt,
      ...specials,
      ...extra,
    });
  };
  return {
    encode,
    decode: (ids) => tokenizer.decode(ids, { skip_special_tokens: true }),
    render,
    prompt(text) {
      const messages: ChatMessage[] = [
        ...(options.system ? [{ role: 'system' as const, content: options.system }] : []),
        { role: 'user', content: text },
      ];
      const extra =
        options.enableThinking === undefined ? {} : { enable_thinking: options.enableThinking };
      return encode(render(messages, true, extra));
    },
  };
}
