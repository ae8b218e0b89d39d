/**
 * A rule read on a remote server equals the same rule read in process: the server's tokenizer
 * (`/tokenize`), its `prompt_logprobs` for each candidate after each read position, against the
 * decoder read locally — on the built-in verifier through `ttc serve`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTask } from '../../src/core/tasks';
import '../../src/core/tasks/grading';
import { defaultRule, scoreWithRule, type RuleSpec } from '../../src/core/verifiers/rules';
import { probe } from '../../src/runtime/remote/capabilities';
import { limiter } from '../../src/runtime/remote/limiter';
import { remoteRuleModel } from '../../src/runtime/remote/remoteReader';
import { transport } from '../../src/runtime/remote/transport';
import { localRuleModel } from '../../src/runtime/ruleVerifier';
import { loadModel } from '../models';
import { startServe, type RunningServer } from './server';
import { loadServedModel } from './servedModel';

const task = getTask('arith');
let server: RunningServer;

beforeAll(async () => {
  server = await startServe({
    models: [await loadServedModel('arith-verifier')],
    port: 0,
    host: '127.0.0.1',
    allowedOrigins: ['*'],
  });
});
afterAll(() => server.close());

// The built-in vocabulary has no letters for Math-Shepherd's tag or a judge's words: rules with
// tokens it has (what is compared is the reading, not the rule's sense).
const RULES: RuleSpec[] = [
  {
    rule: 'critique',
    params: {
      ...defaultRule('critique').params,
      prompt: 'Q: {question}\n{solution}\n',
      verdict: '\nA:',
      yes: '1',
      no: '0',
      maxTokens: 8,
    },
  } as RuleSpec,
  {
    rule: 'step-tag',
    params: { ...defaultRule('step-tag').params, tag: ' =', good: '1', bad: '0' },
  } as RuleSpec,
  {
    rule: 'judge',
    params: {
      ...defaultRule('judge').params,
      prompt: 'Q: {question}\n{solution}\nA:',
      yes: '1',
      no: '0',
      perStep: true,
    },
  } as RuleSpec,
];

describe('rules on ttc serve', () => {
  it('read what the same rules read in process (1e-5)', async () => {
    const local = localRuleModel(await loadModel('arith-verifier'));
    const t = transport({ baseUrl: `${server.url}/v1` });
    const remote = remoteRuleModel({
      transport: t,
      model: 'arith-verifier',
      caps: await probe(t),
      limit: limiter(8),
      useN: false,
    });
    const problem = task.generate(3, 2);
    const solutions = ['12+30=42\n42*2=84\nA: 84', '3*4=12\nA: 12', '1+1=2'].map((text) => ({
      steps: task.grade(problem, text).steps,
      finished: true,
    }));
    for (const spec of RULES) {
      const input = { question: problem.question, solutions };
      const [a, b] = [
        await scoreWithRule(spec, input, local),
        await scoreWithRule(spec, input, remote),
      ];
      expect(b.map((s) => s.steps.length)).toEqual(a.map((s) => s.steps.length));
      b.forEach((s, i) => {
        s.steps.forEach((x, k) => expect(Math.abs(x - a[i]!.steps[k]!)).toBeLessThan(1e-5));
        if (a[i]!.outcome !== undefined)
          expect(Math.abs(s.outcome! - a[i]!.outcome!)).toBeLessThan(1e-5);
      });
    }
  });
});
