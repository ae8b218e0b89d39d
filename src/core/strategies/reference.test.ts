/**
 * Differential tests: our beam search, DVTS and particle filtering against independent
 * transcriptions of their reference loops — search-and-learn's `_beam_search` and `_dvts`
 * (huggingface/search-and-learn@6f81cac, src/sal/search/) and its_hub's `ParticleGibbs.infer` with one
 * iteration (Red-Hat-AI-Innovation-Team/its_hub@e4d00d1) — written here from the Python, sharing none
 * of our search helpers. Both run against the same scripted policy and PRM
 * (`src/core/testing/scriptedSearch.ts`). They must agree on what every
 * iteration drew, kept, pruned and finished and on the completed set. Each transcription also runs
 * with one reference behaviour removed and must then disagree, so the comparison can fail.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../rng';
import type { SearchResult, StepPolicy } from '../search/types';
import {
  context,
  iteration,
  ourLog,
  prmScore,
  PROBLEM,
  scriptedPolicy,
  type Log,
} from '../testing/scriptedSearch';
import { beamSearch } from './beamSearch';
import { dvts } from './dvts';
import { particleFilter } from './particleFilter';

// ---------------------------------------------------------------- transcriptions

/** One call of the scripted policy for one beam's text (vLLM's `n=1`). */
async function step(
  policy: StepPolicy,
  text: string[],
): Promise<{ text: string; finished: boolean }> {
  const { steps } = await policy.propose(PROBLEM, [{ steps: text, seed: 0 }], 1);
  return steps[0]!;
}

interface RefBeam {
  text: string[];
  pruned: boolean;
  completed: boolean;
  score: number;
}

/** search-and-learn `_beam_search` for one prompt. `without` removes one of its behaviours. */
async function referenceBeamSearch(
  salt: number,
  cfg: { n: number; beamWidth: number; numIterations: number },
  without?: 'top-up' | 'final completion',
): Promise<Log> {
  const policy = scriptedPolicy(salt);
  const log: Log = { iterations: [], completed: [] };
  const copy = (b: RefBeam): RefBeam => ({ ...b, text: [...b.text] });
  const beams: RefBeam[] = [];
  for (let i = 0; i < cfg.n; i++)
    beams.push({ text: [], pruned: false, completed: false, score: 0 });
  const completedBeams: RefBeam[] = [];
  let activeBeams: RefBeam[] = [];
  for (let i = 0; i < cfg.numIterations; i++) {
    const it = iteration();
    log.iterations.push(it);
    activeBeams = (i === 0 ? beams : activeBeams).filter((b) => !b.pruned);
    // "Duplicate active beams to ensure that we have config.n beams per iteration"
    if (activeBeams.length !== cfg.n && without !== 'top-up') {
      const repeats = Math.floor(cfg.n / activeBeams.length) + 1;
      const extended: RefBeam[] = [];
      for (let r = 0; r < repeats; r++) extended.push(...activeBeams);
      activeBeams = extended.slice(0, cfg.n).map(copy);
    }
    const lastIteration = i === cfg.numIterations - 1 && without !== 'final completion';
    // The batch is generated step by step in rows, as one vLLM call per step would ask.
    const ends: { text: string; finished: boolean }[] = [];
    for (const b of activeBeams) ends.push(await step(policy, b.text));
    activeBeams.forEach((b, j) => b.text.push(ends[j]!.text));
    if (lastIteration) {
      // "Last iteration, generate to EOS"
      for (;;) {
        const open = activeBeams.map((_, j) => j).filter((j) => !ends[j]!.finished);
        if (open.length === 0) break;
        for (const j of open) {
          ends[j] = await step(policy, activeBeams[j]!.text);
          activeBeams[j]!.text.push(ends[j]!.text);
        }
      }
    }
    activeBeams.forEach((b, j) => {
      it.drawn.push(b.text.join('/'));
      if (ends[j]!.finished) {
        b.completed = true;
        completedBeams.push(b);
        it.finished.push(b.text.join('/'));
      }
    });
    for (const b of activeBeams) b.score = prmScore(b.text, salt);
    const aggScores = activeBeams.filter((b) => !b.completed).map((b) => b.score);
    activeBeams = activeBeams.filter((b) => !b.completed);
    if (activeBeams.length === 0) break;
    if (i === cfg.numIterations - 1) {
      // Only without the final completion is anything open here: pruned at the limit.
      for (const b of activeBeams) it.pruned.push(b.text.join('/'));
      break;
    }
    // "np.argsort(np.array(agg_scores).flatten())[-(config.n // config.beam_width):]", stable.
    const order = aggScores.map((_, j) => j).sort((a, b) => aggScores[a]! - aggScores[b]! || a - b);
    const top = order.slice(-Math.floor(cfg.n / cfg.beamWidth));
    activeBeams.forEach((b, idx) => {
      if (!top.includes(idx)) {
        b.pruned = true;
        it.pruned.push(b.text.join('/'));
      } else it.kept.push(b.text.join('/'));
    });
  }
  let out = completedBeams.slice(0, cfg.n);
  if (out.length !== cfg.n && out.length > 0) {
    const repeats = Math.floor(cfg.n / out.length) + 1;
    const extended: RefBeam[] = [];
    for (let r = 0; r < repeats; r++) extended.push(...out);
    out = extended.slice(0, cfg.n);
  }
  log.completed = out.map((b) => b.text.join('/'));
  return log;
}

interface RefSubtree {
  current: string[];
  previous: string[];
  next: { text: string; finished: boolean }[];
  pruned: boolean;
}

/** search-and-learn `_dvts` for one prompt (with `generate_k_steps` lookahead). */
async function referenceDvts(
  salt: number,
  cfg: { n: number; beamWidth: number; numIterations: number; lookahead: number },
  without?: 'final completion' | 'all candidates',
): Promise<Log> {
  const policy = scriptedPolicy(salt);
  const log: Log = { iterations: [], completed: [] };
  const nBeams = cfg.n / cfg.beamWidth;
  const beams: RefSubtree[] = [];
  for (let i = 0; i < nBeams; i++)
    beams.push({ current: [], previous: [], next: [], pruned: false });
  for (let i = 0; i < cfg.numIterations; i++) {
    const genBeams = beams.filter((b) => !b.pruned);
    if (genBeams.length === 0) break;
    const it = iteration();
    log.iterations.push(it);
    const toEos = i === cfg.numIterations - 1 && without !== 'final completion';
    const lookahead = i === cfg.numIterations - 1 ? 0 : cfg.lookahead;
    // generate_k_steps: every beam's beam_width first steps, then greedy lookahead steps.
    const gen = genBeams.flatMap((b) =>
      Array.from({ length: cfg.beamWidth }, () => ({
        beam: b,
        first: [] as string[],
        all: [] as string[],
        stop: false,
      })),
    );
    for (const g of gen) {
      const s = await step(policy, g.beam.current);
      g.first = [s.text];
      g.all = [s.text];
      g.stop = s.finished;
    }
    if (toEos)
      for (;;) {
        const open = gen.filter((g) => !g.stop);
        if (open.length === 0) break;
        for (const g of open) {
          const s = await step(policy, [...g.beam.current, ...g.first]);
          g.first.push(s.text);
          g.all.push(s.text);
          g.stop = s.finished;
        }
      }
    const firstStop = gen.map((g) => g.stop);
    for (let k = 0; k < lookahead; k++)
      for (const g of gen.filter((x) => !x.stop)) {
        const s = await step(policy, [...g.beam.current, ...g.all]);
        g.all.push(s.text);
        g.stop = s.finished;
      }
    genBeams.forEach((b, bi) => {
      const mine = gen.slice(bi * cfg.beamWidth, (bi + 1) * cfg.beamWidth);
      const scores = mine.map((g) => prmScore([...b.current, ...g.all], salt));
      let best = 0;
      for (let j = 1; j < scores.length; j++) if (scores[j]! > scores[best]!) best = j;
      b.previous = b.current;
      b.next = mine.map((g, j) => ({
        text: g.first.join('/'),
        finished: firstStop[bi * cfg.beamWidth + j]!,
      }));
      b.current = [...b.current, ...mine[best]!.first];
      mine.forEach((g, j) => {
        const text = [...b.previous, ...g.first].join('/');
        it.drawn.push(text);
        if (j === best) (b.next[j]!.finished ? it.finished : it.kept).push(text);
        else (b.next[j]!.finished ? it.finished : it.pruned).push(text);
      });
      if (b.next[best]!.finished) b.pruned = true;
      // (Our loop also stops a subtree at the step limit; the reference simply runs out of iterations.)
    });
  }
  log.completed = beams.flatMap((b) =>
    without === 'all candidates'
      ? [b.current.join('/')]
      : b.next.map((t) => [...b.previous, t.text].join('/')),
  );
  return log;
}

interface RefParticle {
  steps: string[];
  isStopped: boolean;
  logWeights: number[];
}

/** its_hub `ParticleGibbs.infer`, one iteration, no reference particles (= `ParticleFiltering`). */
async function referenceParticleFiltering(
  salt: number,
  cfg: { budget: number; maxSteps: number },
  without?: 'retention',
): Promise<Log> {
  const policy = scriptedPolicy(salt);
  const random = Rng.fromSeed(salt, 'particle-filter', PROBLEM.id);
  const log: Log = { iterations: [], completed: [] };
  const invSigmoid = (x: number) => {
    const c = Math.min(Math.max(x, 1e-7), 1 - 1e-7);
    return Math.log(c / (1 - c));
  };
  let particles: RefParticle[] = [];
  for (let i = 0; i < cfg.budget; i++)
    particles.push({ steps: [], isStopped: false, logWeights: [] });
  let gone: RefParticle[] = [];
  while (!particles.every((p) => p.isStopped)) {
    const it = iteration();
    log.iterations.push(it);
    // _propagate (batched): extend every particle that had not stopped, then score them.
    const moving = particles.filter((p) => !p.isStopped);
    for (const p of moving) {
      const s = await step(policy, p.steps);
      p.steps = [...p.steps, s.text];
      p.isStopped = s.finished || p.steps.length >= cfg.maxSteps;
      it.drawn.push(p.steps.join('/'));
      if (s.finished) it.finished.push(p.steps.join('/'));
    }
    for (const p of moving) p.logWeights = [...p.logWeights, invSigmoid(prmScore(p.steps, salt))];
    let pool = particles;
    if (without === 'retention') {
      gone = [...gone, ...particles.filter((p) => p.isStopped)];
      pool = particles.filter((p) => !p.isStopped);
      if (pool.length === 0) {
        particles = [];
        break;
      }
    }
    const logWeights = pool.map((p) => p.logWeights.at(-1)!);
    const top = Math.max(...logWeights);
    const e = logWeights.map((w) => Math.exp(w - top));
    const total = e.reduce((a, b) => a + b, 0);
    const probabilities = e.map((x) => x / total);
    // random.choices(particles, weights=probabilities, k=num_free_particles)
    const cum: number[] = [];
    probabilities.reduce((acc, w) => (cum.push(acc + w), acc + w), 0);
    const picks: RefParticle[] = [];
    for (let k = 0; k < pool.length; k++) {
      const u = random.next() * cum.at(-1)!;
      let lo = 0;
      while (lo < cum.length - 1 && !(u < cum[lo]!)) lo++;
      picks.push(pool[lo]!);
    }
    const copies = new Map<string, number>();
    for (const p of picks) copies.set(p.steps.join('/'), (copies.get(p.steps.join('/')) ?? 0) + 1);
    it.population = [...copies].map(([t, k]) => `${t}×${k}`).sort();
    particles = picks.map((p) => ({ ...p, steps: [...p.steps], logWeights: [...p.logWeights] }));
  }
  log.completed = (without === 'retention' ? gone : particles).map((p) => p.steps.join('/'));
  return log;
}

// ---------------------------------------------------------------- the comparisons

const SALTS = [1, 2, 3, 4, 5, 6, 7, 8];

/** On how many salts our run and a transcription disagree (the "behaviour removed" checks). */
async function disagreements(
  ours: (salt: number) => Promise<SearchResult>,
  reference: (salt: number) => Promise<Log>,
): Promise<number> {
  let n = 0;
  for (const salt of SALTS)
    if (JSON.stringify(ourLog(await ours(salt))) !== JSON.stringify(await reference(salt))) n++;
  return n;
}

describe('beam search against search-and-learn _beam_search', () => {
  const cfg = { n: 8, beamWidth: 2, numIterations: 3 };
  const ours = (salt: number) =>
    beamSearch(context(salt), {
      n: cfg.n,
      m: cfg.beamWidth,
      maxSteps: cfg.numIterations,
      temperature: 1,
    });

  it('draws, keeps, prunes and completes the same beams', async () => {
    for (const salt of SALTS)
      expect(ourLog(await ours(salt)), `salt ${salt}`).toEqual(
        await referenceBeamSearch(salt, cfg),
      );
  });

  it('also with N = 16, M = 4 and a longer limit', async () => {
    const big = { n: 16, beamWidth: 4, numIterations: 6 };
    for (const salt of SALTS) {
      const r = await beamSearch(context(salt), { n: 16, m: 4, maxSteps: 6, temperature: 1 });
      expect(ourLog(r), `salt ${salt}`).toEqual(await referenceBeamSearch(salt, big));
    }
  });

  for (const without of ['top-up', 'final completion'] as const)
    it(`the comparison fails when the transcription has no ${without}`, async () => {
      const n = await disagreements(ours, (salt) => referenceBeamSearch(salt, cfg, without));
      expect(n).toBeGreaterThan(0);
    });
});

describe('DVTS against search-and-learn _dvts', () => {
  const cfg = { n: 8, beamWidth: 2, numIterations: 4, lookahead: 0 };
  const ours = (salt: number, lookahead = 0) =>
    dvts(context(salt), {
      n: cfg.n,
      m: cfg.beamWidth,
      maxSteps: cfg.numIterations,
      temperature: 1,
      lookahead,
    });

  it('draws, keeps, prunes and completes the same candidates', async () => {
    for (const salt of SALTS)
      expect(ourLog(await ours(salt)), `salt ${salt}`).toEqual(await referenceDvts(salt, cfg));
  });

  it('also with lookahead 1 (greedy rollouts scored in place of the candidate)', async () => {
    for (const salt of SALTS)
      expect(ourLog(await ours(salt, 1)), `salt ${salt}`).toEqual(
        await referenceDvts(salt, { ...cfg, lookahead: 1 }),
      );
  });

  for (const without of ['final completion', 'all candidates'] as const)
    it(`the comparison fails when the transcription has no ${without}`, async () => {
      const n = await disagreements(ours, (salt) => referenceDvts(salt, cfg, without));
      expect(n).toBeGreaterThan(0);
    });
});

describe('particle filtering against its_hub ParticleFiltering', () => {
  const cfg = { budget: 8, maxSteps: 4 };
  const ours = (salt: number) =>
    particleFilter(context(salt), { n: cfg.budget, maxSteps: cfg.maxSteps, temperature: 1 });

  it('draws, resamples and ends with the same particles', async () => {
    for (const salt of SALTS)
      expect(ourLog(await ours(salt)), `salt ${salt}`).toEqual(
        await referenceParticleFiltering(salt, cfg),
      );
  });

  it('the comparison fails when the transcription drops finished particles', async () => {
    const n = await disagreements(ours, (salt) =>
      referenceParticleFiltering(salt, cfg, 'retention'),
    );
    expect(n).toBeGreaterThan(0);
  });
});
