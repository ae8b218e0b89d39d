import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from './table';
import { parseExperiment } from './urlCodec';

/**
 * Old links keep their meaning: what the version-1 codec (before the experiment table) decoded the
 * e2e suite's links, hostile links and 2,000 generated ones to, decoded again by today's codec.
 * Settings the old codec did not have take their defaults (arith's token limit 128, no process
 * curves, the hub-model and remote-server settings).
 */
// Read as text: some links hold lone surrogates (`\ud800`), which Vite's JSON import refuses.
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/links-v1.json', import.meta.url), 'utf8'),
) as {
  defaults: Record<string, unknown>;
  rows: { query: string; experiment: Record<string, unknown>; messages: string[] }[];
};

describe('links made before the experiment table', () => {
  it(`decode to the same experiments and messages (${fixture.rows.length} links)`, () => {
    const added = Object.keys(DEFAULT_EXPERIMENT).filter((k) => !(k in fixture.defaults));
    expect(added).toEqual([
      'remote',
      'dtype',
      'revision',
      'system',
      'verifierServer',
      'verifierModel',
      'verifierRule',
      'verifierPrompt',
      'verifierEos',
      'prmAggregation',
      'maxTokens',
      'steps',
      'process',
      'computeOptimal',
      'coBins',
      'coSplit',
      'treeSelect',
      'treeFirstWave',
      'treePolicy',
    ]);
    expect(fixture.rows.length).toBeGreaterThanOrEqual(2000 + 90);
    for (const row of fixture.rows) {
      const { experiment, messages } = parseExperiment(row.query);
      expect(experiment, row.query).toEqual({
        ...fixture.defaults,
        ...row.experiment,
        task: 'arith',
        maxTokens: 128,
        process: false,
        dtype: 'q4',
        revision: 'main',
        system: null,
        steps: 'blank',
        remote: null,
        verifierServer: null,
        verifierModel: '',
        verifierEos: '',
        verifierRule: 'generative',
        verifierPrompt: null,
        prmAggregation: 'last',
        computeOptimal: false,
        coBins: 'oracle',
        coSplit: 0,
        treeSelect: 'best',
        // Version 1 searched with the first wave's variants: its links replay them.
        treeFirstWave: new URLSearchParams(row.query).get('v') === '1',
        treePolicy: null,
      });
      // The verifier menu has gained the tag PRM, hub and remote verifiers since: refusals list them.
      // Version 2 exists now: a link claiming it is no longer from an unknown version.
      expect(messages, row.query).toEqual(
        row.messages
          .filter((m) => !m.includes('settings version "2";'))
          .map((m) =>
            m
              .replace('arith-verifier-weak, oracle', 'arith-verifier-weak, arith-prm, oracle')
              .replace('policy-confidence, none.', 'policy-confidence, hub, remote, none.')
              .replace('this page reads version 1', 'this page reads version 2')
              // The memory-traffic axis came later too.
              .replace('flops, wallclock.', 'flops, memory, wallclock.'),
          ),
      );
    }
  });
});
