"""Mirror of src/core/tasks/arith: levels, generator, question notation, solution text, vocabulary.

Spec: docs/arith.md. The draw order here must match generate.ts call for call."""

from __future__ import annotations

from dataclasses import dataclass

from .rng import Rng, hash_key

MAX_VALUE = 9999
OPS = ("+", "-", "*")


@dataclass(frozen=True)
class Level:
    level: int
    ops: int
    max_number: int
    max_multiplier: int


LEVELS = {
    1: Level(1, 2, 20, 9),
    2: Level(2, 3, 50, 12),
    3: Level(3, 4, 99, 19),
    4: Level(4, 5, 199, 29),
    5: Level(5, 6, 499, 49),
}

SPECIAL_TOKENS = ["<pad>", "<s>", "</s>"]
PAD_ID, BOS_ID, EOS_ID = 0, 1, 2
CHARS = list("0123456789+-*=()") + ["\n", "Q", "A", ":", " "]
VOCAB = SPECIAL_TOKENS + CHARS
_ID_OF = {t: i for i, t in enumerate(VOCAB)}


@dataclass(frozen=True)
class Problem:
    id: str
    level: int
    seed: int
    question: str
    steps: tuple[str, ...]
    answer: str

    @property
    def prompt(self) -> str:
        return f"Q: {self.question}\n"

    @property
    def completion(self) -> str:
        return "\n".join([*self.steps, f"A: {self.answer}"])


def apply_op(a: int, op: str, b: int) -> int:
    return a + b if op == "+" else a - b if op == "-" else a * b


def draw_chain(seed: int, level: int) -> tuple[int, list[tuple[str, int]]]:
    spec = LEVELS[level]
    rng = Rng.from_seed(seed, "arith", level)
    first = 1 + rng.int(spec.max_number)
    operations: list[tuple[str, int]] = []
    value = first
    while len(operations) < spec.ops:
        op = OPS[rng.int(len(OPS))]
        operand = 2 + rng.int(spec.max_multiplier - 1) if op == "*" else 1 + rng.int(spec.max_number)
        nxt = apply_op(value, op, operand)
        if nxt < 0 or nxt > MAX_VALUE:
            continue
        operations.append((op, operand))
        value = nxt
    return first, operations


def format_question(first: int, operations: list[tuple[str, int]]) -> str:
    expr = str(first)
    top_is_additive = False
    for op, operand in operations:
        if op == "*":
            if top_is_additive:
                expr = f"({expr})"
            top_is_additive = False
        else:
            top_is_additive = True
        expr = f"{expr}{op}{operand}"
    return expr


def generate(seed: int, level: int) -> Problem:
    first, operations = draw_chain(seed, level)
    steps = []
    value = first
    for op, operand in operations:
        nxt = apply_op(value, op, operand)
        steps.append(f"{value}{op}{operand}={nxt}")
        value = nxt
    return Problem(f"arith-{level}-{seed}", level, seed, format_question(first, operations), tuple(steps), str(value))


def problem_seed(set_seed: int, index: int) -> int:
    """Seed of problem `index` in a problem set (makeProblemSet in src/core/tasks/problemSet.ts)."""
    return hash_key(set_seed, "problem", index)


def encode(text: str) -> list[int]:
    ids = []
    for ch in text:
        i = _ID_OF.get(ch)
        if i is None or i < len(SPECIAL_TOKENS):
            raise ValueError(f"character {ch!r} is not in the arith vocabulary")
        ids.append(i)
    return ids


def decode(ids: list[int]) -> str:
    return "".join(VOCAB[i] for i in ids if len(SPECIAL_TOKENS) <= i < len(VOCAB))


def training_ids(problem: Problem) -> list[int]:
    """<s> prompt completion </s>, the sequence the models are trained on."""
    return [BOS_ID, *encode(problem.prompt + problem.completion), EOS_ID]
