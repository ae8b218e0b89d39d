import { describe, expect, it } from 'vitest';
import { scorePool } from '../metrics/score';
import { syntheticPool } from '../tasks';
import type { Pool } from '../types';
import { POOL_FORMAT_VERSION } from './migrate';
import { parsePool, validatePool } from './validate';

const v2 = () => syntheticPool({ seed: 3, problems: 6, samples: 8 });
/** The same pool as a version-1 file (every field known, the version says 1). */
const asVersion1 = (p: Pool) => JSON.stringify({ ...p, version: 1 });

describe('pool version 2', () => {
  it('opens version-1 files unchanged, and they score to identical curves', () => {
    expect(POOL_FORMAT_VERSION).toBeGreaterThanOrEqual(2);
    const pool = v2();
    const migrated = parsePool(asVersion1(pool));
    expect(migrated).toEqual(pool);
    expect(scorePool(migrated, { draws: 50, bootstrap: 100 })).toEqual(
      scorePool(pool, { draws: 50, bootstrap: 100 }),
    );
  });

  it('lets a sample leave step verdicts, tokens, log-probs, temperature and seed unknown', () => {
    const pool = v2();
    for (const e of pool.problems)
      for (const s of e.samples)
        Object.assign(s, {
          stepCorrect: null,
          tokens: null,
          meanLogprob: null,
          minLogprob: null,
          temperature: null,
          seed: null,
        });
    expect(validatePool(JSON.parse(JSON.stringify(pool)))).toMatchObject({ ok: true });
    // Known step verdicts still need one per step.
    pool.problems[0]!.samples[0]!.stepCorrect = [true];
    expect(validatePool(pool)).toMatchObject({
      ok: false,
      errors: [{ path: '$.problems[0].samples[0].stepCorrect' }],
    });
  });

  it('says which strategies need what the pool does not know, and scores the others', () => {
    const pool = v2();
    const full = scorePool(pool, { draws: 50, bootstrap: 100 });
    for (const e of pool.problems)
      for (const s of e.samples)
        Object.assign(s, { tokens: null, meanLogprob: null, minLogprob: null });
    const report = scorePool(pool, { draws: 50, bootstrap: 100 });
    expect(report.unavailable.map((u) => u.id)).toEqual([
      'confidence-mean',
      'confidence-min',
      'first-finish',
    ]);
    expect(report.unavailable[2]!.reason).toMatch(/without token counts/);
    expect(Object.keys(report.overall.curves)).not.toContain('first-finish');
    // Accuracy needs no tokens: the same as with them; token cost is not available (null in JSON).
    expect(report.overall.curves['majority']!.map((p) => p.accuracy)).toEqual(
      full.overall.curves['majority']!.map((p) => p.accuracy),
    );
    const cost = JSON.parse(JSON.stringify(report.overall.curves['majority']![0]!.cost));
    expect(cost.generatedTokens).toBeNull();
    expect(full.unavailable).toEqual([]);
  });
});
