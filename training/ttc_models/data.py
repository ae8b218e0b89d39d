"""Training batches from the arith task: fresh problems every batch, never one of the held-out problems."""

from __future__ import annotations

import random

import torch

from ttc_data import arith

# Held-out evaluation problems: problem sets with this seed (as `makeProblemSet` numbers them).
EVAL_SET_SEED = 1000
EVAL_PER_LEVEL = 200


def eval_seeds(per_level: int = EVAL_PER_LEVEL) -> list[int]:
    return [arith.problem_seed(EVAL_SET_SEED, i) for i in range(per_level)]


class Batches:
    """Right-padded batches of `<s>prompt completion</s>` with a loss mask on completion tokens."""

    def __init__(self, seed: int, levels: list[int], batch_size: int, one_level_per_batch: bool):
        self.rng = random.Random(seed)
        self.levels = levels
        self.batch_size = batch_size
        self.one_level = one_level_per_batch
        self.excluded = set(eval_seeds())

    def state(self):
        return self.rng.getstate()

    def restore(self, state) -> None:
        self.rng.setstate(state)

    def _seed(self) -> int:
        while True:
            s = self.rng.getrandbits(32)
            if s not in self.excluded:
                return s

    def next(self) -> tuple[torch.Tensor, torch.Tensor]:
        level = self.rng.choice(self.levels)
        rows, masks = [], []
        for _ in range(self.batch_size):
            lv = level if self.one_level else self.rng.choice(self.levels)
            p = arith.generate(self._seed(), lv)
            prompt_len = 1 + len(p.prompt)  # <s> + prompt
            ids = arith.training_ids(p)
            rows.append(ids)
            masks.append([0] * prompt_len + [1] * (len(ids) - prompt_len))
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), arith.PAD_ID, dtype=torch.long)
        loss_mask = torch.zeros((len(rows), width), dtype=torch.bool)
        for i, (r, m) in enumerate(zip(rows, masks)):
            ids[i, : len(r)] = torch.tensor(r)
            loss_mask[i, : len(m)] = torch.tensor(m, dtype=torch.bool)
        return ids, loss_mask
