"""Reads a shipped built-in model's weights back from its ONNX export into the PyTorch Decoder, so a
fine-tune (the tag PRM) can start from the shipped verifier on a machine that has no training runs.

torch.onnx.export keeps embeddings and norms under their parameter names, but stores each linear
layer's weight transposed under a generated name (`onnx::MatMul_N`); those are matched to the layers
by the graph: the MatMul node that reads the initializer, and the order of those nodes in the graph.
"""

from __future__ import annotations

import json
from pathlib import Path

import onnx
import torch
from onnx import numpy_helper

from .model import Decoder, ModelConfig, config_of

# Per block, in the order the graph computes them (rotary and softmax in between read no weights).
BLOCK_LINEARS = ("self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", "self_attn.o_proj",
                 "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj")


def load_onnx_decoder(path: Path, cfg: ModelConfig | None = None) -> Decoder:
    graph = onnx.load(str(path)).graph
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    # An export's linear weights have generated names: its config.json says the MLP width.
    config = path.parent.parent / "config.json"
    if cfg is None and config.exists():
        c = json.loads(config.read_text())
        cfg = ModelConfig(vocab_size=c["vocab_size"], hidden_size=c["hidden_size"],
                          intermediate_size=c["intermediate_size"], num_hidden_layers=c["num_hidden_layers"],
                          num_attention_heads=c["num_attention_heads"],
                          max_position_embeddings=c["max_position_embeddings"], rope_theta=c["rope_theta"],
                          rms_norm_eps=c["rms_norm_eps"])
    cfg = cfg or config_of(weights, "model.")
    model = Decoder(cfg)
    state = {}
    for name, t in weights.items():
        if name.startswith("model."):
            state[name[len("model."):]] = t
    matmuls = [n.input[1] for n in graph.node if n.op_type == "MatMul" and n.input[1] in weights
               and not n.input[1].startswith("model.")]
    linears = [f"layers.{i}.{name}" for i in range(cfg.num_hidden_layers) for name in BLOCK_LINEARS]
    # The last MatMul is the tied output projection (the embedding, transposed): not a parameter of its own.
    if len(matmuls) != len(linears) + 1:
        raise ValueError(f"{path}: expected {len(linears) + 1} weight MatMuls, found {len(matmuls)}")
    for name, init in zip(linears, matmuls):
        state[f"{name}.weight"] = weights[init].T.contiguous()
    model.load_state_dict(state, strict=True)
    if not torch.equal(weights[matmuls[-1]].T, model.embed_tokens.weight.detach()):
        raise ValueError(f"{path}: the output projection is not the tied embedding")
    return model.eval()
