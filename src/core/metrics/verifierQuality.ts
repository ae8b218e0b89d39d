import type { PoolEntry } from '../types';
import { solutionScore } from '../verifiers/aggregate';

/**
 * Area under the ROC curve of `scores` for `labels` (Mann–Whitney U with tied scores counted half).
 * NaN when either class is empty.
 */
export function auroc(scores: readonly number[], labels: readonly boolean[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  for (const l of labels) if (l) pos++;
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  let rankSumPos = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]!] === scores[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (labels[idx[t]!]) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
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

export function verifierQuality(entries: readonly PoolEntry[], verifier: string): VerifierQuality {
  const stepScores: number[] = [];
  const stepLabels: boolean[] = [];
  let sum = 0;
  let used = 0;
  for (const { samples } of entries) {
    const scores: number[] = [];
    const labels: boolean[] = [];
    for (const s of samples) {
      const v = s.scores[verifier];
      if (!v) continue;
      v.steps.forEach((x, j) => {
        if (j < s.stepCorrect.length && !Number.isNaN(x)) {
          stepScores.push(x);
          stepLabels.push(s.stepCorrect[j]!);
        }
      });
      const sol = solutionScore(v);
      if (!Number.isNaN(sol)) {
        scores.push(sol);
        labels.push(s.correct);
      }
    }
    const a = auroc(scores, labels);
    if (!Number.isNaN(a)) {
      sum += a;
      used++;
    }
  }
  const step = auroc(stepScores, stepLabels);
  return {
    verifier,
    stepAuroc: Number.isNaN(step) ? null : step,
    steps: stepScores.length,
    solutionAuroc: used === 0 ? null : sum / used,
    problemsUsed: used,
  };
}
