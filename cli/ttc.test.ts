import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ttc-cli-'));
const ttc = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/ttc.ts', ...args], { encoding: 'utf8' });

describe('ttc CLI', () => {
  it('synth then score writes curves for every strategy, overall and per bin', () => {
    const pool = join(dir, 'pool.json');
    const out = join(dir, 'curves.json');
    expect(
      ttc(
        'synth',
        '--out',
        pool,
        '--problems',
        '20',
        '--samples',
        '16',
        '--noisy-oracle',
        '0.1,0.2',
      ).status,
    ).toBe(0);
    const run = ttc('score', '--pool', pool, '--out', out, '--draws', '50', '--bootstrap', '100');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.format).toBe('ttc-curves');
    expect(report.ks).toEqual([1, 2, 4, 8, 16]);
    expect(Object.keys(report.overall.curves)).toEqual(
      report.strategies.map((s: { id: string }) => s.id),
    );
    const point = report.overall.curves['majority'][2];
    expect(point).toMatchObject({ k: 4, cost: { samples: 4 } });
    expect(point.lo).toBeLessThanOrEqual(point.accuracy);
    expect(point.hi).toBeGreaterThanOrEqual(point.accuracy);
    const early = report.overall.curves['early-stop'].at(-1);
    expect(early.cost.samplesSaved).toBeCloseTo(16 - early.cost.samples, 10);
    expect(early.cost.samplesSaved).toBeGreaterThan(0);
    expect(report.bins.level.map((b: { bin: string }) => b.bin)).toEqual(['1', '2', '3', '4', '5']);
    expect(report.bins.pass1Quintile).toHaveLength(5);
    expect(report.problems).toHaveLength(20);
    expect(report.verifiers[0].stepAuroc).toBeGreaterThan(0.5);
  });

  it('exits non-zero on a bad pool, names the bad field, and writes nothing', () => {
    const pool = join(dir, 'bad.json');
    const out = join(dir, 'never.json');
    expect(ttc('synth', '--out', pool, '--problems', '2', '--samples', '2').status).toBe(0);
    const doc = JSON.parse(readFileSync(pool, 'utf8'));
    doc.problems[1].samples[0].correct = 'yes';
    writeFileSync(pool, JSON.stringify(doc));
    const run = ttc('score', '--pool', pool, '--out', out);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('$.problems[1].samples[0].correct');
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a pool whose sample or problem has a prototype-named field, naming its path', () => {
    const pool = join(dir, 'proto.json');
    expect(ttc('synth', '--out', pool, '--problems', '2', '--samples', '2').status).toBe(0);
    const text = readFileSync(pool, 'utf8');
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      for (const [where, path] of [
        ['"index":0,', '$.problems[0].samples[0]'],
        ['"question":', '$.problems[0].problem'],
      ] as const) {
        const bad = join(dir, `proto-${key}.json`);
        writeFileSync(bad, text.replace(where, `"${key}":{},${where}`));
        const out = join(dir, `proto-${key}-out.json`);
        const run = ttc('score', '--pool', bad, '--out', out);
        expect(run.status, `${key} in ${path}`).toBe(1);
        expect(run.stderr).toContain(`${path}.${key}: is not an allowed field`);
        expect(existsSync(out)).toBe(false);
      }
    }
  });

  it('import-samples --task math grades completions (GSM8K, MATH and plain lines) into a pool ttc score reads', () => {
    const out = join(dir, 'math-pool.json');
    const run = ttc(
      'import-samples',
      '--task',
      'math',
      '--problems',
      'fixtures/math/problems.jsonl',
      '--completions',
      'fixtures/math/completions.jsonl',
      '--out',
      out,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/problems line 4: "answer" must be text/);
    expect(run.stderr).toMatch(/completions line 6: no problem "q9"/);
    expect(run.stderr).toMatch(/completions line 7: not valid JSON/);
    const pool = JSON.parse(readFileSync(out, 'utf8'));
    expect(pool.version).toBe(3);
    const graded = pool.problems.map((e: any) => [
      e.problem.id,
      e.problem.answer,
      e.samples.map((s: any) => [s.answer, s.correct, s.stepCorrect, s.tokens]),
    ]);
    expect(graded).toEqual([
      [
        'line-1',
        '72',
        [
          ['72', true, null, null],
          ['96', false, null, null],
        ],
      ],
      [
        'line-2',
        '\\frac{5}{6}',
        [
          ['\\frac{5}{6}', true, null, null],
          ['0.83', false, null, null],
        ],
      ],
      ['q3', '2x+1', [['1+2x', true, null, null]]],
    ]);
    const curves = join(dir, 'math-curves.json');
    expect(ttc('score', '--pool', out, '--out', curves).status).toBe(0);
    const report = JSON.parse(readFileSync(curves, 'utf8'));
    expect(report.overall.curves['majority'][0].accuracy).toBeCloseTo(2 / 3, 12);
    expect(report.unavailable.map((u: any) => u.id)).toEqual([
      'confidence-mean',
      'confidence-min',
      'first-finish',
    ]);
  });

  it('import-samples --steps line splits free-text steps at every line (the verdicts stay)', () => {
    const completions = join(dir, 'lines.jsonl');
    writeFileSync(
      completions,
      JSON.stringify({
        problem_id: 1,
        completion: 'Half of 48 is 24.\nSo 48 + 24 = 72.\n\n#### 72',
      }) + '\n',
    );
    const steps = (flag: string[]) => {
      const out = join(dir, `lines-${flag.join('')}.json`);
      const run = ttc(
        'import-samples',
        '--task',
        'math',
        ...flag,
        '--problems',
        'fixtures/math/problems.jsonl',
        '--completions',
        completions,
        '--out',
        out,
      );
      expect(run.status, run.stderr).toBe(0);
      const sample = JSON.parse(readFileSync(out, 'utf8')).problems[0].samples[0];
      return [sample.steps.length, sample.correct];
    };
    expect(steps([])).toEqual([2, true]);
    expect(steps(['--steps', 'line'])).toEqual([3, true]);
    const bad = ttc(
      'import-samples',
      '--task',
      'math',
      '--steps',
      'para',
      '--problems',
      'x',
      '--completions',
      'y',
      '--out',
      'z',
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--steps must be one of blank, line/);
  });

  it('rejects bad options with usage, and budgets larger than the pool', () => {
    const pool = join(dir, 'small.json');
    expect(ttc('synth', '--out', pool, '--problems', '2', '--samples', '4').status).toBe(0);
    const bad = ttc('score', '--pool', pool, '--out', join(dir, 'x.json'), '--estimator', 'magic');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--estimator must be one of prefix, subsample/);
    const big = ttc('score', '--pool', pool, '--out', join(dir, 'y.json'), '--ks', '1,8');
    expect(big.status).toBe(1);
    expect(big.stderr).toMatch(/budget 8 exceeds the smallest pool \(4 samples\)/);
    expect(existsSync(join(dir, 'y.json'))).toBe(false);
  });

  it('sweep draws a valid pool from the built-in policy that score accepts; seeded and greedy runs repeat', () => {
    const a = join(dir, 'sweep-a.json');
    const b = join(dir, 'sweep-b.json');
    const args = [
      '--problems',
      '3',
      '--levels',
      '1-3',
      '--n',
      '4',
      '--max-tokens',
      '64',
      '--seed',
      '5',
    ];
    const run = ttc('sweep', '--out', a, ...args, '--verifier', 'arith-policy');
    expect(run.status, run.stderr).toBe(0);
    expect(ttc('sweep', '--out', b, ...args, '--verifier', 'arith-policy').status).toBe(0);
    const pa = JSON.parse(readFileSync(a, 'utf8'));
    expect(
      JSON.parse(readFileSync(b, 'utf8')).problems.map((e: any) =>
        e.samples.map((s: any) => s.text),
      ),
    ).toEqual(pa.problems.map((e: any) => e.samples.map((s: any) => s.text)));
    expect(pa.problems.map((e: any) => e.problem.level)).toEqual([1, 2, 3]);
    expect(pa.models[0]).toMatchObject({
      role: 'policy',
      id: 'arith-policy',
      hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    // The verifier model's scores and the policy's three verifier-free ones.
    expect(Object.keys(pa.problems[0].samples[0].scores).sort()).toEqual([
      'arith-policy',
      'policy-confidence',
      'policy-mean-logprob',
      'policy-self-certainty',
    ]);
    const greedy = join(dir, 'sweep-greedy.json');
    expect(ttc('sweep', '--out', greedy, ...args, '--temperature', '0').status).toBe(0);
    for (const e of JSON.parse(readFileSync(greedy, 'utf8')).problems)
      expect(new Set(e.samples.map((s: any) => s.text)).size).toBe(1);
    const scored = ttc(
      'score',
      '--pool',
      a,
      '--out',
      join(dir, 'sweep-curves.json'),
      '--draws',
      '20',
      '--bootstrap',
      '20',
    );
    expect(scored.status, scored.stderr).toBe(0);
  });

  it('sweep --temperature 0.6,1.2 draws sample i at the (i mod 2)-th: the single-temperature sweeps’ samples', () => {
    const args = [
      '--problems',
      '2',
      '--levels',
      '2',
      '--n',
      '4',
      '--max-tokens',
      '64',
      '--seed',
      '3',
    ];
    const texts = (out: string, t: string) => {
      const run = ttc('sweep', '--out', out, ...args, '--temperature', t);
      expect(run.status, run.stderr).toBe(0);
      const pool = JSON.parse(readFileSync(out, 'utf8'));
      return {
        temperatures: pool.sampling.temperatures,
        rows: pool.problems.map((e: any) => e.samples.map((s: any) => [s.temperature, s.text])),
      };
    };
    const mixed = texts(join(dir, 'mixed.json'), '0.6,1.2');
    const cold = texts(join(dir, 'cold.json'), '0.6');
    const hot = texts(join(dir, 'hot.json'), '1.2');
    expect(mixed.temperatures).toEqual([0.6, 1.2]);
    expect(mixed.rows).toEqual(
      cold.rows.map((row: unknown[], p: number) =>
        row.map((s, i) => (i % 2 === 0 ? s : hot.rows[p][i])),
      ),
    );
    // Different temperatures draw different text somewhere, so the comparison can fail.
    expect(cold.rows).not.toEqual(hot.rows);
  });

  it('meet puts the small policy’s beam search and the big one’s majority on the FLOPs axis, priced by their config.json', () => {
    const args = ['--problems', '3', '--levels', '2', '--max-tokens', '64', '--seed', '3'];
    const pool = join(dir, 'meet-pool.json');
    const curves = join(dir, 'meet-curves.json');
    const search = join(dir, 'meet-search.json');
    expect(ttc('sweep', '--out', pool, ...args, '--n', '16').status).toBe(0);
    expect(
      ttc('score', '--pool', pool, '--out', curves, '--draws', '20', '--bootstrap', '20').status,
    ).toBe(0);
    const tree = ['--strategy', 'beam', '--n', '1,2,4', '--search-verifier', 'arith-verifier'];
    const swept = ttc('sweep', '--out', search, ...args, ...tree, '--policy', 'arith-policy-small');
    expect(swept.status, swept.stderr).toBe(0);
    const run = ttc('meet', '--a', `${curves}#majority`, '--b', `${search}#beam`);
    expect(run.status, run.stderr).toBe(0);
    // FLOPs = 2 · (policy parameters · generated + verifier parameters · verifier tokens).
    const params = (id: string) => {
      const c = JSON.parse(readFileSync(`public/models/${id}/config.json`, 'utf8'));
      const d = c.hidden_size;
      const layer = 4 * d * d + 3 * d * c.intermediate_size + 2 * d;
      return c.num_hidden_layers * layer + c.vocab_size * d + d;
    };
    const big = params('arith-policy');
    expect(big / params('arith-policy-small')).toBeGreaterThan(4);
    const pt = JSON.parse(readFileSync(search, 'utf8')).curves.beam.find((p: any) => p.n === 4);
    const flops =
      2 *
      (params('arith-policy-small') * pt.generatedTokens +
        params('arith-verifier') * pt.verifierTokens);
    expect(run.stdout).toContain('b: beam · arith-policy-small · arith-verifier');
    const row = run.stdout
      .split('\n')
      .find((l) => /^\s+4\s/.test(l) && l.includes(flops.toExponential(2)));
    expect(row, run.stdout).toBeDefined();
    expect(run.stdout).toMatch(/they (meet at [\d.e+]+ FLOPs|never meet in)/);
    expect(ttc('meet', '--a', `${curves}#nope`, '--b', `${search}#beam`).stderr).toContain(
      'has no strategy nope',
    );
  });

  it('score --compute-optimal: pool strategies and tree-search runs on the same problems compete', () => {
    const args = ['--problems', '5', '--levels', '2', '--max-tokens', '64', '--seed', '3'];
    const pool = join(dir, 'co-pool.json');
    const search = join(dir, 'co-search.json');
    const other = join(dir, 'co-other.json');
    const curves = join(dir, 'co-curves.json');
    expect(
      ttc('sweep', '--out', pool, ...args, '--n', '8', '--verifier', 'arith-verifier').status,
    ).toBe(0);
    const tree = ['--strategy', 'beam', '--n', '2,4', '--search-verifier', 'arith-verifier'];
    expect(ttc('sweep', '--out', search, ...args, ...tree).status).toBe(0);
    const run = ttc(
      'score',
      ...['--pool', pool, '--out', curves, '--draws', '20', '--bootstrap', '20'],
      ...['--compute-optimal', '--search', search, '--split-seed', '4'],
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('## Compute-optimal scaling against bon-outcome@arith-verifier');
    const co = JSON.parse(readFileSync(curves, 'utf8')).computeOptimal;
    expect(co).toMatchObject({ unit: 'samples', seed: 4, budgets: [1, 2, 4, 8] });
    expect(co.oracle.points.map((p: any) => p.budget)).toEqual([1, 2, 4, 8]);
    // Runs on problems the pool does not have are refused by name, not silently dropped.
    expect(ttc('sweep', '--out', other, ...args.slice(0, -1), '9', ...tree).status).toBe(0);
    const bad = ttc(
      'score',
      ...['--pool', pool, '--out', join(dir, 'never.json'), '--compute-optimal', '--search', other],
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/beam N=\d ran on .*, which is not in the pool/);
    expect(ttc('score', '--pool', pool, '--out', curves, '--unit', 'samples').stderr).toContain(
      '--unit goes with --compute-optimal',
    );
  });
});
