"""Writes a model folder in Hugging Face repo layout plus its parity fixture (see export.py)."""

from __future__ import annotations

import json
from pathlib import Path

import torch

from ttc_data import arith
from .hf_files import config_json, generation_config_json, tokenizer_config_json, tokenizer_json
from .model import Decoder
from .onnx_export import export_onnx
from .scoring import verifier_scores
from . import tag_prm

PARITY_SEED = 4242
PARITY_PROBLEMS = 20


def write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def greedy(model: Decoder, prompt_ids: list[int], max_new: int = 64) -> list[int]:
    ids = torch.tensor([prompt_ids])
    past = model.empty_past(1)
    out: list[int] = []
    mask = torch.ones(1, len(prompt_ids), dtype=torch.long)
    pos = torch.arange(len(prompt_ids))[None]
    step = ids
    for _ in range(max_new):
        logits, past = model(step, mask, pos, past)
        nxt = int(logits[0, -1].argmax())
        out.append(nxt)
        if nxt == arith.EOS_ID:
            break
        step = torch.tensor([[nxt]])
        pos = torch.tensor([[mask.shape[1]]])
        mask = torch.ones(1, mask.shape[1] + 1, dtype=torch.long)
    return out


def parity_fixture(model: Decoder, model_id: str, prm: bool = False) -> dict:
    """For 20 problems: full-forward logits, logits of the completion given a past built from the prompt,
    and greedy decodes. Logits are rounded to 6 decimals (far below the 1e-4 tolerance)."""
    cases = []
    with torch.no_grad():
        for i in range(PARITY_PROBLEMS):
            p = arith.generate(arith.problem_seed(PARITY_SEED, i), 1 + i % 5)
            ids = arith.training_ids(p)
            prompt_len = 1 + len(p.prompt)
            full = model.logits(torch.tensor([ids]))[0]
            _, past = model(torch.tensor([ids[:prompt_len]]), torch.ones(1, prompt_len, dtype=torch.long),
                            torch.arange(prompt_len)[None], model.empty_past(1))
            rest = ids[prompt_len:]
            cont, _ = model(torch.tensor([rest]), torch.ones(1, len(ids), dtype=torch.long),
                            torch.arange(prompt_len, len(ids))[None], past)
            cases.append({
                "problem": p.id,
                "text": p.prompt + p.completion,
                "ids": ids,
                "promptLength": prompt_len,
                "logits": [[round(float(x), 6) for x in row] for row in full],
                "pastLogits": [[round(float(x), 6) for x in row] for row in cont[0]],
                "greedy": greedy(model, ids[:prompt_len]),
                # This model read as a generative verifier, on the reference completion.
                "scores": verifier_scores(model, p.prompt, [p.completion], [True])[0],
            })
            if prm:
                # The tag PRM read by its rule: the reference and a copy whose second step is wrong.
                wrong = p.completion.replace(p.steps[1], p.steps[1][:-1] + str((int(p.steps[1][-1]) + 1) % 10), 1)
                cases[-1]["rule"] = [{"completion": c, "steps": s["steps"]}
                                     for c, s in zip([p.completion, wrong], tag_prm.prm_scores(model, p, [p.completion, wrong]))]
    return {"model": model_id, "cases": cases}


def export_model(model: Decoder, model_dir: Path, fixture: Path, model_id: str, prm: bool = False) -> None:
    """`prm`: the tag PRM — its three extra tokens, its reading rule in config.json, its rule's scores in
    the parity fixture."""
    model.eval()
    (model_dir / "onnx").mkdir(parents=True, exist_ok=True)
    export_onnx(model, model_dir / "onnx" / "model.onnx")
    write_json(model_dir / "config.json", config_json(model.cfg, tag_prm.RULE if prm else None))
    write_json(model_dir / "generation_config.json", generation_config_json(model.cfg))
    write_json(model_dir / "tokenizer.json", tokenizer_json(tag_prm.VOCAB if prm else arith.VOCAB))
    write_json(model_dir / "tokenizer_config.json", tokenizer_config_json(model.cfg))
    fixture.parent.mkdir(parents=True, exist_ok=True)
    fixture.write_text(json.dumps(parity_fixture(model, model_id, prm)) + "\n")
