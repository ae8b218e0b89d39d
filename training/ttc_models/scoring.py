"""Generative verifier scores: teacher-forced log-probs of each step line under a verifier LM.

Reading rule (also in the model card): a step's score is exp(Σ log p(token)) over the step's line and
its newline, i.e. the probability the verifier gives that line; the outcome (solution score) is the
minimum over the steps and the answer line (`A: …` plus end-of-sequence). Higher is better, in [0, 1].
"""

from __future__ import annotations

import math

import torch

from ttc_data import arith
from .model import Decoder


def line_spans(completion: str, eos: bool) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Character spans of step lines (with their newline) and of the answer line (+ EOS) in a completion."""
    steps: list[tuple[int, int]] = []
    answer = None
    at = 0
    for line in completion.split("\n"):
        end = at + len(line) + 1  # the newline, or EOS for the last line
        if line.startswith("A:"):
            answer = (at, min(end, len(completion) + (1 if eos else 0)))
            break
        if line:
            steps.append((at, min(end, len(completion) + (1 if eos else 0))))
        at = end
    return steps, answer


@torch.no_grad()
def verifier_scores(model: Decoder, prompt: str, completions: list[str], eos: list[bool], batch: int = 256) -> list[dict]:
    """Scores completions of one prompt; returns {steps, outcome, tokens} per completion."""
    results = []
    prefix = [arith.BOS_ID, *arith.encode(prompt)]
    for start in range(0, len(completions), batch):
        chunk = completions[start:start + batch]
        seqs = []
        for j, c in enumerate(chunk):
            seqs.append(prefix + arith.encode(c) + ([arith.EOS_ID] if eos[start + j] else []))
        width = max(len(s) for s in seqs)
        ids = torch.full((len(seqs), width), arith.PAD_ID, dtype=torch.long)
        mask = torch.zeros((len(seqs), width), dtype=torch.long)
        for i, s in enumerate(seqs):
            ids[i, : len(s)] = torch.tensor(s)
            mask[i, : len(s)] = 1
        logp = torch.log_softmax(model.logits(ids, mask).float(), dim=-1)
        tok_lp = logp[:, :-1].gather(2, ids[:, 1:, None])[..., 0]  # log p(token t+1 | ≤ t)
        for i, c in enumerate(chunk):
            steps, answer = line_spans(c, eos[start + i])
            off = len(prefix) - 1  # completion char k is token len(prefix)+k, predicted at index off+k
            lp = lambda a, b: float(tok_lp[i, off + a: off + b].sum())  # noqa: E731
            step_lp = [lp(a, b) for a, b in steps]
            spans = step_lp + ([lp(*answer)] if answer else [])
            outcome = math.exp(min(spans)) if spans else 0.0
            results.append({"steps": [math.exp(x) for x in step_lp], "outcome": outcome, "tokens": len(seqs[i]) - 1})
    return results
