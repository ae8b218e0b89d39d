/**
 * The reading rules by name, with their parameters: what a verifier "model + rule" is. A rule's id
 * and parameters name its scores in a pool (`ruleVerifierId`), so two readings of one model are two
 * verifiers.
 */
import type { VerifierInfo } from '../../types';
import { critiqueScores, DEFAULT_CRITIQUE, type CritiqueParams } from './critique';
import { DEFAULT_JUDGE, judgeScores, type JudgeParams } from './judge';
import { QWEN_MATH_PRM, separatorScores, type SeparatorParams } from './separatorHead';
import { MATH_SHEPHERD, stepTagRowScores, stepTagScores, type StepTagParams } from './stepTag';
import { RLHFLOW, turnPerStepScores, type TurnPerStepParams } from './turnPerStep';
import type {
  GenerateRequest,
  RowReader,
  RuleInput,
  RuleScores,
  RuleText,
  TokenReader,
} from './types';

export type RuleSpec =
  | { rule: 'step-tag'; params: StepTagParams }
  | { rule: 'separator'; params: SeparatorParams }
  | { rule: 'turn-per-step'; params: TurnPerStepParams }
  | { rule: 'judge'; params: JudgeParams }
  | { rule: 'critique'; params: CritiqueParams };

export type RuleId = RuleSpec['rule'];

export const RULE_DEFAULTS: { [R in RuleId]: Extract<RuleSpec, { rule: R }>['params'] } = {
  'step-tag': MATH_SHEPHERD,
  separator: QWEN_MATH_PRM,
  'turn-per-step': RLHFLOW,
  judge: DEFAULT_JUDGE,
  critique: DEFAULT_CRITIQUE,
};

export const RULE_LABELS: Record<RuleId, string> = {
  'step-tag': 'Step tag, P(+) vs P(−) (Math-Shepherd)',
  separator: 'Step separator head (Qwen2.5-Math-PRM)',
  'turn-per-step': 'One turn per step (RLHFlow)',
  judge: 'LLM-as-a-judge, P(Yes)',
  critique: 'Judge after a written critique (generative verification)',
};

export const isRule = (x: string): x is RuleId => Object.hasOwn(RULE_DEFAULTS, x);

export const defaultRule = (rule: RuleId): RuleSpec =>
  ({ rule, params: { ...RULE_DEFAULTS[rule] } }) as RuleSpec;

/** The id a model's scores under a rule are kept by: model, rule, and parameters that differ from the rule's defaults. */
export function ruleVerifierId(model: string, spec: RuleSpec): string {
  const defaults = RULE_DEFAULTS[spec.rule] as unknown as Record<string, unknown>;
  const changed = Object.entries(spec.params).filter(([k, v]) => defaults[k] !== v);
  return changed.length === 0
    ? `${model}:${spec.rule}`
    : `${model}:${spec.rule}(${changed.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')})`;
}

export function ruleVerifierInfo(model: string, spec: RuleSpec): VerifierInfo {
  return {
    id: ruleVerifierId(model, spec),
    kind: spec.rule === 'judge' || spec.rule === 'critique' ? 'orm' : 'prm',
    description: `${model} read by ${RULE_LABELS[spec.rule]}`,
    params: Object.fromEntries(
      Object.entries(spec.params).filter(([, v]) =>
        ['string', 'number', 'boolean'].includes(typeof v),
      ),
    ) as Record<string, string | number | boolean>,
  };
}

/** A model as rules read it: its tokenizer (and template), next-token or pooled reads, sampling. */
export interface RuleModel {
  text: RuleText;
  reader?: TokenReader;
  rows?: RowReader;
  /** Sampled continuations, as token ids (a judge's critique). */
  generate?: (requests: readonly GenerateRequest[]) => Promise<number[][]>;
}

export function scoreWithRule(spec: RuleSpec, input: RuleInput, m: RuleModel): Promise<RuleScores> {
  const need = <T>(x: T | undefined, what: string): T => {
    if (!x)
      throw new Error(
        `this model gives no ${what}, which the ${RULE_LABELS[spec.rule]} rule reads`,
      );
    return x;
  };
  switch (spec.rule) {
    case 'step-tag':
      // A reward server (no log-probs, a step pooler) gives the same read as step rows.
      return !m.reader && m.rows
        ? stepTagRowScores(input, m.text, m.rows, spec.params)
        : stepTagScores(input, m.text, need(m.reader, 'next-token log-probs'), spec.params);
    case 'turn-per-step':
      return turnPerStepScores(input, m.text, need(m.reader, 'next-token log-probs'), spec.params);
    case 'judge':
      return judgeScores(input, m.text, need(m.reader, 'next-token log-probs'), spec.params);
    case 'critique':
      return critiqueScores(
        input,
        m.text,
        need(m.reader, 'next-token log-probs'),
        need(m.generate, 'sampling'),
        spec.params,
      );
    case 'separator':
      return separatorScores(
        input,
        m.text,
        need(m.rows, 'step rows (a token-classification head)'),
        spec.params,
      );
  }
}
