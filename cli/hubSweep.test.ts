/**
 * `ttc sweep --task math --policy org/name --hub URL` against the local stand-in hub: a pool of the
 * math task from a hub-format Qwen3 model, with its provenance, that `ttc score` reads; the tree
 * strategies on the same model; and the messages for what is wrong.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInHub, type StandInHub } from '../scripts/hubStandIn';
import { hubTestModel } from '../src/runtime/testing/hubTestModel';

const dir = mkdtempSync(join(tmpdir(), 'ttc-hub-cli-'));
const tm = hubTestModel('plain', ['fp32', 'q4f16']);
let hub: StandInHub;

/** The CLI in a child process, awaited without blocking this one (the stand-in hub runs here). */
function ttc(
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/ttc.ts', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  hub = await startStandInHub(tm.root);
});
afterAll(() => hub.close());

describe('ttc sweep --hub', () => {
  it('draws, grades and scores a math pool from a hub model, which ttc score reads', async () => {
    const pool = join(dir, 'math.json');
    const args = [
      'sweep',
      '--task',
      'math',
      '--policy',
      tm.model,
      '--hub',
      hub.url,
      '--levels',
      '1-2',
      '--problems',
      '2',
      '--n',
      '4',
      '--max-tokens',
      '16',
      '--top-k',
      '20',
    ];
    const run = await ttc(...args, '--out', pool);
    expect(run.stderr).toContain('loading ttc-test/Qwen3-tiny-plain: 100%');
    expect(run.status).toBe(0);
    const p = JSON.parse(readFileSync(pool, 'utf8'));
    expect(p.task.id).toBe('math');
    expect(p.models[0]).toMatchObject({
      role: 'policy',
      id: tm.model,
      source: { dtype: 'q4f16', revision: hub.commit(tm.model) },
    });
    expect(p.models[0].source.files.map((f: { path: string }) => f.path)).toContain(
      'onnx/model_q4f16.onnx',
    );
    expect(p.verifiers.map((v: { id: string }) => v.id)).toEqual([
      'policy-confidence',
      'policy-mean-logprob',
      'policy-self-certainty',
    ]);
    const s = p.problems[0].samples[0];
    expect(s.tokens).toBeGreaterThan(0);
    expect(s.tokens).toBeLessThanOrEqual(16);
    expect(Object.keys(s.scores)).toHaveLength(3);
    const curves = join(dir, 'curves.json');
    const scored = await ttc(
      'score',
      '--pool',
      pool,
      '--out',
      curves,
      '--draws',
      '20',
      '--bootstrap',
      '20',
    );
    expect(scored.stderr).toBe('');
    expect(scored.status).toBe(0);
    expect(JSON.parse(readFileSync(curves, 'utf8')).format).toBe('ttc-curves');

    // The same seed draws the same pool.
    const again = join(dir, 'again.json');
    await ttc(...args, '--out', again);
    const texts = (f: string) =>
      JSON.parse(readFileSync(f, 'utf8')).problems.flatMap((e: { samples: { text: string }[] }) =>
        e.samples.map((x) => x.text),
      );
    expect(texts(again)).toEqual(texts(pool));
  });

  // On arith, whose exact checker judges partial solutions; math's steps need a learned verifier.
  it('runs the tree strategies on a hub model (arith, exact oracle)', async () => {
    const out = join(dir, 'search.json');
    const run = await ttc(
      'sweep',
      '--task',
      'arith',
      '--policy',
      tm.model,
      '--hub',
      hub.url,
      '--dtype',
      'fp32',
      '--strategy',
      'beam',
      '--n',
      '2',
      '--width',
      '2',
      '--max-steps',
      '2',
      '--max-tokens',
      '12',
      '--top-k',
      '20',
      '--problems',
      '1',
      '--levels',
      '1',
      '--out',
      out,
    );
    expect(run.status).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    expect(r.runs).toHaveLength(1);
    expect(r.runs[0].cost.generatedTokens).toBeGreaterThan(0);
    expect(r.models[0]).toMatchObject({
      role: 'policy',
      id: tm.model,
      source: { dtype: 'fp32', revision: hub.commit(tm.model) },
    });
  });

  // The test model judges its own samples (LLM-as-a-judge, P(Yes)): scores ttc score reads, and a
  // step scorer that lets tree search run on math.
  it('a hub model read by a rule scores a math pool and guides tree search on math', async () => {
    const pool = join(dir, 'judged.json');
    const common = ['--task', 'math', '--policy', tm.model, '--hub', hub.url, '--dtype', 'fp32'];
    const judge = `hub:${tm.model}:judge`;
    const run = await ttc(
      'sweep',
      ...common,
      '--verifier',
      judge,
      '--levels',
      '1',
      '--problems',
      '2',
      '--n',
      '4',
      '--max-tokens',
      '12',
      '--top-k',
      '20',
      '--out',
      pool,
    );
    expect(run.status, run.stderr).toBe(0);
    const p = JSON.parse(readFileSync(pool, 'utf8'));
    const id = `${tm.model}:judge`;
    expect(p.verifiers.find((v: { id: string }) => v.id === id)).toMatchObject({ kind: 'orm' });
    for (const e of p.problems)
      for (const x of e.samples) {
        expect(x.scores[id].outcome).toBeGreaterThan(0);
        expect(x.scores[id].outcome).toBeLessThan(1);
        expect(x.scores[id].tokens).toBeGreaterThan(0);
      }
    const curves = join(dir, 'judged-curves.json');
    const scored = await ttc(
      'score',
      '--pool',
      pool,
      '--out',
      curves,
      '--draws',
      '20',
      '--bootstrap',
      '20',
    );
    expect(scored.status, scored.stderr).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(curves, 'utf8')).overall.curves)).toContain(
      `bon-outcome@${id}`,
    );
    const search = join(dir, 'judged-search.json');
    const tree = await ttc(
      'sweep',
      ...common,
      '--strategy',
      'beam',
      '--search-verifier',
      judge,
      '--n',
      '2',
      '--width',
      '2',
      '--max-steps',
      '2',
      '--max-tokens',
      '12',
      '--top-k',
      '20',
      '--problems',
      '1',
      '--levels',
      '1',
      '--out',
      search,
    );
    expect(tree.status, tree.stderr).toBe(0);
    const r = JSON.parse(readFileSync(search, 'utf8'));
    expect(r.verifier).toBe(id);
    expect(r.runs[0].cost.verifierTokens).toBeGreaterThan(0);
  });

  it('says what is wrong: no policy, a bad dtype, a missing file, a verifier it cannot read', async () => {
    const base = ['sweep', '--task', 'math', '--hub', hub.url, '--out', join(dir, 'x.json')];
    const cases: [string[], RegExp][] = [
      [[], /--hub needs --policy org\/name/],
      [['--policy', tm.model, '--dtype', 'q3'], /--dtype must be one of fp32, fp16/],
      [['--policy', tm.model, '--dtype', 'q4'], /has no file onnx\/model_q4\.onnx/],
      [['--policy', tm.model, '--verifier', 'arith-verifier'], /read a hub model by a rule/],
      [['--policy', tm.model, '--verifier', `hub:${tm.model}:vibes`], /unknown rule "vibes"/],
    ];
    for (const [extra, message] of cases) {
      const run = await ttc(...base, ...extra);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(message);
    }
    const noHub = await ttc('sweep', '--task', 'math', '--out', join(dir, 'y.json'));
    expect(noHub.stderr).toMatch(/give --hub URL and a --policy for math/);
  });
});
