"""Training smoke test: a tiny model trains, resumes exactly, exports, and ONNX Runtime matches it."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parents[1]
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from ttc_models.export import export_model  # noqa: E402
from ttc_models.model import ModelConfig  # noqa: E402
from ttc_models.trainer import Recipe, train  # noqa: E402

TINY = ModelConfig(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)


def recipe() -> Recipe:
    return Recipe(steps=30, batch_size=16, levels=[1, 2], one_level_per_batch=True, warmup=5, seed=7, model=TINY)


class TrainingSmoke(unittest.TestCase):
    def test_a_resumed_run_ends_with_the_same_weights_as_an_uninterrupted_one(self):
        with tempfile.TemporaryDirectory() as tmp:
            quiet = lambda s: None  # noqa: E731
            straight = train("smoke", recipe(), Path(tmp) / "a", every=10, snapshot_every=0, log=quiet)
            train("smoke", recipe(), Path(tmp) / "b", every=10, snapshot_every=0, stop_at=20, log=quiet)
            resumed = train("smoke", recipe(), Path(tmp) / "b", every=10, snapshot_every=0, log=quiet)
            for (name, p), q in zip(straight.state_dict().items(), resumed.state_dict().values()):
                self.assertTrue(torch.equal(p, q), name)

    def test_training_lowers_the_loss_and_the_export_matches_onnx_runtime(self):
        with tempfile.TemporaryDirectory() as tmp:
            losses = []
            log = lambda s: losses.append(float(s.split("loss ")[1].split()[0])) if "loss " in s else None  # noqa: E731
            model = train("smoke", recipe(), Path(tmp) / "run", every=30, snapshot_every=0, log=log)
            self.assertLess(losses[-1], losses[0])
            self.assertTrue((Path(tmp) / "run" / "model.pt").exists())
            export_model(model, Path(tmp) / "model", Path(tmp) / "parity.json", "smoke")
            check = subprocess.run(
                ["npx", "--no-install", "tsx", "scripts/check-parity.ts", str(Path(tmp) / "model"), str(Path(tmp) / "parity.json")],
                cwd=ROOT, capture_output=True, text=True,
            )
            self.assertEqual(check.returncode, 0, check.stdout + check.stderr)


if __name__ == "__main__":
    unittest.main()
