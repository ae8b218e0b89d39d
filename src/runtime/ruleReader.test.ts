/**
 * Reading rules against a lookup-table ONNX model (logits = a table row indexed by the token read),
 * so every log-prob at every read position is known by hand: each rule reads where it must (a tag of
 * several tokens, a step containing the tag's text, a chat's turns), batched equals one at a time,
 * and the shared-prefix read equals the plain one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { judgeScores, DEFAULT_JUDGE } from '../core/verifiers/rules/judge';
import { stepTagScores, tagSequence, MATH_SHEPHERD } from '../core/verifiers/rules/stepTag';
import { turnPerStepScores } from '../core/verifiers/rules/turnPerStep';
import { twoWay, type ChatTurn, type RuleText } from '../core/verifiers/rules/types';
import { Decoder, decoderConfig } from './decoder';
import { decoderReader } from './ruleReader';
import * as ort from 'onnxruntime-web';
import { separatorScores } from '../core/verifiers/rules/separatorHead';
import { DEFAULT_CRITIQUE } from '../core/verifiers/rules/critique';
import { scoreWithRule } from '../core/verifiers/rules';
import { localRuleModel } from './ruleVerifier';
import type { LoadedModel } from './sweep';
import { classifierRows } from './classifierRows';
import { lookupClassifier, lookupModel } from './testing/lookupModel';

// A character vocabulary with the Cyrillic tag letters and a few chat markers.
const CHARS = [
  '<pad>',
  ' ',
  '\n',
  '+',
  '-',
  'к',
  'и',
  'Q',
  '1',
  '2',
  '3',
  'a',
  'b',
  'Y',
  'N',
  '<u>',
  '<a>',
  ':',
];
const V = CHARS.length;
const id = new Map(CHARS.map((c, i) => [c, i]));
const encode = (s: string) =>
  [...s].map((c) => {
    const i = id.get(c);
    if (i === undefined) throw new Error(`no token for ${c}`);
    return i;
  });
const text: RuleText = { encode: async (s) => encode(s) };
// Chat markers are single tokens: <u> before a user turn, <a> before the assistant's.
const chatText: RuleText = {
  ...text,
  chat: async (turns: readonly ChatTurn[], gen) => [
    ...turns.flatMap((t) => [
      id.get(t.role === 'assistant' ? '<a>' : '<u>')!,
      ...encode(t.content),
    ]),
    ...(gen ? [id.get('<a>')!] : []),
  ],
};
const rng = Rng.fromSeed(7, 'lookup');
const table = Array.from({ length: V }, () => Array.from({ length: V }, () => 4 * rng.next() - 2));
const logSoftmaxRow = (r: readonly number[]) => {
  const m = Math.max(...r);
  const z = Math.log(r.reduce((s, x) => s + Math.exp(x - m), 0)) + m;
  return r.map((x) => x - z);
};
/** What the model says after token t: two verdict tokens' P(first) by hand. */
const byHand = (after: string, good: string, bad: string) => {
  const lp = logSoftmaxRow(table[id.get(after)!]!);
  return twoWay(lp[id.get(good)!]!, lp[id.get(bad)!]!);
};

const model = lookupModel(table);
const decoder = await Decoder.load(model.onnx, decoderConfig(model.config));

const question = 'Q1+2';
const solutions = [
  { steps: ['1+2', '3'], finished: true },
  // A step holding the tag's own text: only the tags the rule wrote are read.
  { steps: ['a ки b', '2', 'a'], finished: false },
  { steps: ['3'], finished: true },
];

describe('reading rules on known logits', () => {
  it('the lookup model gives the table’s rows as log-probs', async () => {
    const reader = decoderReader(decoder, { sharePrefix: false });
    const reads = await reader.read([
      { ids: encode('ab'), at: [1], candidates: [...table.keys()] },
    ]);
    const row = reads[0]![0]!;
    expect(row).toEqual(logSoftmaxRow(table[id.get('b')!]!).map((x) => expect.closeTo(x, 5)));
  });

  it('step tag (Math-Shepherd): a three-token tag, read after its last token, never inside a step', async () => {
    const { ids, at } = await tagSequence(text, question, solutions[1]!.steps, MATH_SHEPHERD);
    expect(ids.length).toBe(`${question} a ки b ки\n2 ки\na ки`.length);
    expect(at.map((p) => CHARS[ids[p]!])).toEqual(['и', 'и', 'и']);
    const scores = await stepTagScores({ question, solutions }, text, decoderReader(decoder));
    const want = byHand('и', '+', '-');
    expect(scores.map((s) => s.steps.length)).toEqual([2, 3, 1]);
    for (const s of scores) for (const x of s.steps) expect(x).toBeCloseTo(want, 6);
    // A tag ending in another token reads another row: the position is what decides.
    const other = await stepTagScores({ question, solutions }, text, decoderReader(decoder), {
      ...MATH_SHEPHERD,
      tag: ' к',
    });
    expect(other[0]!.steps[0]).toBeCloseTo(byHand('к', '+', '-'), 6);
    expect(other[0]!.steps[0]).not.toBeCloseTo(want, 3);
  });

  it('judge: P(Yes) / (P(Yes) + P(No)) after the prompt, outcome only or per step', async () => {
    const p = { ...DEFAULT_JUDGE, prompt: '{question}:{solution}', yes: 'Y', no: 'N' };
    const raw = await judgeScores({ question, solutions }, text, decoderReader(decoder), p);
    // Without a chat template the prompt ends with a newline: the read is after it.
    for (const s of raw) {
      expect(s.steps).toEqual([]);
      expect(s.outcome).toBeCloseTo(byHand('\n', 'Y', 'N'), 6);
    }
    const chat = await judgeScores({ question, solutions }, chatText, decoderReader(decoder), {
      ...p,
      perStep: true,
    });
    expect(chat[1]!.steps).toHaveLength(3);
    for (const s of chat)
      for (const x of s.steps) expect(x).toBeCloseTo(byHand('<a>', 'Y', 'N'), 6);
  });

  it('turn per step (RLHFlow): one read per step where the assistant’s turn begins', async () => {
    const scores = await turnPerStepScores(
      { question, solutions },
      chatText,
      decoderReader(decoder),
    );
    expect(scores.map((s) => s.steps.length)).toEqual([2, 3, 1]);
    for (const s of scores)
      for (const x of s.steps) expect(x).toBeCloseTo(byHand('<a>', '+', '-'), 6);
    await expect(
      turnPerStepScores({ question, solutions }, text, decoderReader(decoder)),
    ).rejects.toThrow(/needs a chat model/);
  });

  it('separator head (Qwen2.5-Math-PRM) from an ONNX token classifier: p(positive) at each separator', async () => {
    // Each token's two labels, by hand; the separator is 'Y' here (one token of this vocabulary).
    const rows = CHARS.map((_, t) => [Math.sin(t), Math.cos(t)] as [number, number]);
    const session = await ort.InferenceSession.create(lookupClassifier(rows));
    const sep = id.get('Y')!;
    const want = 1 / (1 + Math.exp(rows[sep]![0] - rows[sep]![1]));
    const scores = await separatorScores(
      { question, solutions },
      chatText,
      classifierRows(session),
      {
        separator: 'Y',
        system: 'a',
      },
    );
    expect(scores.map((s) => s.steps.length)).toEqual([2, 3, 1]);
    for (const s of scores) for (const x of s.steps) expect(x).toBeCloseTo(want, 6);
  });

  it('critique (generative verification): a seeded critique, then the verdict read after it', async () => {
    const model = localRuleModel({
      decoder,
      codec: { encode, decode: (ids: readonly number[]) => ids.map((t) => CHARS[t]).join('') },
    } as unknown as LoadedModel);
    const p = {
      ...DEFAULT_CRITIQUE,
      prompt: '{question}:{solution}',
      verdict: ':',
      yes: 'Y',
      no: 'N',
      maxTokens: 6,
      temperature: 1,
    };
    const input = { question, solutions };
    const a = await scoreWithRule({ rule: 'critique', params: p }, input, model);
    const b = await scoreWithRule({ rule: 'critique', params: p }, input, model);
    expect(b).toEqual(a); // seeded by question and solution: a rescore writes the same critique
    for (const s of a) {
      expect(s.steps).toEqual([]);
      expect(s.outcome).toBeCloseTo(byHand(':', 'Y', 'N'), 6);
    }
    // Read: prompt + critique + verdict; generated: the critique (at most maxTokens).
    const prompt = encode(`${question}:${solutions[0]!.steps.join('\n\n')}\n`).length;
    expect(a[0]!.tokens).toBeGreaterThan(prompt + 1);
    expect(a[0]!.tokens).toBeLessThanOrEqual(prompt + 1 + 2 * 6);
  });

  it('a verdict that is not one token is refused with the reason', async () => {
    await expect(
      stepTagScores({ question, solutions }, text, decoderReader(decoder), {
        ...MATH_SHEPHERD,
        good: '++',
      }),
    ).rejects.toThrow(/"\+\+" is 2 tokens/);
  });

  it('batched equals one at a time, with the shared prefix and without (1e-5)', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({
      steps: Array.from({ length: 1 + (i % 3) }, (_, k) => ['1+2', 'a b', '3+3-1'][(i + k) % 3]!),
      finished: i % 2 === 0,
    }));
    const input = { question, solutions: many };
    const alone = (
      await Promise.all(
        many.map((s) =>
          stepTagScores(
            { question, solutions: [s] },
            text,
            decoderReader(decoder, { sharePrefix: false }),
          ),
        ),
      )
    ).flat();
    for (const opts of [{ sharePrefix: true }, { sharePrefix: false }, { batchSize: 4 }]) {
      const batched = await stepTagScores(input, text, decoderReader(decoder, opts));
      batched.forEach((s, i) =>
        s.steps.forEach((x, k) => expect(Math.abs(x - alone[i]!.steps[k]!)).toBeLessThan(1e-5)),
      );
    }
  });
});

describe('the reader on a real transformer (the built-in verifier)', () => {
  it('shares the question’s prefill across samples and reads what separate reads do (1e-5)', async () => {
    const dir = 'public/models/arith-verifier';
    const real = await Decoder.load(
      readFileSync(`${dir}/onnx/model.onnx`),
      decoderConfig(JSON.parse(readFileSync(`${dir}/config.json`, 'utf8'))),
    );
    const enc = (s: string) => [...s].map((c) => '0123456789+-*=()\nQA: '.indexOf(c) + 3);
    const prompt = [real.cfg.bosId, ...enc('Q: 12+30*2\n')];
    const bodies = ['30*2=60\n12+60=72\nA: 72', '12+30=42\n', '30*2=61\nA: 73', '1'];
    const requests = bodies.map((b) => {
      const ids = [...prompt, ...enc(b)];
      return { ids, at: ids.map((_, i) => i).filter((i) => i >= 3), candidates: [3, 4, 13, 19] };
    });
    const one = (
      await Promise.all(requests.map((r) => decoderReader(real, { sharePrefix: false }).read([r])))
    ).map((x) => x[0]!);
    let tokens = 0;
    const shared = await decoderReader(real, { onTokens: (t) => (tokens += t) }).read(requests);
    const plain = await decoderReader(real, { sharePrefix: false }).read(requests);
    for (const got of [shared, plain])
      got.forEach((r, i) =>
        r.forEach((row, k) =>
          row.forEach((x, c) => expect(Math.abs(x - one[i]![k]![c]!)).toBeLessThan(1e-5)),
        ),
      );
    // The question was read once, not once per sample.
    expect(tokens).toBe(
      prompt.length + requests.reduce((t, r) => t + r.ids.length - prompt.length, 0),
    );
    await real.release();
  });
});
