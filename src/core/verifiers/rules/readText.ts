/**
 * What a rule reads, as text, for the sample view: the tagged sequence of a step-tag PRM, the
 * judge's filled prompt, the conversation of the turn and separator readings — before the model's
 * tokenizer and chat template (which the view does not have) turn it into ids.
 */
import type { RuleSpec } from './index';
import { fillPrompt } from './judge';

export function ruleReadText(spec: RuleSpec, question: string, steps: readonly string[]): string {
  switch (spec.rule) {
    case 'step-tag': {
      const p = spec.params;
      return question + p.lead + steps.map((s) => s + p.tag).join(p.joiner);
    }
    case 'separator': {
      const p = spec.params;
      const assistant = steps.map((s) => s.split(p.separator).join('') + p.separator).join('');
      return `[system] ${p.system}\n[user] ${question}\n[assistant] ${assistant}`;
    }
    case 'turn-per-step':
      return steps
        .map(
          (s, i) => `[user] ${i === 0 ? `${question} ${s}` : s}\n[assistant] ${spec.params.good}`,
        )
        .join('\n');
    case 'judge':
      return fillPrompt(spec.params.prompt, question, steps.join(spec.params.joiner));
    case 'critique': {
      const p = spec.params;
      const prompt = fillPrompt(p.prompt, question, steps.join(p.joiner));
      return `${prompt}\n[the judge's critique, sampled at temperature ${p.temperature}]${p.verdict}`;
    }
  }
}
