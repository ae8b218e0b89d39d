"""`npm run train`: reproduces every built-in model from scratch with fixed seeds, then measures them.

1. train the policy and the generative verifier (resuming any interrupted run), then fine-tune the
   verifier into the tag PRM on the policy's samples, then the small policy (the policy's recipe at a
   quarter of its width);
2. pick the fallible verifier: the earliest snapshot of the verifier's run whose within-problem AUROC
   beats the policy's self-confidence on levels 1–2 while staying ≥ 0.05 below the final verifier on
   levels 2–3 (measured on 50 held-out problems per level);
3. export them to public/models/ with parity fixtures, evaluate on the full held-out set (the small
   policy with the shipped verifiers), and write the model cards.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable


def run(*args: str) -> None:
    print("▶", " ".join(args), flush=True)
    subprocess.run(args, check=True, cwd=ROOT)


def aurocs(eval_dir: Path, level: int) -> dict[str, float]:
    report = json.loads((eval_dir / f"curves-level{level}.json").read_text())
    return {v["verifier"]: v["solutionAuroc"] for v in report["verifiers"]}


def pick_weak(runs: Path, threads: str) -> int:
    snaps = sorted(int(p.stem.split("-")[1]) for p in (runs / "verifier").glob("snapshot-*.pt"))
    sel = runs / "eval-select"
    args = [PY, str(HERE / "evaluate.py"), "--runs", str(runs), "--levels", "1,2,3", "--problems", "50", "--out", str(sel),
            "--verifier", f"final={runs / 'verifier' / 'model.pt'}"]
    args += [f"--verifier=s{s}={runs / 'verifier' / f'snapshot-{s}.pt'}" for s in snaps]
    run(*args)
    by_level = {lv: aurocs(sel, lv) for lv in (1, 2, 3)}
    for s in snaps:
        a = {lv: by_level[lv][f"s{s}"] for lv in (1, 2, 3)}
        beats_confidence = all(a[lv] > by_level[lv]["policy-confidence"] for lv in (1, 2))
        clearly_weaker = all(a[lv] <= by_level[lv]["final"] - 0.05 for lv in (2, 3))
        print(f"snapshot {s}: AUROC {a} beats confidence={beats_confidence} weaker={clearly_weaker}", flush=True)
        if beats_confidence and clearly_weaker:
            return s
    raise SystemExit("no snapshot is both above self-confidence and clearly below the final verifier")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--threads", default="2")
    args = ap.parse_args()
    runs = Path(args.runs)
    for name in ("policy", "verifier", "prm", "policy-small"):
        run(PY, str(HERE / "train.py"), name, "--out", str(runs), "--threads", args.threads)
    weak = pick_weak(runs, args.threads)
    run(PY, str(HERE / "export.py"), "policy", "--runs", str(runs))
    run(PY, str(HERE / "export.py"), "verifier", "--runs", str(runs))
    run(PY, str(HERE / "export.py"), "verifier", "--runs", str(runs), "--snapshot", str(weak), "--id", "arith-verifier-weak")
    run(PY, str(HERE / "export.py"), "prm", "--runs", str(runs))
    run(PY, str(HERE / "export.py"), "policy-small", "--runs", str(runs))
    run(PY, str(HERE / "evaluate.py"), "--runs", str(runs), "--out", str(runs / "eval"),
        "--verifier", f"arith-verifier={runs / 'verifier' / 'model.pt'}",
        "--verifier", f"arith-verifier-weak={runs / 'verifier' / f'snapshot-{weak}.pt'}",
        "--prm", f"arith-prm={runs / 'prm' / 'model.pt'}")
    run(PY, str(HERE / "report.py"), "--eval", str(runs / "eval"))
    # The small policy, scored by the shipped verifiers (trained on the big policy's samples).
    run(PY, str(HERE / "evaluate.py"), "--runs", str(runs), "--out", str(runs / "eval-small"),
        "--policy", str(runs / "policy-small" / "model.pt"), "--policy-id", "arith-policy-small",
        "--verifier", f"arith-verifier={runs / 'verifier' / 'model.pt'}", "--prm", f"arith-prm={runs / 'prm' / 'model.pt'}")
    run(PY, str(HERE / "report.py"), "--eval", str(runs / "eval-small"))
    run(PY, str(HERE / "model_cards.py"), "--runs", str(runs), "--weak-step", str(weak))


if __name__ == "__main__":
    main()
