/**
 * The engine's data model. The JSON shapes of `Pool` and friends are pinned by
 * `src/core/pool/pool.schema.json`; change both together and bump `POOL_FORMAT_VERSION`.
 */

/** One problem instance of a task, with its reference solution. */
export interface Problem {
  id: string;
  task: string;
  /** Difficulty level as the task defines it (1–5); 0 when an imported problem came without one. */
  level: number;
  question: string;
  /** Normalized reference answer. */
  answer: string;
  /** Reference solution, one step per entry, in the task's step format. */
  steps: string[];
  /** The seed the generator was given (problems are regenerable from task, seed and level). */
  seed: number;
}

/** One parsed step of a model's solution. `error` says why it is not even well formed or consistent. */
export interface Step {
  text: string;
  error?: StepError;
}

export type StepError =
  | 'junk' // characters outside the task's step alphabet
  | 'missing-equals'
  | 'malformed' // right characters, wrong shape
  | 'wrong-arithmetic'
  | 'unknown-operand'; // an operand that is neither the running value nor the problem's next number

/** Everything the exact checker says about one completion. */
export interface Grade {
  steps: string[];
  /** Null when the task cannot check steps (free text): only the outcome is known. */
  stepCorrect: boolean[] | null;
  answer: string | null;
  correct: boolean;
}

/** What one verifier said about one sample. Step scores and outcome are in [0, 1], higher = better. */
export interface VerifierScore {
  steps: number[];
  outcome?: number;
  /** Tokens the verifier read to produce these scores (its compute). */
  tokens: number;
}

/** One sampled solution of one problem. */
export interface Sample {
  /** Index of this sample within its problem's pool: its identity for seeding and tie-breaking. */
  index: number;
  /** The generated completion (everything after the prompt), as text. */
  text: string;
  steps: string[];
  /** Normalized final answer, or null when none could be extracted. */
  answer: string | null;
  correct: boolean;
  /**
   * Per-step correctness under the task's exact step checker (an error taints every later step);
   * null when nothing checked the steps (free text). Null fields below are unknown: completions
   * brought from elsewhere may come without token counts, log-probs, temperature or seed.
   */
  stepCorrect: boolean[] | null;
  /** Generated tokens, including the end-of-sequence token when it was produced. */
  tokens: number | null;
  meanLogprob: number | null;
  minLogprob: number | null;
  temperature: number | null;
  /** The u32 seed of this sample's sampling stream. */
  seed: number | null;
  /** Verifier id → scores, so one pool carries several verifiers. */
  scores: Record<string, VerifierScore>;
  /** Where this sample was drawn, when not on the pool's backend: a run that lost its GPU device
   * went on on WASM. Absent: the pool's backend. */
  backend?: 'wasm' | 'webgpu';
}

/**
 * Compute spent, in one unit system for every strategy. Prompt tokens count once per prefill (a
 * shared prompt prefilled once and forked to N rows costs its length once).
 */
export interface Cost {
  promptTokens: number;
  generatedTokens: number;
  verifierTokens: number;
  forwardPasses: number;
  elapsedMs: number;
}

export const ZERO_COST: Readonly<Cost> = Object.freeze({
  promptTokens: 0,
  generatedTokens: 0,
  verifierTokens: 0,
  forwardPasses: 0,
  elapsedMs: 0,
});

export interface ModelRef {
  role: 'policy' | 'verifier';
  id: string;
  /** Content hash of the model files, e.g. `sha256:…`, so a pool names exactly what produced it. */
  hash: string;
  /** For a hub model: which of its files were used, from which commit. */
  source?: ModelSource;
  /** For a model on a remote server (its hash is then unknown: ''). */
  remote?: RemoteSource;
}

/** Which server drew or scored, and how its requests were seeded. */
export interface RemoteSource {
  /** The server's OpenAI base URL (never its key). */
  url: string;
  /** What `/v1/models` says owns the model (vLLM says "vllm"; `ttc serve` "ttc"). */
  engine: string;
  /**
   * per-sample: one request per sample with the sample's own seed (replays as in process, on a
   * server that draws deterministically); n: one request per problem, choice j seeded seed + j.
   */
  seeding: 'per-sample' | 'n';
}

/** Where a hub model's bytes came from. */
export interface ModelSource {
  /** transformers.js dtype of the graph file (fp32, fp16, q8, q4, q4f16, …). */
  dtype: string;
  /** The commit the hub resolved the revision to, or the branch when the server named none. */
  revision: string;
  /** The chat's system message the samples were drawn with ('' for none); absent in older pools. */
  system?: string;
  files: { path: string; sha256: string; bytes: number }[];
}

export interface VerifierInfo {
  id: string;
  kind: 'prm' | 'orm' | 'oracle' | 'noisy-oracle' | 'confidence';
  /** How step scores become one solution score when the verifier has no outcome score. */
  description?: string;
  params?: Record<string, number | string | boolean>;
}

/** How the samples were drawn. Unknown (completions brought from elsewhere): `[]` and nulls. */
export interface SamplingSettings {
  temperatures: number[];
  topP: number | null;
  topK: number | null;
  maxTokens: number | null;
}

export interface PoolEntry {
  problem: Problem;
  samples: Sample[];
  cost: Cost;
}

export interface Pool {
  format: 'ttc-pool';
  version: number;
  engineVersion: string;
  task: { id: string; levels: number[]; seed: number };
  models: ModelRef[];
  verifiers: VerifierInfo[];
  sampling: SamplingSettings;
  seed: number;
  backend: string;
  createdAt: string;
  problems: PoolEntry[];
}
