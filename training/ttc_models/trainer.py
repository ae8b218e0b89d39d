"""The training loop shared by every built-in model: AdamW, warm-up then cosine, loss on solution tokens
only, fresh problems every batch, resumable checkpoints (model, optimizer, data and torch RNG state)."""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

import torch
import torch.nn.functional as F

from ttc_data import arith

from .data import Batches
from .model import Decoder, ModelConfig, count_parameters


@dataclass
class Recipe:
    steps: int
    batch_size: int
    # Drawn uniformly, one per batch (or per row): a level listed twice gets twice the share.
    levels: list[int]
    one_level_per_batch: bool
    lr: float = 2e-3
    warmup: int = 180
    final_lr_fraction: float = 0.1
    weight_decay: float = 0.1
    grad_clip: float = 1.0
    seed: int = 0
    # Digit slips: where the target is a digit, that much of it is spread over the ten digits (label
    # smoothing restricted to digits), so sampling at T = 1 slips on a digit now and then, in varied ways.
    slip: float = 0.0
    model: ModelConfig = field(default_factory=ModelConfig)


def lr_at(step: int, r: Recipe) -> float:
    if step < r.warmup:
        return r.lr * (step + 1) / r.warmup
    t = (step - r.warmup) / max(1, r.steps - r.warmup)
    return r.lr * (r.final_lr_fraction + (1 - r.final_lr_fraction) * 0.5 * (1 + math.cos(math.pi * t)))


DIGIT_IDS = torch.tensor([arith.VOCAB.index(c) for c in "0123456789"])


def solution_loss(logits: torch.Tensor, targets: torch.Tensor, slip: float) -> torch.Tensor:
    """Cross-entropy; with `slip`, digit targets are smoothed over the digits (others stay one-hot)."""
    if not slip:
        return F.cross_entropy(logits, targets)
    ce = F.cross_entropy(logits, targets, reduction="none")
    spread = -torch.log_softmax(logits, dim=-1)[:, DIGIT_IDS].mean(-1)
    is_digit = torch.isin(targets, DIGIT_IDS)
    return torch.where(is_digit, (1 - slip) * ce + slip * spread, ce).mean()


def adamw(model: torch.nn.Module, lr: float, weight_decay: float) -> torch.optim.AdamW:
    """AdamW with betas (0.9, 0.95), weight decay on matrices only (not norms)."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
                             lr=lr, betas=(0.9, 0.95))


def train(name: str, recipe: Recipe, run: Path, every: int = 50, snapshot_every: int = 200, device: str = "cpu",
          stop_at: int | None = None, log: Callable[[str], None] = print) -> Decoder:
    """Trains (or resumes) `name` in `run`; `stop_at` halts early (for tests of resuming)."""
    run.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(recipe.seed)
    model = Decoder(recipe.model).to(device)
    opt = adamw(model, recipe.lr, recipe.weight_decay)
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
        log(f"resumed {name} at step {step}")
    log(f"{name}: {count_parameters(model)} parameters, {recipe}")

    def save() -> None:
        tmp = run / "checkpoint.tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "data": batches.state(),
                    "torch_rng": torch.get_rng_state(), "step": step, "elapsed": elapsed}, tmp)
        tmp.replace(ckpt)

    started = time.time() - elapsed
    end = min(recipe.steps, stop_at) if stop_at is not None else recipe.steps
    while step < end:
        for g in opt.param_groups:
            g["lr"] = lr_at(step, recipe)
        ids, loss_mask = batches.next()
        ids, loss_mask = ids.to(device), loss_mask.to(device)
        logits = model.logits(ids[:, :-1])
        m = loss_mask[:, 1:]
        loss = solution_loss(logits[m], ids[:, 1:][m], recipe.slip)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), recipe.grad_clip)
        opt.step()
        step += 1
        elapsed = time.time() - started
        if step % 20 == 0 or step == 1:
            log(f"step {step}/{recipe.steps} loss {loss.item():.4f} lr {lr_at(step, recipe):.2e} {elapsed:.0f}s")
        if step % every == 0 or step == end:
            save()
        if snapshot_every and step % snapshot_every == 0:
            torch.save(model.state_dict(), run / f"snapshot-{step}.pt")
    if step >= recipe.steps:
        torch.save(model.state_dict(), run / "model.pt")
        summary = {"name": name, "recipe": {k: v for k, v in asdict(recipe).items() if k != "model"},
                   "config": recipe.model.to_dict(), "steps": step, "sequences": step * recipe.batch_size,
                   "seconds": round(elapsed, 1), "device": device, "threads": torch.get_num_threads(),
                   "torch": torch.__version__}
        (run / "train.json").write_text(json.dumps(summary, indent=2))
        log(f"done: {run / 'model.pt'} in {elapsed:.0f}s")
    return model
