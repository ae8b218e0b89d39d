import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../core/version';
import { parseProvenance, provenanceMismatches, provenanceQuery } from './provenance';

const models = [
  { role: 'policy' as const, id: 'arith-policy', hash: 'sha256:0123456789abcdef0123' },
  { role: 'verifier' as const, id: 'arith-verifier', hash: 'sha256:fedcba9876543210fedc' },
];

describe('what computed a link’s figures', () => {
  it('round-trips, and matches the page that made it', () => {
    const q = provenanceQuery(models, 'wasm');
    expect(q).toBe(
      `ev=${ENGINE_VERSION}&mh=arith-policy:0123456789ab,arith-verifier:fedcba987654&rb=wasm`,
    );
    const { provenance, messages } = parseProvenance(`k=4&${q}`);
    expect(messages).toEqual([]);
    expect(provenanceMismatches(provenance!, models, 'wasm')).toEqual([]);
  });

  it('says plainly when the model files, the engine or the backend differ', () => {
    const { provenance } = parseProvenance(
      'ev=0.0.1&mh=arith-policy:aaaaaaaaaaaa,arith-verifier:fedcba987654&rb=webgpu',
    );
    const out = provenanceMismatches(provenance!, models, 'wasm');
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/engine 0\.0\.1/);
    expect(out[1]).toMatch(/arith-policy had hash aaaaaaaaaaaa.*0123456789ab: a different model/);
    expect(out[2]).toMatch(/computed on WEBGPU; this page runs WASM/);
  });

  it('drops malformed parts with a message and reads nothing from a link without them', () => {
    expect(parseProvenance('k=4&v=1')).toEqual({ provenance: null, messages: [] });
    const { provenance, messages } = parseProvenance(
      'ev=<script>&mh=arith-policy:<img>,__proto__:0123456789ab,x:0123456789ab&rb=gpu',
    );
    expect(provenance!.models).toEqual({ x: '0123456789ab' });
    expect(Object.getPrototypeOf(provenance!.models)).toBe(Object.prototype);
    expect(messages).toHaveLength(4);
  });
});
