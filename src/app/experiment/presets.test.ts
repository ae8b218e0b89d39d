import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import { DEFAULT_EXPERIMENT } from './table';
import { parseExperiment, serializeExperiment } from './urlCodec';

describe('presets', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s is a valid experiment at its full budget, and survives the URL',
    (_, preset) => {
      const e = { ...DEFAULT_EXPERIMENT, ...preset.settings };
      expect(e.budget).toBe(e.n);
      expect(parseExperiment(serializeExperiment(e))).toEqual({ experiment: e, messages: [] });
    },
  );
});
