/**
 * `npm run bench`, presets part: re-measures every number a preset's caption states (its `claims`)
 * with the `ttc` commands the caption's numbers came from, on a seed the preset was not measured or
 * tuned on (the stated seed + `--replicate`, default 1), and tests each against its stated value:
 * the difference in standard errors of the difference, Bonferroni-corrected over the claims checked
 * (src/core/metrics/replication.ts says why landing inside the stated interval is not the test). Exits
 * 1 when one does not replicate. `--stated` measures on the stated seed instead: the numbers must then
 * equal the caption's exactly (the engine is deterministic), which is how captions are written.
 *
 *   npx tsx scripts/bench-presets.ts [--stated] [--replicate K] [--preset ID …]
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ScoreReport } from '../src/core/metrics/score';
import type { SearchResults } from '../src/runtime/searchSweep';
import { familyWiseCritical, replicationZ } from '../src/core/metrics/replication';
import { claimText, PRESETS, type Preset, type PresetClaim } from '../src/app/experiment/presets';
import { strategyId } from '../src/app/experiment/scoredPool';
import { isLearned, type Experiment } from '../src/app/experiment/settings';
import { DEFAULT_EXPERIMENT } from '../src/app/experiment/table';

const { values } = parseArgs({
  options: {
    stated: { type: 'boolean' },
    preset: { type: 'string', multiple: true },
    replicate: { type: 'string', default: '1' },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'ttc-presets-'));

function ttc(args: string[]): Promise<void> {
  console.error(`  ttc ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/ttc.ts', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ttc ${args[0]} failed:\n${err}`)),
    );
  });
}

const powersUpTo = (n: number) =>
  Array.from({ length: Math.floor(Math.log2(n)) + 1 }, (_, i) => 2 ** i);

/** The step verifier `ttc sweep --strategy` is given for the experiment's verifier. */
function searchVerifier(e: Experiment): string {
  if (isLearned(e.verifier)) return e.verifier;
  if (e.verifier === 'oracle') return 'oracle';
  if (e.verifier === 'noisy-oracle')
    return `noisy-oracle:${e.noisy.falsePositive},${e.noisy.falseNegative},${e.noisy.noise}`;
  throw new Error(`tree claims need a step verifier, not ${e.verifier}`);
}

/** The pool's curves for the experiment, drawn and scored as the captions' commands do. */
async function poolCurves(e: Experiment, tag: string): Promise<ScoreReport> {
  const pool = join(dir, `${tag}-pool.json`);
  const curves = join(dir, `${tag}-curves.json`);
  await ttc([
    'sweep',
    '--out',
    pool,
    '--policy',
    e.policy,
    '--levels',
    e.levels.join(','),
    '--problems',
    String(e.problems),
    '--n',
    String(e.n),
    '--seed',
    String(e.seed),
    '--temperature',
    e.temperatures.join(','),
    '--max-tokens',
    String(e.maxTokens),
    ...(isLearned(e.verifier) ? ['--verifier', e.verifier] : []),
  ]);
  await ttc([
    'score',
    '--pool',
    pool,
    '--out',
    curves,
    '--seed',
    String(e.seed),
    '--ks',
    powersUpTo(e.n).join(','),
    ...(e.verifier === 'oracle' ? ['--oracle'] : []),
    ...(e.verifier === 'noisy-oracle'
      ? ['--noisy-oracle', `${e.noisy.falsePositive},${e.noisy.falseNegative},${e.noisy.noise}`]
      : []),
  ]);
  return JSON.parse(readFileSync(curves, 'utf8')) as ScoreReport;
}

async function treeCurves(
  e: Experiment,
  strategy: string,
  maxK: number,
  tag: string,
): Promise<SearchResults> {
  const out = join(dir, `${tag}-search.json`);
  await ttc([
    'sweep',
    '--strategy',
    strategy,
    '--out',
    out,
    '--policy',
    e.treePolicy ?? e.policy,
    '--search-verifier',
    searchVerifier(e),
    '--levels',
    e.levels.join(','),
    '--problems',
    String(e.problems),
    '--n',
    powersUpTo(maxK).join(','),
    '--seed',
    String(e.seed),
    '--width',
    String(e.treeM),
    '--select',
    e.treeSelect,
    '--temperature',
    String(e.temperatures[0] ?? 1),
  ]);
  return JSON.parse(readFileSync(out, 'utf8')) as SearchResults;
}

interface Measured {
  claim: PresetClaim;
  accuracy: number;
  interval: [number, number];
}

/**
 * One group of a preset's claims (those sharing `with`): the experiment they are measured on, at the
 * largest budget they claim (a pool of N keeps the samples of any smaller one).
 */
async function measureGroup(p: Preset, claims: PresetClaim[], seed: number, g: number) {
  const e: Experiment = {
    ...DEFAULT_EXPERIMENT,
    ...p.settings,
    ...claims[0]!.with,
    seed,
    problems: p.measured.problems,
  };
  const pooled = claims.filter((c) => !c.line.startsWith('tree:'));
  if (pooled.length) e.n = Math.max(...pooled.map((c) => c.k));
  const tag = `${p.id}-${seed}-${g}`;
  const pool = pooled.length ? await poolCurves(e, tag) : null;
  const searched = new Map<string, SearchResults>();
  const out: Measured[] = [];
  for (const c of claims) {
    let pt: { accuracy: number; lo: number; hi: number } | undefined;
    if (c.line.startsWith('tree:')) {
      const s = c.line.slice(5);
      if (!searched.has(s)) {
        const k = Math.max(...claims.filter((x) => x.line === c.line).map((x) => x.k));
        searched.set(s, await treeCurves(e, s, k, `${tag}-${s}`));
      }
      pt = searched.get(s)!.curves[s]?.find((x) => x.n === c.k);
    } else {
      const id = c.line === 'oracle' ? 'oracle' : strategyId(c.line as never, e);
      pt = id ? pool!.overall.curves[id]?.find((x) => x.k === c.k) : undefined;
    }
    if (!pt) throw new Error(`${p.id}: no ${c.line} at k = ${c.k}`);
    out.push({ claim: c, accuracy: pt.accuracy, interval: [pt.lo, pt.hi] });
  }
  return out;
}

/** Every group of every chosen preset, one `ttc` per core at a time (the built-ins run one thread). */
async function measureAll(presets: readonly Preset[], seedOf: (p: Preset) => number) {
  const jobs = presets.flatMap((p) => {
    const groups = new Map<string, PresetClaim[]>();
    for (const c of p.measured.claims) {
      const key = JSON.stringify(c.with ?? {});
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    return [...groups.values()].map((claims, g) => ({ p, claims, g }));
  });
  const results: Measured[][] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      const { p, claims, g } = jobs[i]!;
      results[i] = await measureGroup(p, claims, seedOf(p), g);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
  return jobs.map((j, i) => ({ preset: j.p, measured: results[i]! }));
}

let failed = 0;
let inside = 0;
const rows: Record<string, unknown>[] = [];
const chosen = PRESETS.filter((x) => !values.preset || values.preset.includes(x.id));
const critical = familyWiseCritical(chosen.reduce((n, p) => n + p.measured.claims.length, 0));
const replicate = Number(values.replicate);
if (!Number.isInteger(replicate) || replicate < 1) throw new Error('--replicate takes 1, 2, …');
const seedOf = (p: Preset) => (values.stated ? p.measured.seed : p.measured.seed + replicate);
for (const { preset: p, measured } of await measureAll(chosen, seedOf)) {
  const seed = seedOf(p);
  for (const m of measured) {
    const { claim: c } = m;
    const z = replicationZ(c, m);
    const within = m.accuracy >= c.interval[0] && m.accuracy <= c.interval[1];
    const ok = values.stated ? claimText(m) === claimText(c) : Math.abs(z) <= critical;
    if (!ok) failed++;
    if (within) inside++;
    const row = {
      preset: p.id,
      line: c.line + (c.with ? ` ${JSON.stringify(c.with)}` : ''),
      k: c.k,
      stated: claimText(c),
      seed,
      measured: claimText(m),
      ...(values.stated ? {} : { z: Number(z.toFixed(2)), inside: within }),
      ok,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
}
console.log(
  values.stated
    ? `${rows.length - failed} of ${rows.length} claims equal their captions on the stated seeds`
    : `${rows.length - failed} of ${rows.length} claims replicate on fresh seeds (|z| <= ${critical.toFixed(2)}, ` +
        `family-wise 5%); ${inside} of ${rows.length} land inside their stated 95% intervals ` +
        `(about 83% expected of right claims)`,
);
process.exitCode = failed > 0 ? 1 : 0;
