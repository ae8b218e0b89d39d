import { describe, expect, it } from 'vitest';
import { curvesKey } from './cacheKeys';
import { modelVerifier } from './modelVerifier';
import { DEFAULT_EXPERIMENT } from './table';

describe('the verifier model an experiment names', () => {
  const e = DEFAULT_EXPERIMENT;
  it('a hub model is read by a rule, its scores named by model and rule (and a changed prompt)', () => {
    const hub = {
      ...e,
      verifier: 'hub' as const,
      verifierModel: 'org/judge',
      verifierRule: 'judge' as const,
    };
    expect(modelVerifier(hub)).toMatchObject({
      id: 'org/judge:judge',
      spec: { kind: 'hub', model: 'org/judge' },
      rule: { rule: 'judge' },
    });
    const asked = { ...hub, verifierPrompt: 'Right? {solution}' };
    expect(modelVerifier(asked)!.id).toBe('org/judge:judge(prompt="Right? {solution}")');
    expect(curvesKey(asked)).not.toEqual(curvesKey(hub));
    // The critique rule reads with its own default prompt until the experiment gives one.
    const critique = { ...hub, verifierRule: 'critique' as const };
    expect(modelVerifier(critique)!.id).toBe('org/judge:critique');
    expect(modelVerifier({ ...critique, verifierPrompt: 'Check: {solution}' })!.id).toBe(
      'org/judge:critique(prompt="Check: {solution}")',
    );
    // The generative rule reads the built-ins' format only: a hub model needs a rule.
    expect(modelVerifier({ ...hub, verifierRule: 'generative' })).toBeNull();
    expect(modelVerifier({ ...hub, verifierModel: '' })).toBeNull();
  });

  it('a remote model: the generative rule by default, or a rule in its chat template on math', () => {
    const far = {
      ...e,
      verifier: 'remote' as const,
      remote: 'http://127.0.0.1:8000/v1',
      verifierModel: 'v',
    };
    expect(modelVerifier(far)).toMatchObject({ id: 'v@127.0.0.1:8000', rule: null });
    const ruled = modelVerifier({ ...far, task: 'math', verifierRule: 'step-tag' })!;
    expect(ruled.id).toBe('v@127.0.0.1:8000:step-tag');
    expect(ruled.spec).toMatchObject({ kind: 'remote', chat: { system: '' } });
  });
});
