"""The built-in tag PRM (Math-Shepherd's reading, Wang et al. 2024): the question, then each step and
the answer line each followed by a step tag, and at every tag a two-way read of P(good) against
P(bad) over two verdict tokens. The tag and the verdicts are three new tokens after the arith
vocabulary (`+` and `-` are arith operators, so Math-Shepherd's own verdicts cannot be used).

The sequence is exactly what the engine's step-tag rule builds with this model's parameters
(src/core/verifiers/rules/stepTag.ts, the parameters in the model's config.json): question + lead,
then step + tag, joined by the joiner; no `<s>`. Labels come from the exact checker: a step is good
iff it and every earlier step equal the reference's (src/core/tasks/arith/check.ts), the answer
line iff the answer is right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import torch

from ttc_data import arith

TAG, GOOD, BAD = "¶", "✓", "✗"
VOCAB = arith.VOCAB + [TAG, GOOD, BAD]
TAG_ID, GOOD_ID, BAD_ID = (VOCAB.index(t) for t in (TAG, GOOD, BAD))
# The step-tag rule's parameters for this model (written to config.json as its reading rule).
RULE = {"rule": "step-tag", "params": {"tag": TAG, "good": GOOD, "bad": BAD, "joiner": "\n", "lead": "\n"}}


def segments(completion: str) -> tuple[list[str], str | None]:
    """The step lines and the answer line, as the engine splits a completion (parse.ts splitCompletion)."""
    steps: list[str] = []
    for line in completion.split("\n"):
        if line.startswith("A:"):
            return steps, line
        if line:
            steps.append(line)
    return steps, None


def tagged_ids(question: str, parts: list[str], spans: list | None = None) -> tuple[list[int], list[int]]:
    """Ids the PRM reads and the position of each tag (the read is the distribution after it);
    `spans` collects each part's text as a (start, end) range of ids."""
    ids = arith.encode(question + "\n")
    at = []
    for i, part in enumerate(parts):
        if i > 0:
            ids += arith.encode("\n")
        start = len(ids)
        ids += arith.encode(part) + [TAG_ID]
        if spans is not None:
            spans.append((start, len(ids) - 1))
        at.append(len(ids) - 1)
    return ids, at


def labels(problem: arith.Problem, steps: list[str], answer_line: str | None) -> list[bool]:
    """Exact labels: each step prefix-correct; the answer line, when there is one, iff the answer is right."""
    out, ok = [], True
    for k, s in enumerate(steps):
        ok = ok and k < len(problem.steps) and s == problem.steps[k]
        out.append(ok)
    if answer_line is not None:
        out.append(normalize_answer(answer_line[2:]) == problem.answer)
    return out


def normalize_answer(raw: str) -> str | None:
    """parse.ts normalizeAnswer: an integer, surrounding spaces and leading zeros dropped."""
    s = raw.strip()
    neg = s.startswith("-")
    digits = s[1:] if neg else s
    if not digits.isdigit():
        return None
    digits = digits.lstrip("0") or "0"
    return f"-{digits}" if neg and digits != "0" else digits


@dataclass
class Example:
    ids: list[int]
    at: list[int]
    good: list[bool]
    # Positions whose next token is text of a good part: the language-model targets that keep the
    # verifier's arithmetic while it learns its verdicts (the fine-tune's auxiliary loss).
    lm: list[int] = field(default_factory=list)


def example(problem: arith.Problem, completion: str) -> Example | None:
    steps, answer = segments(completion)
    parts = steps + ([answer] if answer is not None else [])
    if not parts:
        return None
    spans: list[tuple[int, int]] = []
    ids, at = tagged_ids(problem.question, parts, spans)
    good = labels(problem, steps, answer)
    lm = [t - 1 for (a, b), g in zip(spans, good) if g for t in range(a, b)]
    return Example(ids, at, good, lm)


def counterfactual(problem: arith.Problem, completion: str, rng) -> Example | None:
    """The sample's first decisive step with the other label, as a partial solution (no answer line):
    a wrong sample's first wrong step replaced by the reference's (good), or a right sample's random
    step with one digit of its result changed (bad). Each step is then seen right and wrong with the
    same operands, so a verdict must check the arithmetic: without these, how hard a step looks (the
    policy errs on large products) predicts its label almost as well, and that is what was learnt."""
    steps, answer = segments(completion)
    good = labels(problem, steps, answer)[: len(steps)]
    first_bad = next((i for i, g in enumerate(good) if not g), None)
    if first_bad is not None:
        if first_bad >= len(problem.steps):
            return None
        parts = steps[:first_bad] + [problem.steps[first_bad]]
    else:
        if not steps:
            return None
        j = rng.randrange(len(steps))
        lhs, _, result = steps[j].rpartition("=")
        digits = [i for i, ch in enumerate(result) if ch.isdigit()]
        if not lhs or not digits:
            return None
        at = rng.choice(digits)
        wrong = rng.choice([d for d in "0123456789" if d != result[at]])
        parts = steps[:j] + [f"{lhs}={result[:at]}{wrong}{result[at + 1:]}"]
    spans: list[tuple[int, int]] = []
    ids, at_ = tagged_ids(problem.question, parts, spans)
    labs = labels(problem, parts, None)
    return Example(ids, at_, labs, [t - 1 for (a, b), g in zip(spans, labs) if g for t in range(a, b)])


def batch_tensors(examples: list[Example]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Right-padded ids and mask, and the (row, position) of every tag with its label."""
    width = max(len(e.ids) for e in examples)
    ids = torch.full((len(examples), width), arith.PAD_ID, dtype=torch.long)
    mask = torch.zeros((len(examples), width), dtype=torch.long)
    where, good = [], []
    for i, e in enumerate(examples):
        ids[i, : len(e.ids)] = torch.tensor(e.ids)
        mask[i, : len(e.ids)] = 1
        where += [(i, p) for p in e.at]
        good += e.good
    return ids, mask, torch.tensor(where, dtype=torch.long), torch.tensor(good, dtype=torch.bool)


def lm_targets(examples: list[Example]) -> tuple[torch.Tensor, torch.Tensor]:
    """The (row, position) of every language-model target and the token it predicts."""
    where = [(i, t) for i, e in enumerate(examples) for t in e.lm]
    nxt = [examples[i].ids[t + 1] for i, t in where]
    return torch.tensor(where, dtype=torch.long).reshape(-1, 2), torch.tensor(nxt, dtype=torch.long)


def verdict_logits(logits: torch.Tensor, where: torch.Tensor) -> torch.Tensor:
    """[tags, 2]: the good and bad logits at each tag (a two-way softmax over them is the rule's read)."""
    at = logits[where[:, 0], where[:, 1]]
    return at[:, [GOOD_ID, BAD_ID]]


@torch.no_grad()
def prm_scores(model, problem: arith.Problem, completions: list[str], batch: int = 256) -> list[dict]:
    """The rule's scores per completion: steps (one per step line, then the answer line's), tokens read."""
    results = []
    for start in range(0, len(completions), batch):
        exs = []
        for c in completions[start:start + batch]:
            steps, answer = segments(c)
            parts = steps + ([answer] if answer is not None else [])
            ids, at = tagged_ids(problem.question, parts)
            exs.append(Example(ids, at, [True] * len(at)))
        ids, mask, where, _ = batch_tensors(exs)
        p_good = torch.softmax(verdict_logits(model.logits(ids, mask).float(), where), -1)[:, 0].tolist() if len(where) else []
        k = 0
        for e in exs:
            results.append({"steps": p_good[k:k + len(e.at)], "tokens": len(e.ids)})
            k += len(e.at)
    return results


def with_verdict_tokens(model, extra_layers: int = 0):
    """The verifier with the tag and verdict tokens added to its (tied) embedding: the tag starts as the
    newline's embedding (it ends a step where the newline did), the verdicts as small random vectors.

    `extra_layers` new blocks go on top, each starting as the identity (its output projections zero),
    so the grown model first computes exactly what the verifier did. Why: the verifier's prediction of
    a step's next digit is complete only at its last layer, and a layer reads the one below it, so in
    the verifier's own depth no position can compare that prediction with the digit actually written;
    the blocks above it can (one to set each written token against the prediction before it, one to
    gather a step's mismatches at its tag)."""
    from .model import Block, Decoder, ModelConfig

    base = model.cfg.to_dict()
    cfg = ModelConfig(**{**base, "vocab_size": len(VOCAB), "num_hidden_layers": base["num_hidden_layers"] + extra_layers})
    out = Decoder(cfg)
    state = model.state_dict()
    old = state["embed_tokens.weight"]
    new = torch.randn(len(VOCAB), old.shape[1]) * 0.02
    new[: old.shape[0]] = old
    new[TAG_ID] = old[arith.VOCAB.index("\n")]
    state["embed_tokens.weight"] = new
    for i in range(base["num_hidden_layers"], cfg.num_hidden_layers):
        block = Block(cfg)
        for name, p in block.named_parameters():
            if p.dim() == 2:
                torch.nn.init.normal_(p, std=0.02)
        block.self_attn.o_proj.weight.data.zero_()
        block.mlp.down_proj.weight.data.zero_()
        state.update({f"layers.{i}.{k}": v for k, v in block.state_dict().items()})
    out.load_state_dict(state)
    return out
