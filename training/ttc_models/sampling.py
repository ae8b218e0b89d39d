"""Batched sampling with a KV cache (left padding, positions = cumsum(mask) − 1), for evaluation."""

from __future__ import annotations

import torch

from ttc_data import arith
from .model import Decoder


@torch.no_grad()
def sample(model: Decoder, prompts: list[list[int]], temperature: float, generator: torch.Generator,
           max_new: int = 96) -> list[tuple[list[int], list[float]]]:
    """Samples one completion per prompt; returns (token ids incl. EOS when produced, their log-probs)."""
    B = len(prompts)
    width = max(len(p) for p in prompts)
    ids = torch.full((B, width), arith.PAD_ID, dtype=torch.long)
    mask = torch.zeros((B, width), dtype=torch.long)
    for i, p in enumerate(prompts):
        ids[i, width - len(p):] = torch.tensor(p)
        mask[i, width - len(p):] = 1
    pos = (mask.cumsum(-1) - 1).clamp(min=0)
    past = model.empty_past(B)
    out = [[] for _ in range(B)]
    logps = [[] for _ in range(B)]
    done = torch.zeros(B, dtype=torch.bool)
    step_ids, step_pos = ids, pos
    for _ in range(max_new):
        logits, past = model(step_ids, mask, step_pos, past)
        logprobs = torch.log_softmax(logits[:, -1].float(), dim=-1)
        if temperature == 0:
            nxt = logprobs.argmax(-1)
        else:
            probs = torch.softmax(logits[:, -1].float() / temperature, dim=-1)
            nxt = torch.multinomial(probs, 1, generator=generator)[:, 0]
        chosen = logprobs.gather(1, nxt[:, None])[:, 0]
        for i in range(B):
            if not done[i]:
                out[i].append(int(nxt[i]))
                logps[i].append(float(chosen[i]))
        done |= nxt == arith.EOS_ID
        if bool(done.all()):
            break
        step_ids = nxt[:, None]
        step_pos = step_pos[:, -1:] + 1
        mask = torch.cat([mask, torch.ones(B, 1, dtype=torch.long)], dim=1)
    return list(zip(out, logps))
