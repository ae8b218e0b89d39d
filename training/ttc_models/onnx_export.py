"""ONNX export in transformers.js's decoder-only I/O convention (fp32, opset 14).

Inputs: input_ids, attention_mask, position_ids, past_key_values.{i}.key/.value; outputs: logits,
present.{i}.key/.value. Batch is `batch_size`; sequence, past and total lengths are dynamic.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from .model import Decoder


class ExportWrapper(nn.Module):
    def __init__(self, model: Decoder):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, position_ids, *past):
        logits, present = self.model(input_ids, attention_mask, position_ids, list(past))
        return (logits, *present)


def io_names(layers: int) -> tuple[list[str], list[str]]:
    past = [f"past_key_values.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(layers) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids", *past], ["logits", *present]


def export_onnx(model: Decoder, path: Path) -> None:
    cfg = model.cfg
    model.eval()
    inputs, outputs = io_names(cfg.num_hidden_layers)
    # A non-empty dummy past: with an empty one the exporter folds the past length to a constant.
    B, T, P = 2, 3, 4
    dummy = (
        torch.randint(3, cfg.vocab_size, (B, T)),
        torch.ones(B, P + T, dtype=torch.long),
        torch.arange(P, P + T).repeat(B, 1),
        *[torch.randn(B, cfg.num_attention_heads, P, cfg.head_dim) for _ in range(2 * cfg.num_hidden_layers)],
    )
    axes = {
        "input_ids": {0: "batch_size", 1: "sequence_length"},
        "attention_mask": {0: "batch_size", 1: "total_sequence_length"},
        "position_ids": {0: "batch_size", 1: "sequence_length"},
        "logits": {0: "batch_size", 1: "sequence_length"},
    }
    for name in inputs[3:]:
        axes[name] = {0: "batch_size", 2: "past_sequence_length"}
    for name in outputs[1:]:
        axes[name] = {0: "batch_size", 2: "total_sequence_length"}
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            ExportWrapper(model), dummy, str(path), input_names=inputs, output_names=outputs,
            dynamic_axes=axes, opset_version=14, do_constant_folding=True,
        )
