"""The decoder's forward is consistent: incremental decoding and left padding change nothing."""

import math
import sys
import unittest
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ttc_data import arith  # noqa: E402
from ttc_models.model import Decoder, ModelConfig  # noqa: E402
from ttc_models.scoring import line_spans, verifier_scores  # noqa: E402

TINY = ModelConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)


class DecoderConsistency(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.model = Decoder(TINY).eval()

    def test_decoding_over_a_past_cache_equals_one_full_forward(self):
        ids = torch.randint(3, 24, (3, 12))
        with torch.no_grad():
            full = self.model.logits(ids)
            l1, past = self.model(ids[:, :7], torch.ones(3, 7), torch.arange(7).repeat(3, 1), self.model.empty_past(3))
            l2, _ = self.model(ids[:, 7:], torch.ones(3, 12), torch.arange(7, 12).repeat(3, 1), past)
        self.assertLess(float((torch.cat([l1, l2], 1) - full).abs().max()), 1e-5)

    def test_left_padding_gives_each_row_its_unpadded_logits(self):
        a = torch.randint(3, 24, (1, 9))
        b = torch.randint(3, 24, (1, 5))
        padded = torch.cat([torch.cat([torch.zeros(1, 4, dtype=torch.long), b], 1), a])
        mask = torch.ones(2, 9, dtype=torch.long)
        mask[0, :4] = 0
        with torch.no_grad():
            both = self.model.logits(torch.cat([padded[1:], padded[:1]]), torch.cat([mask[1:], mask[:1]]))
            alone_a = self.model.logits(a)
            alone_b = self.model.logits(b)
        self.assertFalse(torch.isnan(both).any())
        self.assertLess(float((both[0] - alone_a[0]).abs().max()), 1e-5)
        self.assertLess(float((both[1, 4:] - alone_b[0]).abs().max()), 1e-5)


class VerifierReadingRule(unittest.TestCase):
    def test_line_spans_follow_the_engines_split(self):
        steps, answer = line_spans("1+2=3\n\n3*4=12\nA: 12", eos=True)
        self.assertEqual(steps, [(0, 6), (7, 14)])
        self.assertEqual(answer, (14, 20))
        self.assertEqual(line_spans("1+2=3", eos=False), ([(0, 5)], None))

    def test_step_score_is_the_probability_of_the_line(self):
        torch.manual_seed(1)
        model = Decoder(TINY).eval()
        prompt, completion = "Q: 1+2*3\n", "1+2=3\n3*3=9\nA: 9"
        [score] = verifier_scores(model, prompt, [completion], [True])
        ids = [arith.BOS_ID, *arith.encode(prompt + completion), arith.EOS_ID]
        with torch.no_grad():
            lp = torch.log_softmax(model.logits(torch.tensor([ids]))[0], -1)
        token_lp = [float(lp[t, ids[t + 1]]) for t in range(len(ids) - 1)]
        start = 1 + len(prompt) - 1  # the first completion token is predicted at this index
        first_line = sum(token_lp[start:start + 6])  # "1+2=3\n"
        self.assertAlmostEqual(score["steps"][0], math.exp(first_line), places=5)
        answer_line = sum(token_lp[start + 12:start + 17])  # "A: 9" + </s>
        self.assertAlmostEqual(score["outcome"], math.exp(min(math.log(score["steps"][0]), math.log(score["steps"][1]), answer_line)), places=5)
        self.assertEqual(score["tokens"], len(ids) - 1)


if __name__ == "__main__":
    unittest.main()
