"""Fine-tunes the generative verifier into the tag PRM (tag_prm.py) on the policy's own samples.

1. Data: fresh problems (never a held-out one), `samples_per_problem` samples each from the policy at
   temperature 1, labelled by the exact checker; drawn once and kept in the run folder (`data.pt`),
   since sampling costs more here than a training step.
2. Training: one level per batch, cross-entropy of the two-way verdict read at every tag (the loss
   Math-Shepherd trains its PRM with) plus, with `lm_weight`, the language-model loss on the text of
   good steps (without it the fine-tune forgets the language model: the shipped PRM gives a correct
   line P ≈ 1e-4 where the verifier gave 0.997; keeping it did not make better verdicts, see
   train.py), AdamW, warm-up then cosine, resumable checkpoints.
"""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F

from ttc_data import arith

from . import tag_prm
from .data import eval_seeds
from .model import Decoder, count_parameters
from .sampling import sample
from .trainer import adamw, lr_at


@dataclass
class PrmRecipe:
    problems_per_level: int
    samples_per_problem: int
    levels: list[int]
    steps: int
    batch_size: int
    lr: float = 1e-3
    warmup: int = 30
    final_lr_fraction: float = 0.1
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    seed: int = 3
    # Weight of the auxiliary language-model loss on good steps' text (0: verdicts only).
    lm_weight: float = 0.0
    # New blocks on top of the verifier's (tag_prm.with_verdict_tokens).
    extra_layers: int = 0
    # Add each sample's counterfactual (tag_prm.counterfactual): the same step with the other label.
    counterfactuals: bool = False


def draw_data(policy: Decoder, r: PrmRecipe, log: Callable[[str], None], batch: int = 1024) -> dict[int, list]:
    """Per level: (problem seed, completion) for every sample the policy drew."""
    rng = random.Random(r.seed)
    excluded = set(eval_seeds())
    gen = torch.Generator().manual_seed(r.seed)
    data: dict[int, list] = {}
    for level in r.levels:
        seeds: list[int] = []
        while len(seeds) < r.problems_per_level:
            s = rng.getrandbits(32)
            if s not in excluded:
                seeds.append(s)
        rows = [s for s in seeds for _ in range(r.samples_per_problem)]
        out = []
        for b in range(0, len(rows), batch):
            chunk = rows[b:b + batch]
            prompts = [[arith.BOS_ID, *arith.encode(arith.generate(s, level).prompt)] for s in chunk]
            out += [(s, arith.decode(ids)) for s, (ids, _) in zip(chunk, sample(policy, prompts, 1.0, gen))]
            log(f"level {level}: {len(out)}/{len(rows)} samples")
        data[level] = out
    return data


def examples_of(data: dict[int, list], counterfactuals: bool = False, seed: int = 0) -> dict[int, list[tag_prm.Example]]:
    rng = random.Random(seed)
    out = {}
    for level, rows in data.items():
        exs = []
        for s, c in rows:
            problem = arith.generate(s, level)
            exs.append(tag_prm.example(problem, c))
            if counterfactuals:
                exs.append(tag_prm.counterfactual(problem, c, rng))
        out[level] = [e for e in exs if e is not None]
    return out


def train_prm(init: Decoder, policy: Decoder, r: PrmRecipe, run: Path, every: int = 50,
              log: Callable[[str], None] = print, stop_at: int | None = None) -> Decoder:
    run.mkdir(parents=True, exist_ok=True)
    data_path = run / "data.pt"
    if data_path.exists():
        data = torch.load(data_path)
    else:
        t = time.time()
        data = draw_data(policy, r, log)
        torch.save(data, data_path)
        log(f"drew the training samples in {time.time() - t:.0f}s")
    by_level = examples_of(data, r.counterfactuals, r.seed)
    tags = [g for exs in by_level.values() for e in exs for g in e.good]
    log(f"{sum(map(len, by_level.values()))} examples, {len(tags)} tags, {sum(tags) / len(tags):.1%} good")
    torch.manual_seed(r.seed)
    model = tag_prm.with_verdict_tokens(init, r.extra_layers)
    opt = adamw(model, r.lr, r.weight_decay)
    rng = random.Random(r.seed)
    step, elapsed = 0, 0.0
    ckpt = run / "checkpoint.pt"
    if ckpt.exists():
        state = torch.load(ckpt)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        rng.setstate(state["rng"])
        step, elapsed = state["step"], state["elapsed"]
        log(f"resumed prm at step {step}")
    log(f"prm: {count_parameters(model)} parameters, {r}")
    started = time.time() - elapsed
    end = min(r.steps, stop_at) if stop_at is not None else r.steps
    while step < end:
        for g in opt.param_groups:
            g["lr"] = lr_at(step, r)  # type: ignore[arg-type]
        exs = by_level[rng.choice(r.levels)]
        batch = rng.sample(exs, min(r.batch_size, len(exs)))
        ids, mask, where, good = tag_prm.batch_tensors(batch)
        logits = model.logits(ids, mask)
        # Class 0 is the good verdict, 1 the bad one (verdict_logits' column order).
        loss = F.cross_entropy(tag_prm.verdict_logits(logits, where), (~good).long())
        if r.lm_weight:
            at, nxt = tag_prm.lm_targets(batch)
            if len(nxt):
                loss = loss + r.lm_weight * F.cross_entropy(logits[at[:, 0], at[:, 1]], nxt)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), r.grad_clip)
        opt.step()
        step += 1
        elapsed = time.time() - started
        if step % 20 == 0 or step == 1:
            log(f"step {step}/{r.steps} loss {loss.item():.4f} lr {lr_at(step, r):.2e} {elapsed:.0f}s")  # type: ignore[arg-type]
        if step % every == 0 or step == end:
            tmp = run / "checkpoint.tmp"
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "rng": rng.getstate(), "step": step,
                        "elapsed": elapsed}, tmp)
            tmp.replace(ckpt)
    if step >= r.steps:
        torch.save(model.state_dict(), run / "model.pt")
        summary = {"name": "prm", "recipe": asdict(r), "config": model.cfg.to_dict(), "steps": step,
                   "sequences": step * r.batch_size, "samples": sum(len(v) for v in data.values()),
                   "seconds": round(elapsed, 1), "device": "cpu", "threads": torch.get_num_threads(),
                   "torch": torch.__version__}
        (run / "train.json").write_text(json.dumps(summary, indent=2))
        log(f"done: {run / 'model.pt'} in {elapsed:.0f}s")
    return model
