/**
 * `--verifier` for `ttc sweep`: a built-in generative verifier by id, or any model read by a rule —
 * `hub:<org>/<name>:<rule>` (from `--hub`), `<built-in id>:<rule>` — and, with `--engine openai`,
 * `--verifier-rule <rule>` for the `--verifier-url` model. Rules: step-tag, separator,
 * turn-per-step, judge (src/core/verifiers/rules; their parameters are the defaults here).
 */
import { defaultRule, isRule, RULE_LABELS, type RuleSpec } from '../src/core/verifiers/rules';
import { loadHubModel } from '../src/runtime/hub/loadHub';
import { localRuleModel, rulePoolVerifier, ruleStepScorer } from '../src/runtime/ruleVerifier';
import { inProcessVerifier, type PoolVerifier } from '../src/runtime/sweep';
import type { StepScorer } from '../src/core/search/types';
import { UsageError } from './args';
import { loadModel } from './models';

export const RULES_USAGE = `rules: ${Object.keys(RULE_LABELS).join(', ')}`;

export function ruleArg(raw: string): RuleSpec {
  if (!isRule(raw)) throw new UsageError(`unknown rule "${raw}" (${RULES_USAGE})`);
  return defaultRule(raw);
}

interface Parsed {
  kind: 'builtin' | 'hub';
  model: string;
  rule: RuleSpec | null;
}

function parse(raw: string): Parsed {
  const v = raw.trim();
  if (v.startsWith('hub:')) {
    const rest = v.slice(4);
    const at = rest.lastIndexOf(':');
    if (at < 0) throw new UsageError(`--verifier ${v}: give the rule, as hub:org/name:judge`);
    return { kind: 'hub', model: rest.slice(0, at), rule: ruleArg(rest.slice(at + 1)) };
  }
  const at = v.indexOf(':');
  return at < 0
    ? { kind: 'builtin', model: v, rule: null }
    : { kind: 'builtin', model: v.slice(0, at), rule: ruleArg(v.slice(at + 1)) };
}

async function load(p: Parsed, hub: string | undefined) {
  if (p.kind === 'builtin') return loadModel(p.model);
  if (!hub) throw new UsageError(`--verifier hub:${p.model}:…: give --hub URL`);
  return loadHubModel({ host: hub, model: p.model });
}

/** What `--verifier` names, checked before any model loads (a usage error costs no download). */
export function verifierArgs(raw: string | undefined, hubPolicy: boolean): Parsed[] {
  const list = raw ? raw.split(',').map(parse) : [];
  // The built-in generative verifiers read their own character-level format, not a hub model's text.
  if (hubPolicy && list.some((p) => p.kind === 'builtin' && !p.rule))
    throw new UsageError(
      '--verifier: the built-in generative verifiers read character-level models; read a hub model by a rule (hub:org/name:judge)',
    );
  if (list.some((p) => p.kind === 'hub' && !p.rule))
    throw new UsageError('--verifier: a hub verifier is read by a rule (hub:org/name:judge)');
  return list;
}

/** The pool verifiers `--verifier` named. */
export function poolVerifiers(
  list: readonly Parsed[],
  hub: string | undefined,
): Promise<PoolVerifier[]> {
  return Promise.all(
    list.map(async (p) => {
      const m = await load(p, hub);
      if (!p.rule) return inProcessVerifier(m);
      return rulePoolVerifier(
        { role: 'verifier', id: m.id, hash: m.hash },
        localRuleModel(m),
        p.rule,
      );
    }),
  );
}

/** `--search-verifier hub:org/name:rule` or `id:rule`: a rule over partial solutions; null for other forms. */
export async function ruleSearchVerifier(
  raw: string,
  hub: string | undefined,
): Promise<{ scorer: StepScorer; ref: { role: 'verifier'; id: string; hash: string } } | null> {
  if (!raw.startsWith('hub:') && !raw.includes(':')) return null;
  const p = parse(raw);
  if (!p.rule) return null;
  const m = await load(p, hub);
  return {
    scorer: ruleStepScorer(m.id, localRuleModel(m), p.rule),
    ref: { role: 'verifier', id: m.id, hash: m.hash },
  };
}
