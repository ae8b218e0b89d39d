"""The Hugging Face repo-layout files transformers.js reads: config, generation config, tokenizer."""

from __future__ import annotations

from ttc_data import arith
from .model import ModelConfig


def config_json(cfg: ModelConfig, reading_rule: dict | None = None) -> dict:
    """`reading_rule`: how the model is read as a verifier (`ttc_reading_rule`, src/runtime/modelConfig.ts)."""
    return {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": cfg.vocab_size,
        "hidden_size": cfg.hidden_size,
        "intermediate_size": cfg.intermediate_size,
        "num_hidden_layers": cfg.num_hidden_layers,
        "num_attention_heads": cfg.num_attention_heads,
        "num_key_value_heads": cfg.num_attention_heads,
        "head_dim": cfg.head_dim,
        "hidden_act": "silu",
        "max_position_embeddings": cfg.max_position_embeddings,
        "rms_norm_eps": cfg.rms_norm_eps,
        "rope_theta": cfg.rope_theta,
        "tie_word_embeddings": True,
        "attention_bias": False,
        "bos_token_id": arith.BOS_ID,
        "eos_token_id": arith.EOS_ID,
        "pad_token_id": arith.PAD_ID,
        "torch_dtype": "float32",
        "transformers.js_config": {"dtype": "fp32", "use_external_data_format": False},
        **({"ttc_reading_rule": reading_rule} if reading_rule else {}),
    }


def generation_config_json(cfg: ModelConfig) -> dict:
    return {
        "bos_token_id": arith.BOS_ID,
        "eos_token_id": arith.EOS_ID,
        "pad_token_id": arith.PAD_ID,
        "max_length": cfg.max_position_embeddings,
        "do_sample": True,
        "temperature": 1.0,
    }


def tokenizer_json(vocab: list[str] = arith.VOCAB) -> dict:
    """A character-level WordLevel tokenizer: every character is its own pre-token; `<s>` is prepended.
    `vocab` extends the arith vocabulary with more one-character tokens (the tag PRM's)."""
    specials = [
        {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False, "special": True}
        for i, t in enumerate(arith.SPECIAL_TOKENS)
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": specials,
        "normalizer": None,
        "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "[\\s\\S]"}, "behavior": "Isolated", "invert": False},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [
                {"SpecialToken": {"id": "<s>", "type_id": 0}},
                {"Sequence": {"id": "A", "type_id": 0}},
                {"Sequence": {"id": "B", "type_id": 1}},
            ],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [arith.BOS_ID], "tokens": ["<s>"]}},
        },
        "decoder": {"type": "Fuse"},
        "model": {"type": "WordLevel", "vocab": {t: i for i, t in enumerate(vocab)}, "unk_token": "<pad>"},
    }


def tokenizer_config_json(cfg: ModelConfig) -> dict:
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": "<s>",
        "eos_token": "</s>",
        "pad_token": "<pad>",
        "unk_token": "<pad>",
        "add_bos_token": True,
        "add_eos_token": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": cfg.max_position_embeddings,
        "padding_side": "left",
    }
