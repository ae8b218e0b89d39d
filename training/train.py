"""Trains one built-in model from scratch with a fixed seed, resuming from its last checkpoint.

    /usr/bin/python3 training/train.py policy            # the policy
    /usr/bin/python3 training/train.py verifier          # the strong generative verifier

Checkpoints go to training/runs/<name>/ every `--every` steps; rerunning continues where it stopped.
Model-only snapshots (`snapshot-<step>.pt`) are kept every `--snapshot-every` steps: the fallible
verifier is an early snapshot of the strong one's run (less data seen), chosen by evaluation.
The generative verifiers are causal LMs of the task's format trained only on correct solutions: the
same objective as the policy, but far more data (as search-and-learn pairs a 1B policy with an 8B PRM).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ttc_models.data import Batches  # noqa: E402
from ttc_models.model import Decoder, ModelConfig, count_parameters  # noqa: E402


@dataclass
class Recipe:
    steps: int
    batch_size: int
    levels: list[int]
    one_level_per_batch: bool
    lr: float = 2e-3
    warmup: int = 180
    final_lr_fraction: float = 0.1
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    seed: int = 0


RECIPES = {
    "policy": Recipe(steps=1800, batch_size=64, levels=[1, 2, 3, 4, 5], one_level_per_batch=True, seed=1),
    # One level per batch (levels 1–4 in equal shares over the run) pads far less than mixed batches.
    "verifier": Recipe(steps=2300, batch_size=512, levels=[1, 2, 3, 4], one_level_per_batch=True, warmup=300, final_lr_fraction=0.05, seed=2),
}


def lr_at(step: int, r: Recipe) -> float:
    if step < r.warmup:
        return r.lr * (step + 1) / r.warmup
    t = (step - r.warmup) / max(1, r.steps - r.warmup)
    return r.lr * (r.final_lr_fraction + (1 - r.final_lr_fraction) * 0.5 * (1 + math.cos(math.pi * t)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("name", choices=sorted(RECIPES))
    ap.add_argument("--out", default=str(HERE / "runs"))
    ap.add_argument("--every", type=int, default=50)
    ap.add_argument("--snapshot-every", type=int, default=200)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--device", default="cpu")
    args = ap.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    recipe = RECIPES[args.name]
    run = Path(args.out) / args.name
    run.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(recipe.seed)
    cfg = ModelConfig()
    model = Decoder(cfg).to(args.device)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
    no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": recipe.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=recipe.lr, betas=(0.9, 0.95),
    )
    batches = Batches(recipe.seed, recipe.levels, recipe.batch_size, recipe.one_level_per_batch)
    step, elapsed = 0, 0.0
    ckpt = run / "checkpoint.pt"
    if ckpt.exists():
        state = torch.load(ckpt)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        batches.restore(state["data"])
        torch.set_rng_state(state["torch_rng"])
        step, elapsed = state["step"], state["elapsed"]
        print(f"resumed {args.name} at step {step}", flush=True)
    print(f"{args.name}: {count_parameters(model)} parameters, {recipe}", flush=True)

    def save() -> None:
        tmp = run / "checkpoint.tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "data": batches.state(),
                    "torch_rng": torch.get_rng_state(), "step": step, "elapsed": elapsed}, tmp)
        tmp.replace(ckpt)

    started = time.time() - elapsed
    while step < recipe.steps:
        for g in opt.param_groups:
            g["lr"] = lr_at(step, recipe)
        ids, loss_mask = batches.next()
        ids, loss_mask = ids.to(args.device), loss_mask.to(args.device)
        logits = model.logits(ids[:, :-1])
        target = ids[:, 1:]
        m = loss_mask[:, 1:]
        loss = F.cross_entropy(logits[m], target[m])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), recipe.grad_clip)
        opt.step()
        step += 1
        elapsed = time.time() - started
        if step % 20 == 0:
            print(f"step {step}/{recipe.steps} loss {loss.item():.4f} lr {lr_at(step, recipe):.2e} {elapsed:.0f}s", flush=True)
        if step % args.every == 0 or step == recipe.steps:
            save()
        if step % args.snapshot_every == 0:
            torch.save(model.state_dict(), run / f"snapshot-{step}.pt")
    torch.save(model.state_dict(), run / "model.pt")
    (run / "train.json").write_text(json.dumps({
        "name": args.name, "recipe": recipe.__dict__, "config": cfg.to_dict(), "steps": step,
        "sequences": step * recipe.batch_size, "seconds": round(elapsed, 1), "device": args.device,
        "threads": torch.get_num_threads(), "torch": torch.__version__,
    }, indent=2))
    print(f"done: {run / 'model.pt'} in {elapsed:.0f}s", flush=True)


if __name__ == "__main__":
    main()
