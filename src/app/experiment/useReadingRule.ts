/**
 * The reading rule behind an experiment's verifier, for showing what it read: the experiment's rule
 * for a hub or remote model, a built-in's own from its config.json (the tag PRM's), else null (the
 * generative rule reads the sample as it is).
 */
import { useEffect, useState } from 'react';
import type { RuleSpec } from '../../core/verifiers/rules';
import { readingRule } from '../../runtime/modelConfig';
import { ruleOf } from './modelVerifier';
import { isLearned, type Experiment } from './settings';

const builtIn = new Map<string, Promise<RuleSpec | null>>();

function builtInRule(id: string): Promise<RuleSpec | null> {
  let p = builtIn.get(id);
  if (!p) {
    p = fetch(`/models/${encodeURIComponent(id)}/config.json`)
      .then((r) => (r.ok ? (r.json() as Promise<Record<string, unknown>>) : {}))
      .then((c) => readingRule(c))
      // A config that cannot be read leaves the view without the read text, nothing else.
      .catch(() => null);
    builtIn.set(id, p);
  }
  return p;
}

export function useReadingRule(e: Experiment | null): RuleSpec | null {
  const learned = e !== null && isLearned(e.verifier) ? e.verifier : null;
  const [own, setOwn] = useState<{ id: string; rule: RuleSpec | null } | null>(null);
  useEffect(() => {
    if (!learned) return;
    let live = true;
    void builtInRule(learned).then((rule) => live && setOwn({ id: learned, rule }));
    return () => {
      live = false;
    };
  }, [learned]);
  if (e === null) return null;
  if (learned) return own?.id === learned ? own.rule : null;
  return e.verifier === 'hub' || e.verifier === 'remote' ? ruleOf(e) : null;
}
