/**
 * The experiment table's settings of a verifier model named by the experiment — a hub model or a
 * model on a remote server — and how it is read: its server, name, rule, judge prompt and
 * end-of-sequence text. Spread into `SETTINGS` (table.ts) right after the verifier choice.
 */
import { RULE_LABELS, type RuleId } from '../../core/verifiers/rules';
import { DEFAULT_JUDGE } from '../../core/verifiers/rules/judge';
import { isServedName, isServerUrl, SERVER_URL_ERROR, verifierServer } from '../remote/serverUrl';
import { choice, single, type Setting } from './settingKinds';
import { MAX_SYSTEM_PROMPT, type Experiment } from './settings';

/** A verifier model named by the experiment (on the hub or a server), read by a rule. */
const readsModel = (e: Experiment) => e.verifier === 'remote' || e.verifier === 'hub';

type Names = 'verifierServer' | 'verifierModel' | 'verifierRule' | 'verifierPrompt' | 'verifierEos';

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
  verifierPrompt: {
    ...single<'verifierPrompt'>(
      'vprompt',
      ['scores', 'search'],
      () => DEFAULT_JUDGE.prompt,
      (raw) =>
        raw.length > MAX_SYSTEM_PROMPT
          ? { error: `longer than ${MAX_SYSTEM_PROMPT} characters` }
          : raw.includes('{solution}')
            ? { value: raw }
            : { error: 'a judge prompt must hold {solution}' },
      (v) => v,
    ),
    key: (e) => (readsModel(e) && e.verifierRule === 'judge' ? e.verifierPrompt : null),
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
};
