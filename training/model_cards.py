"""Writes README.md (the model card) in each exported model folder from the training summaries and the
measured table (training/runs/eval/table.json)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from report import markdown
from ttc_models.model import Decoder, ModelConfig, count_parameters

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

ARCH = """Llama-style decoder (`model_type: "llama"`): {layers} layers, hidden size {d}, {heads} attention heads
(head dim {hd}), SiLU-gated MLP of width {ff}, RMSNorm, rotary positions (θ = {theta:g}), tied input/output
embeddings, {params:,} parameters; fp32 ONNX (opset 14), {size:.1f} MB. Character vocabulary of 24 tokens
(`docs/arith.md`). I/O follows transformers.js's decoder-only convention: `input_ids`, `attention_mask`,
`position_ids`, `past_key_values.{{i}}.key/value` → `logits`, `present.{{i}}.key/value`; batch axis `batch_size`,
dynamic sequence and past lengths."""

READING = {
    "arith-policy": """## Use
The policy: prompt `<s>Q: <question>\\n`; it writes one step per line and `A: <answer>`, then `</s>`.
Deliberately imperfect, so that sampling more helps (see the table).""",
    "arith-verifier": """## Reading rule (generative verifier)
A causal LM of the task's format trained only on correct solutions. Feed `<s>` + prompt + the candidate
completion (+ `</s>` if the candidate ended) and read teacher-forced token log-probs.
- **Step score**: exp(Σ log p) over the step's line *including its newline*: the probability the verifier
  gives that line, in [0, 1].
- **Solution score** (outcome): the minimum over the step lines and the answer line (`A: …` plus `</s>`).
- **Weighted vote** weight: the solution score (= exp of the minimum line log-prob).""",
}
READING["arith-verifier-weak"] = READING["arith-verifier"].replace("(generative verifier)", "(generative verifier, fallible)")


def level_shares(levels: list[int]) -> str:
    """`1, 2, 3, 4` for equal shares; `1 (20%), 2 (5%), …` when a recipe lists levels with repeats."""
    counts = {lv: levels.count(lv) for lv in sorted(set(levels))}
    if len(set(counts.values())) == 1:
        return ", ".join(map(str, counts))
    return ", ".join(f"{lv} ({100 * c / len(levels):g}%)" for lv, c in counts.items())


def slip_text(slip: float) -> str:
    if not slip:
        return ""
    return (f"; digit slips: where the target is a digit, {slip:g} of it is spread over the ten digits (label "
            f"smoothing on digits only), so at temperature 1 the policy slips on about {100 * slip * 0.9:g}% of the "
            "digits it writes, each time differently")


def card(model_id: str, title: str, train_summary: dict, how: str, command: str, table: str, extra: str = "") -> str:
    cfg = train_summary["config"]
    size = (ROOT / "public" / "models" / model_id / "onnx" / "model.onnx").stat().st_size / 1e6
    params = count_parameters(Decoder(ModelConfig(**cfg)))
    r = train_summary["recipe"]
    minutes = train_summary["seconds"] / 60
    return f"""# {model_id}

{title}

## Architecture
{ARCH.format(layers=cfg["num_hidden_layers"], d=cfg["hidden_size"], heads=cfg["num_attention_heads"],
             hd=cfg["hidden_size"] // cfg["num_attention_heads"], ff=cfg["intermediate_size"], theta=cfg["rope_theta"],
             params=params, size=size)}

{READING[model_id]}

## Data and training
{how}
Fresh `arith` problems every batch (levels {level_shares(r["levels"])}, {"one level per batch" if r["one_level_per_batch"] else "mixed levels"}),
never one of the held-out evaluation problems; loss on solution tokens only{slip_text(r.get("slip", 0.0))}. AdamW (lr {r["lr"]:g}, betas
(0.9, 0.95), weight decay {r["weight_decay"]:g}), {r["warmup"]} warm-up steps then cosine to {r["final_lr_fraction"]:g}× lr,
gradient clip {r["grad_clip"]:g}; batch {r["batch_size"]}, {train_summary["steps"]} steps ({train_summary["sequences"]:,} sequences), seed {r["seed"]}.
{extra}
Command: `{command}` (all models: `npm run train`). Time: {minutes:.0f} min on this machine's 2-core CPU
({train_summary["device"]}, {train_summary["threads"]} threads, torch {train_summary["torch"]}, OpenBLAS), shared with other work.

## Measured (held-out: 200 problems per level; 64 samples on levels 1–3, 16 on 4–5; temperature 1.0)
Computed by `training/evaluate.py` → `ttc score` (subsample estimator), the engine the app uses.

{table}
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--weak-step", type=int)
    args = ap.parse_args()
    runs = Path(args.runs)
    rows = json.loads((runs / "eval" / "table.json").read_text())
    table = markdown(rows)
    policy = json.loads((runs / "policy" / "train.json").read_text())
    out = ROOT / "public" / "models"
    notes = HERE / "notes" / "arith-policy.md"
    (out / "arith-policy" / "README.md").write_text(card(
        "arith-policy", "The built-in policy for the `arith` task.", policy,
        "Trained like a small instruction-following model would be: on reference solutions only.",
        "/usr/bin/python3 training/train.py policy", table) + ("\n" + notes.read_text() if notes.exists() else ""))
    if (runs / "verifier" / "train.json").exists() and (out / "arith-verifier").exists():
        verifier = json.loads((runs / "verifier" / "train.json").read_text())
        (out / "arith-verifier" / "README.md").write_text(card(
            "arith-verifier", "The strong built-in verifier (a generative PRM) for the `arith` task.", verifier,
            "Trained far longer than the policy (as search-and-learn pairs a 1B policy with an 8B PRM).",
            "/usr/bin/python3 training/train.py verifier", table))
        if args.weak_step and (out / "arith-verifier-weak").exists():
            weak = dict(verifier, steps=args.weak_step, sequences=args.weak_step * verifier["recipe"]["batch_size"],
                        seconds=verifier["seconds"] * args.weak_step / verifier["steps"])
            (out / "arith-verifier-weak" / "README.md").write_text(card(
                "arith-verifier-weak", "The fallible built-in verifier: an early snapshot of arith-verifier's run.", weak,
                f"The strong verifier's run stopped at step {args.weak_step} of {verifier['steps']}: it has seen less data, "
                "so it ranks samples worse and has blind spots the strong one lacks.",
                f"/usr/bin/python3 training/export.py verifier --snapshot {args.weak_step} --id arith-verifier-weak", table,
                "Learning-rate schedule as planned for the full run (it is the same run, stopped early)."))
    print("wrote model cards")


if __name__ == "__main__":
    main()
