/**
 * The verifier model an experiment's verifier choice stands for: a built-in generative verifier, a
 * hub model read by a rule (from this browser's hub host), or a model on a remote server read by a
 * rule or by the generative rule — with the id its scores are kept under in a pool.
 */
import { defaultRule, ruleVerifierId, type RuleSpec } from '../../core/verifiers/rules';
import { builtinSpec, type ModelSpec } from '../../runtime/modelSpec';
import { hubHost } from '../hub/hubHost';
import { remoteUsesChat } from '../hub/policySpec';
import { verifierServer } from '../remote/serverUrl';
import { isLearned, type Experiment } from './settings';
import { rulePrompt } from './verifierSettings';

export interface ModelVerifier {
  /** The id its scores are kept under. */
  id: string;
  spec: ModelSpec;
  /** The reading rule, or null for the generative rule (the built-in verifiers'). */
  rule: RuleSpec | null;
  /** A remote generative verifier's end-of-sequence text ('' none). */
  eosText: string;
}

/** A remote verifier's name in a pool: its name and where it ran (another server's is another id). */
export function remoteVerifierId(model: string, url: string): string {
  return `${model}@${new URL(url).host}`;
}

/** The experiment's rule, with its prompt (the judge's and the critique's are the experiment's). */
export function ruleOf(e: Experiment): RuleSpec | null {
  if (e.verifierRule === 'generative') return null;
  const spec = defaultRule(e.verifierRule);
  const prompt = rulePrompt(e);
  return (spec.rule === 'judge' || spec.rule === 'critique') && prompt !== null
    ? ({ ...spec, params: { ...spec.params, prompt } } as RuleSpec)
    : spec;
}

/** The verifier model the experiment scores with, or null (no model, or not chosen yet). */
export function modelVerifier(e: Experiment): ModelVerifier | null {
  if (isLearned(e.verifier))
    return { id: e.verifier, spec: builtinSpec(e.verifier), rule: null, eosText: '' };
  const rule = ruleOf(e);
  if (e.verifier === 'hub') {
    // A hub model's text is read by a rule; the generative rule reads character-level models.
    if (!e.verifierModel || !rule) return null;
    return {
      id: ruleVerifierId(e.verifierModel, rule),
      spec: {
        kind: 'hub',
        host: hubHost(),
        model: e.verifierModel,
        revision: 'main',
        dtype: e.dtype,
        system: '',
      },
      rule,
      eosText: '',
    };
  }
  if (e.verifier !== 'remote') return null;
  const url = verifierServer(e);
  if (!url || !e.verifierModel) return null;
  const name = remoteVerifierId(e.verifierModel, url);
  return {
    id: rule ? ruleVerifierId(name, rule) : name,
    // A rule reads a chat model in its template where the policy is prompted in one.
    spec: {
      kind: 'remote',
      baseUrl: url,
      model: e.verifierModel,
      chat: rule && remoteUsesChat(e) ? { system: '' } : null,
    },
    rule,
    eosText: e.verifierEos,
  };
}
