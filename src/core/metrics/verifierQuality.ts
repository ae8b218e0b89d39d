import { concat } from './arrays';
import type { PreparedProblem } from './prepare';

/**
 * Area under the ROC curve of `scores` for `labels` (truthy = positive; Mann–Whitney U with tied
 * scores counted half).
 * NaN when either class is empty. Sorts each class's scores as a typed array and merges them: no
 * comparator calls (the pooled step AUROC reads ~10⁵ scores per rescoring).
 */
export function auroc(scores: ArrayLike<number>, labels: ArrayLike<boolean | number>): number {
  const n = scores.length;
  let pos = 0;
  for (let i = 0; i < n; i++) if (labels[i]) pos++;
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  const p = new Float64Array(pos);
  const q = new Float64Array(neg);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i]) p[a++] = scores[i]!;
    else q[b++] = scores[i]!;
  }
  p.sort();
  q.sort();
  // For each positive: negatives below it, plus half of those equal to it.
  let u = 0;
  let below = 0;
  let upTo = 0;
  for (let i = 0; i < pos; i++) {
    const x = p[i]!;
    while (below < neg && q[below]! < x) below++;
    if (upTo < below) upTo = below;
    while (upTo < neg && q[upTo]! === x) upTo++;
    u += below + (upTo - below) / 2;
  }
  return u / (pos * neg);
}

export interface VerifierQuality {
  verifier: string;
  /** Step scores vs exact step labels, pooled over every scored step. */
  stepAuroc: number | null;
  steps: number;
  /** Mean over problems with both correct and wrong samples of the AUROC of solution scores. */
  solutionAuroc: number | null;
  problemsUsed: number;
}

export function verifierQuality(
  problems: readonly PreparedProblem[],
  verifier: string,
): VerifierQuality {
  const stepParts: Float64Array[] = [];
  const labelParts: Uint8Array[] = [];
  let sum = 0;
  let used = 0;
  for (const p of problems) {
    const cols = p.scores[verifier];
    if (!cols) continue;
    stepParts.push(cols.stepScores);
    labelParts.push(cols.stepLabels);
    const scores: number[] = [];
    const labels: boolean[] = [];
    for (let i = 0; i < p.n; i++) {
      const sol = cols.solution[i]!;
      if (!Number.isNaN(sol)) {
        scores.push(sol);
        labels.push(p.correct[i] === 1);
      }
    }
    const a = auroc(scores, labels);
    if (!Number.isNaN(a)) {
      sum += a;
      used++;
    }
  }
  const stepScores = concat(stepParts, Float64Array);
  // Labels as the 0/1 bytes they are stored in (no per-step array of booleans).
  const step = auroc(stepScores, concat(labelParts, Uint8Array));
  return {
    verifier,
    stepAuroc: Number.isNaN(step) ? null : step,
    steps: stepScores.length,
    solutionAuroc: used === 0 ? null : sum / used,
    problemsUsed: used,
  };
}
