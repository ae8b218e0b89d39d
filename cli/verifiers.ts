/**
 * `--verifier` for `ttc sweep`: a built-in verifier by id (read by its own rule — the tag PRM's
 * config gives one — or else the generative rule), or any model read by a rule —
 * `hub:<org>/<name>:<rule>` (from `--hub`), `<built-in id>:<rule>` — and, with `--engine openai`,
 * `--verifier-rule <rule>` for the `--verifier-url` model. Rules: step-tag, separator,
 * turn-per-step, judge, critique (src/core/verifiers/rules), with their defaults or with parameters
 * written as a pool's verifier id writes them.
 */
import { defaultRule, isRule, RULE_LABELS, type RuleSpec } from '../src/core/verifiers/rules';
import { loadHubModel } from '../src/runtime/hub/loadHub';
import {
  localRuleModel,
  modelPoolVerifier,
  rulePoolVerifier,
  ruleStepScorer,
} from '../src/runtime/ruleVerifier';
import type { PoolVerifier } from '../src/runtime/sweep';
import type { StepScorer } from '../src/core/search/types';
import { UsageError } from './args';
import { loadModel } from './models';

export const RULES_USAGE = `rules: ${Object.keys(RULE_LABELS).join(', ')}; parameters as a pool's verifier id spells them, e.g. step-tag(tag="¶",good="✓",bad="✗")`;

/** `text` split at commas outside parentheses and JSON strings. */
export function splitTop(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

/**
 * A rule by name, with its defaults, or with parameters the way a pool's verifier id writes them
 * (`ruleVerifierId`): `step-tag(tag="¶",good="✓",bad="✗",lead="\n")`, values in JSON.
 */
export function ruleArg(raw: string): RuleSpec {
  const m = /^([a-z-]+)(?:\((.*)\))?$/s.exec(raw.trim());
  const name = m?.[1] ?? raw;
  if (!m || !isRule(name)) throw new UsageError(`unknown rule "${raw}" (${RULES_USAGE})`);
  const spec = defaultRule(name);
  if (m[2] === undefined) return spec;
  const params = { ...spec.params } as Record<string, unknown>;
  for (const item of splitTop(m[2]).filter((x) => x.trim() !== '')) {
    const at = item.indexOf('=');
    const key = item.slice(0, at).trim();
    if (at < 0 || !Object.hasOwn(params, key))
      throw new UsageError(
        `rule ${name}: "${item}" is not one of its parameters (${Object.keys(params).join(', ')})`,
      );
    let value: unknown;
    try {
      value = JSON.parse(item.slice(at + 1));
    } catch {
      throw new UsageError(`rule ${name}: ${key}'s value is not JSON (strings in double quotes)`);
    }
    if (typeof value !== typeof params[key])
      throw new UsageError(`rule ${name}: ${key} takes a ${typeof params[key]}`);
    params[key] = value;
  }
  return { rule: name, params } as unknown as RuleSpec;
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
    // The model's id has no colon; the rule's parameters may.
    const at = rest.indexOf(':');
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
  const list = raw ? splitTop(raw).map(parse) : [];
  // The built-in generative verifiers read their own character-level format, not a hub model's text.
  if (hubPolicy && list.some((p) => p.kind === 'builtin' && !p.rule))
    throw new UsageError(
      '--verifier: the built-in verifiers read character-level models; read a hub model by a rule (hub:org/name:judge)',
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
      if (!p.rule) return modelPoolVerifier(m);
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
