"""Measures the built-in models on held-out problems and writes the model cards' table.

    /usr/bin/python3 training/evaluate.py [--levels 1,2,3,4,5] [--problems 200]

Samples the policy (temperature 1.0; 64 samples per problem on levels 1–3, 16 on 4–5), scores every
sample with each trained verifier (`--verifier`, read by the generative rule; `--prm`, the tag PRM read
by its step-tag rule) and with the policy's own confidence, writes one sample pool per level
(`ttc import-samples` grades them with the engine's exact checker), and scores each pool with
`ttc score`: the same code the app uses computes the numbers in the cards.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from ttc_data import arith  # noqa: E402
from ttc_models import tag_prm  # noqa: E402
from ttc_models.data import EVAL_SET_SEED, eval_seeds  # noqa: E402
from ttc_models.from_onnx import load_onnx_decoder  # noqa: E402
from ttc_models.model import Decoder, config_of  # noqa: E402
from ttc_models.sampling import sample  # noqa: E402
from ttc_models.scoring import line_spans, verifier_scores  # noqa: E402

SAMPLES = {1: 64, 2: 64, 3: 64, 4: 16, 5: 16}


def load(path: Path) -> Decoder:
    """Weights from a run (`model.pt`), or from a shipped export (`…/onnx/model.onnx`)."""
    if path.suffix == ".onnx":
        return load_onnx_decoder(path)
    state = torch.load(path)
    m = Decoder(config_of(state))
    m.load_state_dict(state)
    return m.eval()


def confidence_scores(completion: str, eos: bool, logprobs: list[float]) -> dict:
    """The policy's own confidence as a verifier: per step, exp of the min token log-prob in its line."""
    steps, answer = line_spans(completion, eos)
    lp = lambda a, b: min(logprobs[a:b]) if b > a else 0.0  # noqa: E731
    step_scores = [math.exp(lp(a, b)) for a, b in steps]
    return {"steps": step_scores, "outcome": math.exp(min(logprobs)) if logprobs else 0.0, "tokens": 0}


def sample_level(policy: Decoder, problems: list, level: int, batch: int) -> list[dict]:
    """The policy's samples for one level (seeded per level, so levels can be evaluated separately)."""
    n = SAMPLES[level]
    gen = torch.Generator().manual_seed(EVAL_SET_SEED * 10 + level)
    rows = [(pi, j) for pi in range(len(problems)) for j in range(n)]
    results: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
    for b in range(0, len(rows), batch):
        chunk = rows[b:b + batch]
        prompts = [[arith.BOS_ID, *arith.encode(problems[pi].prompt)] for pi, _ in chunk]
        for key, res in zip(chunk, sample(policy, prompts, 1.0, gen)):
            results[key] = res
    raw_problems = []
    for pi, p in enumerate(problems):
        samples = []
        for j in range(n):
            ids, lps = results[(pi, j)]
            ended = bool(ids) and ids[-1] == arith.EOS_ID
            text = arith.decode(ids)
            samples.append({"text": text, "tokens": len(ids), "logprobs": lps, "eos": ended, "temperature": 1.0,
                            "seed": EVAL_SET_SEED, "scores": {"policy-confidence": confidence_scores(text, ended, lps)}})
        raw_problems.append({"seed": p.seed, "level": level, "samples": samples})
    return raw_problems


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--levels", default="1,2,3,4,5")
    ap.add_argument("--problems", type=int, default=200)
    ap.add_argument("--verifier", action="append", default=[], help="NAME=PATH to a verifier model.pt (or model.onnx)")
    ap.add_argument("--prm", action="append", default=[], help="NAME=PATH to a tag PRM model.pt (or model.onnx)")
    ap.add_argument("--policy", help="policy weights (default RUNS/policy/model.pt)")
    ap.add_argument("--policy-id", default="arith-policy", help="the policy's model id in the pools")
    ap.add_argument("--out", default=str(HERE / "runs" / "eval"))
    ap.add_argument("--batch", type=int, default=1024)
    args = ap.parse_args()
    out = Path(args.out).resolve()  # the CLI steps below run from the repository root
    out.mkdir(parents=True, exist_ok=True)
    policy_path = Path(args.policy) if args.policy else Path(args.runs) / "policy" / "model.pt"
    if not args.policy and not policy_path.exists():
        # No training runs on this machine: the shipped policy is the same weights.
        policy_path = ROOT / "public" / "models" / "arith-policy" / "onnx" / "model.onnx"
    policy = load(policy_path)
    # Cached samples are named by the policy's weights: a retrained policy never reuses old samples.
    policy_id = hashlib.sha256(policy_path.read_bytes()).hexdigest()[:12]
    verifiers = {}
    for spec in args.verifier:
        name, path = spec.split("=", 1)
        verifiers[name] = load(Path(path))
    prms = {}
    for spec in args.prm:
        name, path = spec.split("=", 1)
        prms[name] = load(Path(path))
    seeds = eval_seeds(args.problems)
    for level in [int(x) for x in args.levels.split(",")]:
        started = time.time()
        problems = [arith.generate(s, level) for s in seeds]
        cache = out / f"samples-level{level}-{args.problems}-{policy_id}.json"
        if cache.exists():
            raw_problems = json.loads(cache.read_text())
        else:
            raw_problems = sample_level(policy, problems, level, args.batch)
            cache.write_text(json.dumps(raw_problems))
        for rp, p in zip(raw_problems, problems):
            texts = [s["text"] for s in rp["samples"]]
            eos = [s["eos"] for s in rp["samples"]]
            for name, vm in verifiers.items():
                for s, sc in zip(rp["samples"], verifier_scores(vm, p.prompt, texts, eos)):
                    s["scores"][name] = sc
            for name, pm in prms.items():
                for s, sc in zip(rp["samples"], tag_prm.prm_scores(pm, p, texts)):
                    s["scores"][name] = sc
        raw = {
            "task": "arith", "seed": EVAL_SET_SEED, "backend": f"pytorch-{torch.__version__}-cpu",
            "models": [{"role": "policy", "id": args.policy_id}] + [{"role": "verifier", "id": v} for v in [*verifiers, *prms]],
            "verifiers": [{"id": "policy-confidence", "kind": "confidence", "description": "exp(min token log-prob): per step line; outcome over the whole sample"}]
            + [{"id": v, "kind": "prm", "description": "generative verifier: step = P(step line); outcome = min over steps and answer line"} for v in verifiers]
            + [{"id": v, "kind": "prm", "description": "tag PRM: P(good) at the tag after each step line and the answer line"} for v in prms],
            "sampling": {"temperatures": [1.0], "topP": 1, "topK": 0, "maxTokens": 96},
            "problems": raw_problems,
        }
        raw_path = out / f"raw-level{level}.json"
        raw_path.write_text(json.dumps(raw))
        pool_path = out / f"pool-level{level}.json"
        curves_path = out / f"curves-level{level}.json"
        ttc = ["npx", "--no-install", "tsx", str(ROOT / "cli" / "ttc.ts")]
        subprocess.run([*ttc, "import-samples", "--in", str(raw_path), "--out", str(pool_path)], check=True, cwd=ROOT)
        ks = ",".join(str(k) for k in [1, 2, 4, 8, 16, 32, 64] if k <= SAMPLES[level])
        # 500 Monte Carlo subsets per problem (the app's default is 200): the cards' tables were computed
        # so, and their vote columns stay reproducible to the digit.
        subprocess.run([*ttc, "score", "--pool", str(pool_path), "--out", str(curves_path), "--ks", ks,
                        "--bootstrap", "200", "--draws", "500"], check=True, cwd=ROOT)
        print(f"level {level}: {len(problems)} problems × {SAMPLES[level]} samples in {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
