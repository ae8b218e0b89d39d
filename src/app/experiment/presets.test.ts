import { describe, expect, it } from 'vitest';
import { claimText, PRESETS } from './presets';
import { DEFAULT_EXPERIMENT } from './table';
import { parseExperiment, serializeExperiment } from './urlCodec';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s: its caption states every measured claim as measured, on problems of its own seed',
    (_, preset) => {
      expect(preset.measured.claims.length).toBeGreaterThan(0);
      // The live preset runs on the user's seed (0 by default): claims come from other problems.
      expect(preset.measured.seed).not.toBe(DEFAULT_EXPERIMENT.seed);
      for (const c of preset.measured.claims) {
        expect(preset.caption).toContain(claimText(c));
        expect(c.interval[0] <= c.accuracy && c.accuracy <= c.interval[1]).toBe(true);
      }
    },
  );

  it('claimText writes the caption form', () => {
    expect(claimText({ accuracy: 0.329, interval: [0.2651, 0.3849] })).toBe('32.9% [27, 38]');
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is a valid experiment at its full budget, and survives the URL',
    (_, preset) => {
      const e = { ...DEFAULT_EXPERIMENT, ...preset.settings };
      expect(e.budget).toBe(e.n);
      expect(parseExperiment(serializeExperiment(e))).toEqual({ experiment: e, messages: [] });
    },
  );
});
