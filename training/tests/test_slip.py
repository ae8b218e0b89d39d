"""Digit slips (label smoothing over the digits, on digit targets only) teach the distribution they name."""

import sys
import unittest
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ttc_data import arith  # noqa: E402
from ttc_models.trainer import DIGIT_IDS, solution_loss  # noqa: E402

V = len(arith.VOCAB)


def fitted(target: int, slip: float) -> torch.Tensor:
    """The next-token distribution that minimizes the loss for one target (free logits, plain descent)."""
    logits = torch.zeros(1, V, requires_grad=True)
    opt = torch.optim.Adam([logits], lr=0.1)
    for _ in range(3000):
        opt.zero_grad()
        solution_loss(logits, torch.tensor([target]), slip).backward()
        opt.step()
    return torch.softmax(logits.detach()[0], -1)


class DigitSlips(unittest.TestCase):
    def test_without_slips_the_loss_is_plain_cross_entropy(self):
        torch.manual_seed(0)
        logits, targets = torch.randn(40, V), torch.randint(3, V, (40,))
        self.assertTrue(torch.equal(solution_loss(logits, targets, 0.0), F.cross_entropy(logits, targets)))

    def test_a_digit_target_is_learnt_with_its_slip_mass_spread_over_the_ten_digits(self):
        seven = arith.VOCAB.index("7")
        p = fitted(seven, 0.05)
        self.assertAlmostEqual(float(p[seven]), 0.95 + 0.005, delta=2e-3)
        for d in DIGIT_IDS.tolist():
            if d != seven:
                self.assertAlmostEqual(float(p[d]), 0.005, delta=1e-3)
        self.assertLess(float(p[[i for i in range(V) if i not in DIGIT_IDS.tolist()]].sum()), 2e-3)

    def test_format_targets_stay_one_hot(self):
        torch.manual_seed(1)
        logits = torch.randn(8, V)
        newline = torch.full((8,), arith.VOCAB.index("\n"))
        self.assertTrue(torch.allclose(solution_loss(logits, newline, 0.05), F.cross_entropy(logits, newline)))
        self.assertGreater(float(fitted(arith.VOCAB.index("A"), 0.05)[arith.VOCAB.index("A")]), 0.998)


if __name__ == "__main__":
    unittest.main()
