/**
 * The experiment table's settings of a verifier model named by the experiment — a hub model or a
 * model on a remote server — and how it is read: its server, name, rule, judge prompt and
 * end-of-sequence text. Spread into `SETTINGS` (table.ts) right after the verifier choice.
 */
import { RULE_LABELS, type RuleId } from '../../core/verifiers/rules';
import { DEFAULT_CRITIQUE } from '../../core/verifiers/rules/critique';
import { DEFAULT_JUDGE } from '../../core/verifiers/rules/judge';
import { isServedName, isServerUrl, SERVER_URL_ERROR, verifierServer } from '../remote/serverUrl';
import { choice, single, type Setting } from './settingKinds';
import type { Aggregation } from '../../core/verifiers/aggregate';
import {
  MAX_SYSTEM_PROMPT,
  PRM_AGGREGATIONS,
  type Experiment,
  type VerifierRule,
} from './settings';

/** The rules that read with a prompt, and their default prompts. */
const PROMPTS: Partial<Record<VerifierRule, string>> = {
  judge: DEFAULT_JUDGE.prompt,
  critique: DEFAULT_CRITIQUE.prompt,
};

/** The prompt the experiment's rule reads with (its own, or the rule's default), or null if none. */
export function rulePrompt(e: Pick<Experiment, 'verifierRule' | 'verifierPrompt'>): string | null {
  const fallback = PROMPTS[e.verifierRule];
  return fallback === undefined ? null : (e.verifierPrompt ?? fallback);
}

/** The rule's default prompt (a prompt equal to it is stored as the default: null). */
export const defaultPrompt = (rule: VerifierRule): string | null => PROMPTS[rule] ?? null;

/** A verifier model named by the experiment (on the hub or a server), read by a rule. */
const readsModel = (e: Experiment) => e.verifier === 'remote' || e.verifier === 'hub';

/** Rules that score steps alone: a solution's score is an aggregation of them (no outcome). */
const STEP_RULES: ReadonlySet<VerifierRule> = new Set(['step-tag', 'separator', 'turn-per-step']);

/**
 * Whether the experiment's verifier scores only steps — the built-in tag PRM, or a model read by a
 * step rule — so that best-of-N ranks by the PRM aggregation (`prmAggregation`), not an outcome.
 */
export const stepOnlyVerifier = (e: Experiment): boolean =>
  e.verifier === 'arith-prm' || (readsModel(e) && STEP_RULES.has(e.verifierRule));

export const PRM_AGGREGATION_LABELS: Record<Experiment['prmAggregation'], string> = {
  last: 'Last step (search-and-learn)',
  min: 'Weakest step (min)',
  prod: 'Product of steps',
};

/** How best-of-N reads the experiment's verifier: its outcome, or a step-only PRM's aggregation. */
export const bonAggregation = (e: Experiment): Aggregation =>
  stepOnlyVerifier(e) ? e.prmAggregation : 'outcome';

type Names =
  | 'verifierServer'
  | 'verifierModel'
  | 'verifierRule'
  | 'verifierPrompt'
  | 'verifierEos'
  | 'prmAggregation';

export const VERIFIER_MODEL_SETTINGS: { readonly [K in Names]: Setting<K> } = {
  verifierServer: {
    url: ['vremote'],
    determines: ['scores', 'search'],
    initial: () => null,
    read: (get) => {
      const raw = get('vremote');
      if (raw === null) return { ignored: [] };
      return isServerUrl(raw)
        ? { value: raw, ignored: [] }
        : { ignored: [{ key: 'vremote', raw, why: SERVER_URL_ERROR }] };
    },
    write: (v, e) => (v === null || e.verifier !== 'remote' ? [] : [['vremote', v]]),
    key: (e) => (e.verifier === 'remote' ? verifierServer(e) : null),
  },
  verifierModel: {
    ...single<'verifierModel'>(
      'vmodel',
      ['scores', 'search'],
      () => '',
      (raw) =>
        isServedName(raw)
          ? { value: raw }
          : { error: 'expected a hub model id (org/name) or the name a server serves' },
      (v) => v,
    ),
    key: (e) => (readsModel(e) ? e.verifierModel : null),
  },
  verifierRule: {
    ...single<'verifierRule'>(
      'vrule',
      ['scores', 'search'],
      () => 'generative',
      choice(['generative', ...(Object.keys(RULE_LABELS) as RuleId[])] as const),
      (v) => v,
    ),
    key: (e) => (readsModel(e) ? e.verifierRule : null),
  },
  // The experiment's own prompt for the judge or critique rule; null: the rule's default.
  verifierPrompt: {
    url: ['vprompt'],
    determines: ['scores', 'search'],
    initial: () => null,
    read: (get) => {
      const raw = get('vprompt');
      if (raw === null) return { ignored: [] };
      const why =
        raw.length > MAX_SYSTEM_PROMPT
          ? `longer than ${MAX_SYSTEM_PROMPT} characters`
          : raw.includes('{solution}')
            ? null
            : 'a judge prompt must hold {solution}';
      return why ? { ignored: [{ key: 'vprompt', raw, why }] } : { value: raw, ignored: [] };
    },
    write: (v) => (v === null ? [] : [['vprompt', v]]),
    key: (e) => (readsModel(e) ? rulePrompt(e) : null),
  },
  verifierEos: {
    ...single<'verifierEos'>(
      'veos',
      ['scores', 'search'],
      () => '',
      (raw) => (raw.length <= 40 ? { value: raw } : { error: 'expected at most 40 characters' }),
      (v) => v,
    ),
    key: (e) => (e.verifier === 'remote' ? e.verifierEos : null),
  },
  // `last` is search-and-learn's reading of a PRM; `min` and `prod` are Snell et al.'s others.
  prmAggregation: {
    ...single<'prmAggregation'>(
      'agg',
      ['curves'],
      () => 'last',
      choice(PRM_AGGREGATIONS),
      (v) => v,
    ),
    key: (e) => (stepOnlyVerifier(e) ? e.prmAggregation : null),
  },
};
