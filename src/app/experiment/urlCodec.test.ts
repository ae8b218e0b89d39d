import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STRATEGY_KEYS } from './settings';
import { DEFAULT_EXPERIMENT } from './table';
import { MAX_QUERY_LENGTH, parseExperiment, serializeExperiment } from './urlCodec';

describe('the experiment in the URL', () => {
  it('round-trips every setting', () => {
    const e = {
      ...DEFAULT_EXPERIMENT,
      levels: [2, 4],
      problems: 7,
      n: 256,
      seed: 42,
      verifier: 'noisy-oracle' as const,
      noisy: { falsePositive: 0.3, falseNegative: 0.05, noise: 0.1 },
      temperatures: [0.7, 1.2],
      strategies: ['majority' as const, 'first-finish' as const],
      estimator: 'prefix' as const,
      axis: 'flops' as const,
      budget: 128,
      backend: 'wasm' as const,
      problem: 3,
      bins: 'quintile' as const,
      fit: true,
      tree: 'mcts' as const,
      treeN: 16,
      treeM: 2,
      treeCurves: ['beam' as const, 'particle-filter' as const],
      treeSeeds: 3,
      hide: ['controls' as const, 'difficulty' as const],
      talk: true,
      custom: '0badc0de',
    };
    const text = serializeExperiment(e);
    expect(text).toContain('levels=2,4');
    expect(parseExperiment(text)).toEqual({ experiment: e, messages: [] });
  });

  it('writes only what differs from the defaults, readably', () => {
    expect(serializeExperiment(DEFAULT_EXPERIMENT)).toBe('v=2');
    expect(
      serializeExperiment({ ...DEFAULT_EXPERIMENT, levels: [1, 2, 3, 4, 5], budget: 64 }),
    ).toBe('levels=1-5&k=64&v=2');
  });

  it('drops unknown tree strategies, including names every object has', () => {
    const { experiment, messages } = parseExperiment('tc=dvts,toString,__proto__&tseeds=99');
    expect(experiment.treeCurves).toEqual(['dvts']);
    expect(experiment.treeSeeds).toBe(1);
    expect(messages.join(' ')).toMatch(/tree strategies.*toString/);
    expect(messages.join(' ')).toMatch(/tseeds/);
  });

  it('keeps the valid part of a bad link and says what it dropped', () => {
    const { experiment, messages } = parseExperiment(
      'problems=5&n=100&levels=9&s=majority,evil&verifier=<script>&fp=2&k=32',
    );
    expect(experiment.problems).toBe(5);
    expect(experiment.budget).toBe(32);
    expect(experiment.n).toBe(DEFAULT_EXPERIMENT.n);
    expect(experiment.levels).toEqual(DEFAULT_EXPERIMENT.levels);
    expect(experiment.strategies).toEqual(['majority']);
    expect(experiment.verifier).toBe(DEFAULT_EXPERIMENT.verifier);
    expect(messages).toHaveLength(5);
    expect(messages.join('\n')).toMatch(/n="100": expected a power of two/);
    expect(messages.join('\n')).toMatch(/"<script>"/);
  });

  it('refuses oversized links outright', () => {
    const { experiment, messages } = parseExperiment(
      'problems=3&x=' + 'a'.repeat(MAX_QUERY_LENGTH),
    );
    expect(experiment).toEqual(DEFAULT_EXPERIMENT);
    expect(messages[0]).toMatch(/too long/);
  });

  it('never throws, and always yields a usable experiment', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const { experiment } = parseExperiment(s);
        expect(experiment.problem).toBeLessThan(experiment.problems);
        expect(experiment.levels.length).toBeGreaterThan(0);
        for (const k of experiment.strategies) expect(STRATEGY_KEYS).toContain(k);
      }),
    );
  });
});
