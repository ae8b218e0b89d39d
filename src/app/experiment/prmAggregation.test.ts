import { describe, expect, it } from 'vitest';
import { strategyId } from './scoredPool';
import { DEFAULT_EXPERIMENT } from './table';
import { parseExperiment, serializeExperiment } from './urlCodec';

const e0 = DEFAULT_EXPERIMENT;

describe('best-of-N on a step-only PRM', () => {
  it('ranks by the PRM aggregation (last by default), an outcome verifier by its outcome', () => {
    expect(strategyId('bon', e0)).toBe('bon-outcome@arith-verifier');
    const prm = { ...e0, verifier: 'arith-prm' as const };
    expect(strategyId('bon', prm)).toBe('bon-last@arith-prm');
    expect(strategyId('bon', { ...prm, prmAggregation: 'prod' })).toBe('bon-prod@arith-prm');
    // A hub model read by a step rule is step-only too; one read as a judge has an outcome.
    const hub = { ...e0, verifier: 'hub' as const, verifierModel: 'org/prm' };
    expect(strategyId('bon', { ...hub, verifierRule: 'step-tag', prmAggregation: 'min' })).toBe(
      'bon-min@org/prm:step-tag',
    );
    expect(strategyId('bon', { ...hub, verifierRule: 'judge', prmAggregation: 'min' })).toBe(
      'bon-outcome@org/prm:judge',
    );
    // Weighted vote weighs by the solution score either way.
    expect(strategyId('weighted', prm)).toBe('weighted@arith-prm');
  });

  it('keeps the aggregation in the link', () => {
    const e = { ...e0, verifier: 'arith-prm' as const, prmAggregation: 'min' as const };
    const q = serializeExperiment(e);
    expect(q).toContain('agg=min');
    expect(parseExperiment(q).experiment.prmAggregation).toBe('min');
    expect(parseExperiment('?agg=mean').messages.join(' ')).toMatch(/agg/);
  });
});
