import { describe, expect, it } from 'vitest';
import { DEFAULT_TREE_SETTINGS } from '../../core/search';
import { makeProblemSet } from '../../core/tasks/problemSet';
import { arith } from '../../core/tasks/arith';
import { DEFAULT_EXPERIMENT } from '../experiment/table';
import { searchSettings, searchVerifier, selectedProblem } from './searchSlice';

describe('the app runs the search `ttc sweep --strategy` runs', () => {
  it('maps each verifier choice to a step verifier, or says why search cannot run', () => {
    const e = DEFAULT_EXPERIMENT;
    expect(searchVerifier({ ...e, verifier: 'arith-verifier-weak' })).toEqual({
      kind: 'model',
      id: 'arith-verifier-weak',
      spec: { kind: 'builtin', id: 'arith-verifier-weak' },
      eosText: '',
    });
    // A remote verifier on the policy's server unless it names its own.
    const far = { ...e, verifier: 'remote' as const, remote: 'http://127.0.0.1:8000/v1' };
    expect(searchVerifier({ ...far, verifierModel: 'v', verifierEos: '</s>' })).toEqual({
      kind: 'model',
      id: 'v@127.0.0.1:8000',
      spec: { kind: 'remote', baseUrl: 'http://127.0.0.1:8000/v1', model: 'v', chat: null },
      eosText: '</s>',
    });
    expect(searchVerifier({ ...far, verifierModel: '' })).toMatch(/remote verifier’s server/);
    expect(searchVerifier({ ...e, verifier: 'oracle' })).toEqual({ kind: 'oracle' });
    expect(searchVerifier({ ...e, verifier: 'noisy-oracle', seed: 7 })).toEqual({
      kind: 'oracle',
      noisy: { ...e.noisy, seed: 7 },
    });
    for (const v of ['none', 'policy-confidence'] as const)
      expect(searchVerifier({ ...e, verifier: v })).toMatch(/needs a step verifier/);
  });

  it('uses the CLI defaults (width 4, 40 steps, T = 1) and the same problem set', () => {
    expect(searchSettings(DEFAULT_EXPERIMENT)).toEqual({
      ...DEFAULT_TREE_SETTINGS,
      m: 4,
      temperature: 1,
    });
    const e = { ...DEFAULT_EXPERIMENT, levels: [2], problems: 5, problem: 3 };
    expect(selectedProblem(e)).toEqual(makeProblemSet(arith, 0, [2], 5)[3]);
  });
});
