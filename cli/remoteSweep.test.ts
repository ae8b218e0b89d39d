/** `ttc serve` and `ttc sweep --engine openai` as commands: two processes talking over HTTP. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ttc-remote-'));
const KEY = 'sk-remote-test-7f3a';
const ttc = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cli/ttc.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

let server: ChildProcess;
let base = '';

beforeAll(async () => {
  server = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'cli/ttc.ts',
      'serve',
      '--port',
      '0',
      '--models',
      'arith-policy,arith-verifier',
      '--api-key-env',
      'SERVE_KEY',
    ],
    { env: { ...process.env, SERVE_KEY: KEY }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  base = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/\S+\/v1)/.exec(out);
      if (m) resolve(m[1]!);
    });
    server.once('exit', (code) => reject(new Error(`ttc serve exited ${code}`)));
  });
});
afterAll(() => {
  server.kill('SIGTERM');
});

const remote = (out: string, ...more: string[]) => [
  'sweep',
  '--out',
  out,
  '--problems',
  '4',
  '--n',
  '4',
  '--seed',
  '7',
  '--engine',
  'openai',
  '--base-url',
  base,
  '--model',
  'arith-policy',
  '--api-key-env',
  'CLIENT_KEY',
  ...more,
];

describe('ttc sweep --engine openai through ttc serve', () => {
  it('draws the pool the in-process sweep draws, says what it detected, and keeps the key out', () => {
    const local = join(dir, 'local.json');
    const far = join(dir, 'far.json');
    expect(
      ttc(['sweep', '--out', local, '--problems', '4', '--n', '4', '--seed', '7']).status,
    ).toBe(0);
    const run = ttc(remote(far, '--verifier-model', 'arith-verifier', '--verifier-eos', '</s>'), {
      CLIENT_KEY: KEY,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/policy arith-policy at http:\/\/127\.0\.0\.1:\d+\/v1:/);
    expect(run.stderr).toMatch(/`n` honoured/);
    expect(run.stderr).toMatch(/prompt log-probs: yes/);
    const a = JSON.parse(readFileSync(local, 'utf8'));
    const b = JSON.parse(readFileSync(far, 'utf8'));
    const view = (p: { problems: { samples: { seed: number; text: string }[] }[] }) =>
      p.problems.flatMap((e) => e.samples.map((s) => [s.seed, s.text]));
    expect(view(b)).toEqual(view(a));
    expect(b.problems[0].samples[0].scores['arith-verifier']).toBeDefined();
    expect(b.backend).toBe('remote');
    for (const text of [readFileSync(far, 'utf8'), run.stdout, run.stderr])
      expect(text).not.toContain(KEY);
  });

  it('without the key: the server’s 401 as a clear message, nothing written', () => {
    const run = ttc(remote(join(dir, 'nokey.json')), { CLIENT_KEY: 'wrong' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/answered 401: Unauthorized/);
    expect(run.stderr).not.toContain('wrong');
  });

  it('--resume draws only what the pool lacks', () => {
    const out = join(dir, 'grow.json');
    expect(ttc(remote(out), { CLIENT_KEY: KEY }).status).toBe(0);
    const first = JSON.parse(readFileSync(out, 'utf8'));
    const more = remote(out).map((x, i, all) => (all[i - 1] === '--problems' ? '6' : x));
    const run = ttc([...more, '--resume'], { CLIENT_KEY: KEY });
    expect(run.status, run.stderr).toBe(0);
    const grown = JSON.parse(readFileSync(out, 'utf8'));
    expect(grown.problems).toHaveLength(6);
    expect(grown.problems.slice(0, 4)).toEqual(first.problems);
    // Another sweep's pool is refused.
    const other = ttc(
      [...remote(out).map((x, i, all) => (all[i - 1] === '--seed' ? '8' : x)), '--resume'],
      {
        CLIENT_KEY: KEY,
      },
    );
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(
      /--resume: .* is another sweep \(its task, levels or seed differ\)/,
    );
  });

  it('beam search through the server', () => {
    const out = join(dir, 'beam.json');
    const run = ttc([...remote(out), '--strategy', 'beam', '--n', '2'], { CLIENT_KEY: KEY });
    expect(run.status, run.stderr).toBe(0);
    const r = JSON.parse(readFileSync(out, 'utf8'));
    expect(r.runs).toHaveLength(4);
    expect(r.models[0]).toMatchObject({ id: 'arith-policy', remote: { engine: 'ttc' } });
  });

  it('refuses remote flags without --engine openai', () => {
    const run = ttc(['sweep', '--out', join(dir, 'x.json'), '--base-url', base]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--base-url needs --engine openai/);
  });
});
