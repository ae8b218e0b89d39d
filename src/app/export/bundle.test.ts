import { describe, expect, it } from 'vitest';
import { syntheticPool } from '../../core/tasks';
import { DEFAULT_EXPERIMENT } from '../experiment/table';
import { makeBundle, readBundle } from './bundle';

const pool = syntheticPool({ seed: 3, problems: 2, samples: 4 });
const e = {
  ...DEFAULT_EXPERIMENT,
  levels: [2],
  problems: 2,
  n: 4,
  budget: 2,
  strategies: ['bon' as const],
};

describe('experiment bundles', () => {
  it('round-trip the settings and the pool', () => {
    const b = readBundle(JSON.stringify(makeBundle(e, pool, [], null)), 'b.json');
    expect(b.experiment).toEqual(e);
    expect(b.pool).toEqual(pool);
    expect(b.messages).toEqual([]);
    expect(b.searchRuns).toBeNull();
  });

  it('keep the valid part of bad settings, and refuse a bad pool or another version', () => {
    const bundle = { ...makeBundle(e, pool, [], null), settings: 'n=3&verifier=<script>' };
    const b = readBundle(JSON.stringify(bundle), 'b.json');
    expect(b.messages.join('\n')).toMatch(/b\.json: Ignored n="3"/);
    expect(() =>
      readBundle(JSON.stringify({ ...bundle, pool: { ...pool, problems: 'x' } }), 'b.json'),
    ).toThrow(/its pool is not valid: \$\.problems/);
    expect(() => readBundle(JSON.stringify({ ...bundle, version: 7 }), 'b.json')).toThrow(
      /bundle version 7/,
    );
    expect(() => readBundle('{"format":"ttc-bundle"', 'b.json')).toThrow(/not JSON/);
  });
});
