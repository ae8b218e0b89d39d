/**
 * `ttc meet`: two curves on the FLOPs axis and where they meet — a small policy with search against a
 * bigger one with voting (Can 1B Surpass 405B?). FLOPs are 2 · (policy parameters · generated tokens +
 * verifier parameters · verifier tokens), as the page's FLOPs axis counts them, with parameter counts
 * read from the models' config.json under public/models/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { meetingPoint, type ComputePoint } from '../../src/core/metrics/meet';
import type { ScoreReport } from '../../src/core/metrics/score';
import { readSearchResults } from '../../src/app/search/readSearchResults';
import { llamaParameters } from '../../src/runtime/modelConfig';
import type { SearchResults } from '../../src/runtime/searchSweep';
import { UsageError } from '../args';
import { MODELS_DIR } from '../models';

export const meetUsage = `ttc meet --a FILE#STRATEGY --b FILE#STRATEGY

  FILE is a ttc score curves file (STRATEGY: one of its strategy ids, e.g. majority, bon@arith-prm)
  or a ttc sweep --strategy results file (STRATEGY: beam, dvts, particle-filter, …). Prints both
  curves on the FLOPs axis (policy and verifier FLOPs) and the FLOPs where they cross, read linearly
  in log₂ FLOPs as the chart draws them.`;

interface Line {
  name: string;
  policy: string;
  verifier: string | null;
  points: (ComputePoint & { budget: number; lo: number; hi: number })[];
}

function parameters(id: string): number {
  let text: string;
  try {
    text = readFileSync(join(MODELS_DIR, id, 'config.json'), 'utf8');
  } catch {
    throw new UsageError(`FLOPs need ${id}'s parameter count: it is not a built-in model`);
  }
  return llamaParameters(JSON.parse(text) as Record<string, unknown>);
}

function flops(policy: string, verifier: string | null, gen: number, ver: number): number {
  // The oracles and the policy's own confidence read no tokens: they cost nothing on this axis.
  const v = verifier === null || ver === 0 ? 0 : parameters(verifier) * ver;
  return 2 * (parameters(policy) * gen + v);
}

function readLine(arg: string): Line {
  const hash = arg.lastIndexOf('#');
  if (hash <= 0 || hash === arg.length - 1)
    throw new UsageError(`expected FILE#STRATEGY, got "${arg}"`);
  const file = arg.slice(0, hash);
  const strategy = arg.slice(hash + 1);
  const text = readFileSync(file, 'utf8');
  const json = JSON.parse(text) as { format?: string };
  if (json.format === 'ttc-search-results') {
    // The runs are checked and the curves recomputed from them; models and verifier are the file's.
    const r = readSearchResults(text, file);
    const raw = json as SearchResults;
    const policy = raw.models.find((m) => m.role === 'policy')?.id;
    const pts = r.curves[strategy];
    if (!policy || !pts)
      throw new UsageError(
        `${file} has no ${strategy} runs (it has ${Object.keys(r.curves).join(', ')})`,
      );
    // A verifier model is listed among the models; the oracles run none.
    const verifier = raw.models.find((m) => m.role === 'verifier')?.id ?? null;
    return {
      name: `${strategy} · ${policy} · ${raw.verifier}`,
      policy,
      verifier,
      points: pts.map((p) => ({
        budget: p.n,
        x: flops(policy, verifier, p.generatedTokens, p.verifierTokens),
        accuracy: p.accuracy,
        lo: p.lo,
        hi: p.hi,
      })),
    };
  }
  if (json.format !== 'ttc-curves')
    throw new UsageError(`${file} is neither a ttc score curves file nor search results`);
  const report = json as ScoreReport;
  const policy = report.pool.models.find((m) => m.role === 'policy')?.id;
  const s = report.strategies.find((x) => x.id === strategy);
  const pts = report.overall.curves[strategy];
  if (!policy || !s || !pts)
    throw new UsageError(
      `${file} has no strategy ${strategy} (it has ${report.strategies.map((x) => x.id).join(', ')})`,
    );
  const verifier = s.verifier ?? null;
  return {
    name: `${strategy} · ${policy}`,
    policy,
    verifier,
    points: pts.map((p) => ({
      budget: p.k,
      x: flops(policy, verifier, p.cost.generatedTokens, p.cost.verifierTokens),
      accuracy: p.accuracy,
      lo: p.lo,
      hi: p.hi,
    })),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const sci = (x: number) => x.toExponential(2);

export function meet(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: { a: { type: 'string' }, b: { type: 'string' } },
  });
  if (!values.a || !values.b) throw new UsageError('--a and --b are required');
  const lines = [readLine(values.a), readLine(values.b)] as const;
  for (const [tag, line] of [
    ['a', lines[0]],
    ['b', lines[1]],
  ] as const) {
    console.log(`${tag}: ${line.name}`);
    console.log('  budget  FLOPs/problem  accuracy [95%]');
    for (const p of line.points)
      console.log(
        `  ${String(p.budget).padStart(6)}  ${sci(p.x).padStart(13)}  ${pct(p.accuracy)} [${pct(p.lo)}, ${pct(p.hi)}]`,
      );
  }
  const m = meetingPoint(lines[0].points, lines[1].points);
  if (!m.range) {
    console.log('the curves cover no common FLOPs range: they cannot be compared');
    return;
  }
  const range = `${sci(m.range[0])}–${sci(m.range[1])} FLOPs`;
  if (m.at)
    console.log(
      `they meet at ${sci(m.at.x)} FLOPs per problem (accuracy ${pct(m.at.accuracy)}); below it ${m.aboveFirst} is above (common range ${range})`,
    );
  else console.log(`they never meet in ${range}: ${m.aboveFirst} stays above`);
}
