/**
 * The built-in tag PRM (public/models/arith-prm, training/ttc_models/tag_prm.py): read by its own
 * rule from its config, through ONNX Runtime, it gives PyTorch's step scores (the parity fixture,
 * ≤ 1e-4); `--verifier arith-prm` keeps them under its own id; `ttc serve` serves it as vLLM serves a
 * step-reward model (`/pooling` rows at its tag, no completions), and the step-tag rule read from
 * those rows equals the rule read in process.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../src/core/tasks';
import '../src/core/tasks/grading';
import type { Problem } from '../src/core/types';
import { ruleInput } from '../src/core/verifiers/rules/input';
import { scoreWithRule } from '../src/core/verifiers/rules';
import { probe } from '../src/runtime/remote/capabilities';
import { limiter } from '../src/runtime/remote/limiter';
import { remoteRuleModel } from '../src/runtime/remote/remoteReader';
import { transport } from '../src/runtime/remote/transport';
import { localRuleModel, modelPoolVerifier } from '../src/runtime/ruleVerifier';
import type { LoadedModel } from '../src/runtime/sweep';
import { loadModel } from './models';
import { startServe, type RunningServer } from './serve/server';
import { loadServedModel } from './serve/servedModel';

interface RuleCase {
  problem: string;
  rule: { completion: string; steps: number[] }[];
}

const task = getTask('arith');
const fixture = JSON.parse(readFileSync('fixtures/parity/arith-prm.json', 'utf8')) as {
  cases: RuleCase[];
};
const problemOf = (id: string): Problem => {
  const [, level, seed] = /^arith-(\d)-(\d+)$/.exec(id)!;
  return task.generate(Number(seed), Number(level));
};

/** The CLI in a child process, awaited without blocking this one (the server runs here). */
function ttc(...args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/ttc.ts', ...args]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

let prm: LoadedModel;
let server: RunningServer;
beforeAll(async () => {
  prm = await loadModel('arith-prm');
  server = await startServe({
    models: [await loadServedModel('arith-policy'), await loadServedModel('arith-prm')],
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: ['*'],
  });
});
afterAll(() => server.close());

describe('the built-in tag PRM', () => {
  it('states its reading in its config: the step-tag rule with its own tag and verdict tokens', () => {
    expect(prm.rule).toEqual({
      rule: 'step-tag',
      params: { tag: '¶', good: '✓', bad: '✗', joiner: '\n', lead: '\n' },
    });
    // New tokens after the arith vocabulary, not `+`/`-` (arith operators).
    expect(['¶', '✓', '✗'].map((t) => prm.codec.encode(t))).toEqual([[24], [25], [26]]);
  });

  it('scores what PyTorch scores, read by its rule through ONNX Runtime (1e-4), under its own id', async () => {
    const v = modelPoolVerifier(prm);
    expect(v.info.id).toBe('arith-prm');
    expect(fixture.cases).toHaveLength(20);
    for (const c of fixture.cases) {
      const problem = problemOf(c.problem);
      const got = await v.score(
        task,
        problem,
        c.rule.map((r) => ({ text: r.completion })),
        c.rule.map(() => true),
      );
      c.rule.forEach((r, i) => {
        // One read per step line and one for the answer line.
        expect(got[i]!.steps).toHaveLength(r.steps.length);
        got[i]!.steps.forEach((x, k) => expect(Math.abs(x - r.steps[k]!)).toBeLessThan(1e-4));
      });
    }
  });

  it('is served as a reward model: /pooling rows at its tag equal the rule in process, completions refused', async () => {
    const t = transport({ baseUrl: `${server.url}/v1` });
    const caps = await probe(t, 'arith-prm');
    expect(caps.pooling).toBe(true);
    expect(caps.promptLogprobs).toBe(false);
    const remote = remoteRuleModel({
      transport: t,
      model: 'arith-prm',
      caps,
      limit: limiter(8),
      useN: false,
    });
    const problem = task.generate(7, 3);
    const texts = [problem.steps.join('\n') + `\nA: ${problem.answer}`, '1+1=2\nA: 2', '5*5=25'];
    const input = ruleInput(task, problem, texts, [true, true, false]);
    const [a, b] = [
      await scoreWithRule(prm.rule!, input, localRuleModel(prm)),
      await scoreWithRule(prm.rule!, input, remote),
    ];
    expect(b.map((s) => s.steps.length)).toEqual([problem.steps.length + 1, 2, 1]);
    b.forEach((s, i) =>
      s.steps.forEach((x, k) => expect(Math.abs(x - a[i]!.steps[k]!)).toBeLessThan(1e-5)),
    );
    const refused = await fetch(`${server.url}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'arith-prm', prompt: '1+1' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'The model does not support Completions API',
    );
  });

  it('ttc sweep --verifier arith-prm and the same PRM through --verifier-url write the same scores; ttc score reads them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ttc-prm-'));
    const common = ['--problems', '3', '--levels', '2', '--n', '4', '--seed', '5'];
    const local = join(dir, 'local.json');
    const far = join(dir, 'far.json');
    const a = await ttc('sweep', '--out', local, ...common, '--verifier', 'arith-prm');
    expect(a.status, a.stderr).toBe(0);
    const rule = 'step-tag(tag="¶",good="✓",bad="✗",lead="\\n")';
    const b = await ttc(
      'sweep',
      '--out',
      far,
      ...common,
      '--engine',
      'openai',
      '--base-url',
      `${server.url}/v1`,
      '--model',
      'arith-policy',
      '--verifier-url',
      `${server.url}/v1`,
      '--verifier-model',
      'arith-prm',
      '--verifier-rule',
      rule,
    );
    expect(b.status, b.stderr).toBe(0);
    const read = (f: string) =>
      JSON.parse(readFileSync(f, 'utf8')) as {
        verifiers: { id: string }[];
        problems: { samples: { text: string; scores: Record<string, { steps: number[] }> }[] }[];
      };
    const [pa, pb] = [read(local), read(far)];
    const farId = pb.verifiers.map((v) => v.id).find((id) => id.startsWith('arith-prm'))!;
    expect(pa.verifiers.map((v) => v.id)).toContain('arith-prm');
    expect(farId).toMatch(/^arith-prm.*:step-tag\(/);
    pa.problems.forEach((p, i) =>
      p.samples.forEach((s, j) => {
        const o = pb.problems[i]!.samples[j]!;
        expect(o.text).toBe(s.text);
        expect(o.scores[farId]!.steps).toHaveLength(s.scores['arith-prm']!.steps.length);
        o.scores[farId]!.steps.forEach((x, k) =>
          expect(Math.abs(x - s.scores['arith-prm']!.steps[k]!)).toBeLessThan(1e-5),
        );
      }),
    );
    const curves = join(dir, 'curves.json');
    const scored = await ttc('score', '--pool', local, '--out', curves);
    expect(scored.status, scored.stderr).toBe(0);
    const report = JSON.parse(readFileSync(curves, 'utf8')) as {
      verifiers: { verifier: string; stepAuroc: number | null }[];
    };
    expect(report.verifiers.map((v) => v.verifier)).toContain('arith-prm');
  });
});
