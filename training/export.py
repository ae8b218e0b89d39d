"""Exports trained models to public/models/<id>/ in Hugging Face repo layout, and writes the parity
fixture (PyTorch logits, past-cache logits, greedy decodes) that `npm test` checks ONNX Runtime against.

    /usr/bin/python3 training/export.py policy [--runs training/runs] [--snapshot STEP]
    /usr/bin/python3 training/export.py prm        # the tag PRM → public/models/arith-prm
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from ttc_models.export import export_model  # noqa: E402
from ttc_models.model import Decoder, config_of  # noqa: E402

MODEL_IDS = {"policy": "arith-policy", "policy-small": "arith-policy-small", "verifier": "arith-verifier",
             "prm": "arith-prm"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("name", choices=sorted(MODEL_IDS))
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--snapshot", type=int, help="export snapshot-STEP.pt instead of the final model")
    ap.add_argument("--id", help="model id (default: arith-policy / arith-verifier)")
    args = ap.parse_args()
    model_id = args.id or MODEL_IDS[args.name]
    weights = f"snapshot-{args.snapshot}.pt" if args.snapshot else "model.pt"
    state = torch.load(Path(args.runs) / args.name / weights)
    model = Decoder(config_of(state))
    model.load_state_dict(state)
    export_model(model, ROOT / "public" / "models" / model_id, ROOT / "fixtures" / "parity" / f"{model_id}.json", model_id,
                 prm=args.name == "prm")
    print(f"exported {model_id} ({args.name}/{weights}) → public/models/{model_id}")


if __name__ == "__main__":
    main()
