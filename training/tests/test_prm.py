"""The tag PRM: labels from the exact checker, the sequence its rule reads, the shipped models read back
from ONNX, and a fine-tune that resumes exactly."""

import json
import sys
import tempfile
import unittest
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parents[1]
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from ttc_data import arith  # noqa: E402
from ttc_models import tag_prm  # noqa: E402
from ttc_models.from_onnx import load_onnx_decoder  # noqa: E402
from ttc_models.prm_trainer import PrmRecipe, train_prm  # noqa: E402

SHIPPED = ROOT / "public" / "models"


class TagPrm(unittest.TestCase):
    def test_labels_taint_every_step_after_the_first_error_and_the_answer_line_is_the_answer(self):
        p = arith.generate(11, 3)
        good = p.completion
        wrong_first = good.replace(p.steps[0], p.steps[0] + "1", 1)
        self.assertEqual(tag_prm.example(p, good).good, [True] * (len(p.steps) + 1))
        # A first step gone wrong taints every step; the answer line is judged by the answer alone.
        self.assertEqual(tag_prm.example(p, wrong_first).good, [False] * len(p.steps) + [True])
        # Right steps, wrong answer; unfinished: no answer line, no read for it.
        self.assertEqual(tag_prm.example(p, good.rsplit("A:", 1)[0] + "A: 0").good[-1], p.answer == "0")
        self.assertEqual(tag_prm.example(p, p.steps[0]).good, [True])

    def test_the_sequence_is_the_rules_question_lead_then_tagged_steps(self):
        p = arith.generate(11, 1)
        ids, at = tag_prm.tagged_ids(p.question, [*p.steps, f"A: {p.answer}"])
        text = "".join(tag_prm.VOCAB[i] for i in ids)
        self.assertEqual(text, p.question + "\n" + "\n".join(s + "¶" for s in [*p.steps, f"A: {p.answer}"]))
        self.assertEqual([ids[i] for i in at], [tag_prm.TAG_ID] * (len(p.steps) + 1))
        self.assertEqual(tag_prm.VOCAB[24:], ["¶", "✓", "✗"])

    def test_a_counterfactual_is_the_decisive_step_with_the_other_label(self):
        import random

        p = arith.generate(11, 3)
        rng = random.Random(0)
        # A right sample: one step's result changed by one digit, labelled bad, the steps before good.
        cf = tag_prm.counterfactual(p, p.completion, rng)
        parts = [tag_prm.VOCAB[i] for i in cf.ids]
        text = "".join(parts).split("\n", 1)[1].replace("¶", "")
        last = text.split("\n")[-1]
        j = len(cf.good) - 1
        self.assertEqual(cf.good, [True] * j + [False])
        self.assertEqual(last.split("=")[0], p.steps[j].split("=")[0])
        self.assertNotEqual(last, p.steps[j])
        self.assertEqual(sum(a != b for a, b in zip(last, p.steps[j])), 1)
        # A wrong sample: its first wrong step replaced by the reference's, all good.
        wrong = p.completion.replace(p.steps[1], p.steps[1] + "1", 1)
        cf = tag_prm.counterfactual(p, wrong, rng)
        self.assertEqual(cf.good, [True, True])
        self.assertTrue("".join(tag_prm.VOCAB[i] for i in cf.ids).endswith(p.steps[1] + "¶"))
        # Its language-model targets are the good steps' text only.
        self.assertTrue(all(cf.ids[t + 1] != tag_prm.TAG_ID for t in cf.lm))

    def test_a_grown_prm_starts_as_the_verifier(self):
        verifier = load_onnx_decoder(SHIPPED / "arith-verifier" / "onnx" / "model.onnx")
        grown = tag_prm.with_verdict_tokens(verifier, extra_layers=2)
        self.assertEqual(grown.cfg.num_hidden_layers, verifier.cfg.num_hidden_layers + 2)
        ids = torch.tensor([arith.training_ids(arith.generate(5, 2))])
        with torch.no_grad():
            a = verifier.logits(ids)
            b = grown.logits(ids)[..., : a.shape[-1]]
        self.assertLess(float((a - b).abs().max()), 1e-5)

    def test_the_shipped_models_read_back_from_onnx_give_their_pytorch_logits(self):
        for mid in ("arith-policy", "arith-verifier"):
            m = load_onnx_decoder(SHIPPED / mid / "onnx" / "model.onnx")
            case = json.loads((ROOT / "fixtures" / "parity" / f"{mid}.json").read_text())["cases"][0]
            with torch.no_grad():
                logits = m.logits(torch.tensor([case["ids"]]))[0]
            self.assertLess(float((logits - torch.tensor(case["logits"])).abs().max()), 1e-4, mid)

    def test_a_resumed_fine_tune_ends_with_the_same_weights(self):
        policy = load_onnx_decoder(SHIPPED / "arith-policy" / "onnx" / "model.onnx")
        verifier = load_onnx_decoder(SHIPPED / "arith-verifier" / "onnx" / "model.onnx")
        r = PrmRecipe(problems_per_level=4, samples_per_problem=2, levels=[1, 2], steps=4, batch_size=4, warmup=2)
        quiet = lambda s: None  # noqa: E731
        with tempfile.TemporaryDirectory() as tmp:
            straight = train_prm(verifier, policy, r, Path(tmp) / "a", every=2, log=quiet)
            train_prm(verifier, policy, r, Path(tmp) / "b", every=2, log=quiet, stop_at=2)
            resumed = train_prm(verifier, policy, r, Path(tmp) / "b", every=2, log=quiet)
            for (name, a), b in zip(straight.state_dict().items(), resumed.state_dict().values()):
                self.assertTrue(torch.equal(a, b), name)


if __name__ == "__main__":
    unittest.main()
