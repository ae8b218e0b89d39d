"""A small Llama-style decoder (RMSNorm, rotary positions, SiLU-gated MLP, tied embeddings).

One forward serves training (no past) and export: it takes transformers.js's decoder-only inputs
(input_ids, attention_mask over past + new tokens, position_ids, past keys/values) and returns logits
and the present keys/values, so the ONNX graph loads as a plain `model_type: "llama"` model.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F
from torch import nn

# Masked scores use a large negative number, not -inf: a fully padded row (left padding) would give
# NaN through softmax with -inf.
MASK_VALUE = -1e9


@dataclass
class ModelConfig:
    vocab_size: int = 24
    hidden_size: int = 128
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 336
    max_position_embeddings: int = 256
    rope_theta: float = 10000.0
    rms_norm_eps: float = 1e-5

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_attention_heads

    def to_dict(self) -> dict:
        return asdict(self)


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.weight * x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps)


def rotate_half(x: torch.Tensor) -> torch.Tensor:
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Rotary(nn.Module):
    """Rotary embeddings (Su et al.) in Hugging Face Llama's half-rotation layout, from position_ids."""

    def __init__(self, head_dim: int, theta: float):
        super().__init__()
        inv_freq = 1.0 / (theta ** (torch.arange(0, head_dim, 2).float() / head_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, position_ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        freqs = position_ids.to(torch.float32)[..., None] * self.inv_freq  # [B, T, hd/2]
        emb = torch.cat((freqs, freqs), dim=-1)[:, None]  # [B, 1, T, hd]
        return emb.cos(), emb.sin()


class Attention(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.h = cfg.num_attention_heads
        self.hd = cfg.head_dim
        self.q_proj = nn.Linear(cfg.hidden_size, cfg.hidden_size, bias=False)
        self.k_proj = nn.Linear(cfg.hidden_size, cfg.hidden_size, bias=False)
        self.v_proj = nn.Linear(cfg.hidden_size, cfg.hidden_size, bias=False)
        self.o_proj = nn.Linear(cfg.hidden_size, cfg.hidden_size, bias=False)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, self.h, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.h, self.hd).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.h, self.hd).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat([past_k, k], dim=2)
        v = torch.cat([past_v, v], dim=2)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.hd)
        scores = scores.masked_fill(~mask, MASK_VALUE)
        out = F.softmax(scores, dim=-1) @ v
        return self.o_proj(out.transpose(1, 2).reshape(B, T, -1)), k, v


class MLP(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.gate_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.up_proj = nn.Linear(cfg.hidden_size, cfg.intermediate_size, bias=False)
        self.down_proj = nn.Linear(cfg.intermediate_size, cfg.hidden_size, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Block(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.input_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.self_attn = Attention(cfg)
        self.post_attention_layernorm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.mlp = MLP(cfg)

    def forward(self, x, cos, sin, mask, past_k, past_v):
        a, k, v = self.self_attn(self.input_layernorm(x), cos, sin, mask, past_k, past_v)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, k, v


class Decoder(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg
        self.embed_tokens = nn.Embedding(cfg.vocab_size, cfg.hidden_size)
        self.layers = nn.ModuleList(Block(cfg) for _ in range(cfg.num_hidden_layers))
        self.norm = RMSNorm(cfg.hidden_size, cfg.rms_norm_eps)
        self.rotary = Rotary(cfg.head_dim, cfg.rope_theta)
        nn.init.normal_(self.embed_tokens.weight, std=0.02)
        for name, p in self.named_parameters():
            if p.dim() == 2 and "embed" not in name:
                nn.init.normal_(p, std=0.02 / (math.sqrt(2 * cfg.num_hidden_layers) if name.endswith(("o_proj.weight", "down_proj.weight")) else 1))

    def empty_past(self, batch: int) -> list[torch.Tensor]:
        shape = (batch, self.cfg.num_attention_heads, 0, self.cfg.head_dim)
        return [torch.zeros(shape) for _ in range(2 * self.cfg.num_hidden_layers)]

    def forward(self, input_ids, attention_mask, position_ids, past: list[torch.Tensor]):
        """past = [k0, v0, k1, v1, ...]; returns (logits, present in the same layout)."""
        B, T = input_ids.shape
        P = past[0].shape[2]
        x = self.embed_tokens(input_ids)
        cos, sin = self.rotary(position_ids)
        q_pos = torch.arange(T, device=input_ids.device) + P
        k_pos = torch.arange(P + T, device=input_ids.device)
        causal = k_pos[None, :] <= q_pos[:, None]  # [T, S]
        mask = causal[None, None] & attention_mask[:, None, None, :].bool()  # [B, 1, T, S]
        present: list[torch.Tensor] = []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, cos, sin, mask, past[2 * i], past[2 * i + 1])
            present += [k, v]
        logits = self.norm(x) @ self.embed_tokens.weight.t()  # tied embeddings
        return logits, present

    def logits(self, input_ids: torch.Tensor, attention_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Training/scoring forward with no past; positions as transformers.js computes them."""
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        position_ids = (attention_mask.long().cumsum(-1) - 1).clamp(min=0)
        return self.forward(input_ids, attention_mask, position_ids, self.empty_past(input_ids.shape[0]))[0]


def config_of(state: dict, prefix: str = "") -> ModelConfig:
    """The config a state dict was saved from: its vocabulary, width, MLP width and depth (heads and the
    rest are the built-ins': the small policy keeps 4 heads at a quarter of the width)."""
    layers = {int(k[len(prefix):].split(".")[1]) for k in state if k.startswith(f"{prefix}layers.")}
    vocab, hidden = state[f"{prefix}embed_tokens.weight"].shape
    down = state.get(f"{prefix}layers.0.mlp.down_proj.weight")
    mlp = down.shape[1] if down is not None else ModelConfig().intermediate_size
    return ModelConfig(vocab_size=vocab, hidden_size=hidden, intermediate_size=mlp, num_hidden_layers=len(layers))


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
