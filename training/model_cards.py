"""Writes README.md (the model card) in each exported model folder from the training summaries and the
measured table (training/runs/eval/table.json)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from report import aggregation_markdown, markdown
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
READING["arith-policy-small"] = READING["arith-policy"].replace(
    "The policy:", "The small policy, written like `arith-policy` at a quarter of its width:")
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


PRM_READING = """## Reading rule (step tag, Math-Shepherd)
Read by the engine's step-tag rule with the parameters in `config.json` (`ttc_reading_rule`): the
question, a newline, then each step line and the answer line followed by the tag `¶`, joined by
newlines, no `<s>`:

    (91*6-13)*4-72
    91*6=546¶
    546-13=533¶
    A: 2060¶

At each tag the next-token distribution is read over the two verdict tokens `✓` and `✗`; the step
score is P(✓) / (P(✓) + P(✗)). The answer line gets a score too (Math-Shepherd tags the answer step),
after the steps' scores. No separate outcome: the solution score is an aggregation of the step scores
(`last` — the answer line's —, `min`, `prod`). `ttc serve` serves it as vLLM serves a PRM as a reward
model (`--task reward`, STEP pooler at `¶`, returned tokens `[✓, ✗]`): `/pooling` rows, no completions."""


def prm_findings(rows: list[dict]) -> str:
    """The measured verdict on this PRM, in words, from the table itself."""
    by = {r["level"]: r for r in rows}
    auroc = " / ".join(f"{by[lv]['verifiers']['arith-prm']['solutionAuroc']:.2f}" for lv in sorted(by))
    l2 = by[2]
    prm, gen = l2["verifiers"]["arith-prm"], l2["verifiers"]["arith-verifier"]
    return f"""Its step AUROC is high, but that is mostly *which* steps fail (later steps of harder problems): within
a problem it ranks samples barely above chance (within-problem AUROC {auroc} on levels 1–5), so
best-of-16 picks a confident wrong sample more often than majority vote is wrong — on level 2,
best-of-16 by `last` {100 * prm['bon-last@16']:.1f}% against majority {100 * l2['maj@16']:.1f}%, where the generative verifier the
fine-tune started from reaches {100 * gen['bon@16']:.1f}%. It is shipped as a real, measured example of a weak PRM
read by Math-Shepherd's rule (and of what PRM aggregation does to one), not as a good verifier.

Variants measured on level 2 (within-problem AUROC, same held-out samples): this recipe 0.617;
1500 steps of 128 (warm-up 50, cosine to 0.05×) 0.606; lr 5e-4 with the language-model loss kept on
good steps (`lm_weight` 1) 0.574; `<s>` first in the read sequence (as the verifier was trained, and
as Math-Shepherd's `tokenizer.encode` adds it) 0.608; two new blocks on top, each starting as the
identity (6 layers, 1,172,480 parameters: room to set each written digit against the verifier's
prediction of it) 0.592; those blocks with each sample's counterfactual added — its decisive step with
the other label: a wrong sample's first wrong step replaced by the reference's, a right sample's
step with one result digit changed — 0.581. Without the language-model loss the fine-tune forgets
the language model (this PRM gives a correct line P ≈ 1e-4 where `arith-verifier` gave 0.997).

Read off its verdicts on training samples of level 2: a right answer to a hard step gets a middling
score, only a little above a wrong one — `78*9=702` (right) 0.52 against `78*9=602` (wrong) 0.36,
`99*4=396` (right) 0.54 against `99*4=316` (wrong) 0.24 — while a near miss on an easy step passes
(`15-6=8`, wrong, 0.83 against `15-6=9` 0.82). So the highest-scored sample of a problem is often one
that went wrong where wrong looks easy, and best-of-N falls below majority. The grown variant
learnt difficulty outright (`78*9=702` 0.16, `78*9=602` 0.14). A plausible limit: at a tag, the model
must compute the product itself and compare it with the written one within its depth, where the
generative reading gets its prediction at every digit for free; neither extra depth nor
counterfactual pairs taught it that in 500 steps here."""


def prm_card(runs: Path, eval_dir: Path) -> str:
    t = json.loads((runs / "prm" / "train.json").read_text())
    r, cfg = t["recipe"], t["config"]
    size = (ROOT / "public" / "models" / "arith-prm" / "onnx" / "model.onnx").stat().st_size / 1e6
    params = count_parameters(Decoder(ModelConfig(**cfg)))
    rows = json.loads((eval_dir / "table.json").read_text())
    arch = ARCH.format(layers=cfg["num_hidden_layers"], d=cfg["hidden_size"], heads=cfg["num_attention_heads"],
                       hd=cfg["hidden_size"] // cfg["num_attention_heads"], ff=cfg["intermediate_size"],
                       theta=cfg["rope_theta"], params=params, size=size)
    arch = arch.replace("Character vocabulary of 24 tokens\n(`docs/arith.md`).",
                        "Character vocabulary of 27 tokens: the 24\nof `docs/arith.md` and the tag `¶` (24) and the verdicts `✓` (25), `✗` (26).")
    return f"""# arith-prm

The built-in tag PRM (process reward model) for the `arith` task: `arith-verifier` fine-tuned the way
Math-Shepherd trains its PRM, on the policy's own samples labelled by the exact step checker.

## Architecture
{arch}

{PRM_READING}

## Data and training
Starts from `arith-verifier` (the tag embedding from the newline's, the verdicts' small and random).
Data: {r["problems_per_level"]:,} fresh problems per level (levels {", ".join(map(str, r["levels"]))}), never a held-out one,
{r["samples_per_problem"]} samples each from `arith-policy` at temperature 1 ({t["samples"]:,} samples); labels from the exact
checker: a step is good iff it and every earlier step equal the reference's, the answer line iff the
answer is right. Loss: cross-entropy of the two-way verdict read at every tag. One level per batch;
AdamW (lr {r["lr"]:g}, betas (0.9, 0.95), weight decay {r["weight_decay"]:g}), {r["warmup"]} warm-up steps then cosine to
{r["final_lr_fraction"]:g}× lr, gradient clip {r["grad_clip"]:g}; batch {r["batch_size"]}, {t["steps"]} steps ({t["sequences"]:,} sequences), seed {r["seed"]}.

Command: `/usr/bin/python3 training/train.py prm`, then `training/export.py prm`. Time: {t["seconds"] / 60:.0f} min
of training on this machine's 2-core CPU ({t["device"]}, {t["threads"]} threads, torch {t["torch"]}, OpenBLAS);
drawing the {t["samples"]:,} samples first took about 10 min more.

## Measured (held-out: 200 problems per level; 64 samples on levels 1–3, 16 on 4–5; temperature 1.0)
Computed by `training/evaluate.py --prm arith-prm=… --verifier arith-verifier=…` → `ttc score`, the
engine the app uses, on the same samples for every verifier. Within-problem AUROC ranks a problem's
samples by the solution score (for the tag PRM its `last` step, the answer line's; for the generative
verifier its outcome); step AUROC ranks steps against the checker's step labels.

{aggregation_markdown(rows, ["arith-prm", "arith-verifier", "policy-confidence"])}

## What it shows, and what was tried
{prm_findings(rows)}
"""


def small_policy_card(runs: Path, eval_dir: Path) -> str:
    """The small policy's card: its run and its own measured table (scored by the shipped verifiers)."""
    summary = json.loads((runs / "policy-small" / "train.json").read_text())
    return card(
        "arith-policy-small", "The small built-in policy for the `arith` task: `arith-policy`'s recipe at a quarter of "
        "its width, for comparing a small policy with search against a bigger one with voting at equal FLOPs "
        "(*Can 1B Surpass 405B?*; measured in `docs/search.md`).", summary,
        "Trained like `arith-policy`, by the same recipe (data, schedule, steps, seed); only the width differs.",
        "/usr/bin/python3 training/train.py policy-small", markdown(json.loads((eval_dir / "table.json").read_text())),
        "Verifiers in the table: the shipped `arith-verifier` and `arith-prm`, trained on the big policy's samples.")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", default=str(HERE / "runs"))
    ap.add_argument("--weak-step", type=int)
    ap.add_argument("--prm-only", help="write only arith-prm's card, from this eval folder")
    ap.add_argument("--small-only", help="write only arith-policy-small's card, from this eval folder")
    args = ap.parse_args()
    if args.small_only:
        (ROOT / "public" / "models" / "arith-policy-small" / "README.md").write_text(
            small_policy_card(Path(args.runs), Path(args.small_only)))
        print("wrote arith-policy-small's card")
        return
    if args.prm_only:
        (ROOT / "public" / "models" / "arith-prm" / "README.md").write_text(prm_card(Path(args.runs), Path(args.prm_only)))
        print("wrote arith-prm's card")
        return
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
    if (runs / "policy-small" / "train.json").exists() and (runs / "eval-small").exists():
        (out / "arith-policy-small" / "README.md").write_text(small_policy_card(runs, runs / "eval-small"))
    if (runs / "prm" / "train.json").exists() and (out / "arith-prm").exists():
        (out / "arith-prm" / "README.md").write_text(prm_card(runs, runs / "eval"))
    print("wrote model cards")


if __name__ == "__main__":
    main()
