"""Builds the measured table from training/evaluate.py's outputs (curves computed by `ttc score`).

    /usr/bin/python3 training/report.py [--eval training/runs/eval] → prints markdown, writes table.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def at(curves: dict, strategy: str, k: int) -> float | None:
    for pt in curves.get(strategy, []):
        if pt["k"] == k:
            return pt["accuracy"]
    return None


def level_row(eval_dir: Path, level: int) -> dict | None:
    curves_path = eval_dir / f"curves-level{level}.json"
    if not curves_path.exists():
        return None
    report = json.loads(curves_path.read_text())
    pool = json.loads((eval_dir / f"pool-level{level}.json").read_text())
    samples = [s for p in pool["problems"] for s in p["samples"]]
    c = report["overall"]["curves"]
    n = max(report["ks"])
    row = {
        "level": level,
        "problems": report["pool"]["problems"],
        "samples": n,
        "pass@1": at(c, "oracle", 1),
        f"pass@{n}": at(c, "oracle", n),
        f"maj@{n}": at(c, "majority", n),
        "maj@16": at(c, "majority", 16),
        "noAnswer": sum(s["answer"] is None for s in samples) / len(samples),
        "verifiers": {},
    }
    for v in report["verifiers"]:
        vid = v["verifier"]
        row["verifiers"][vid] = {
            "solutionAuroc": v["solutionAuroc"],
            "stepAuroc": v["stepAuroc"],
            "bon@16": at(c, f"bon-outcome@{vid}", 16),
            **{f"bon-{a}@16": at(c, f"bon-{a}@{vid}", 16) for a in ("last", "min", "prod")},
            "weighted@16": at(c, f"weighted@{vid}", 16),
        }
    return row


def fmt(x: float | None, pct: bool = True) -> str:
    if x is None:
        return "–"
    return f"{100 * x:.1f}%" if pct else f"{x:.3f}"


def markdown(rows: list[dict]) -> str:
    lines = ["| level | problems × samples | pass@1 | coverage pass@n | maj@n | no answer |", "|---|---|---|---|---|---|"]
    for r in rows:
        n = r["samples"]
        lines.append(f"| {r['level']} | {r['problems']} × {n} | {fmt(r['pass@1'])} | {fmt(r[f'pass@{n}'])} | {fmt(r[f'maj@{n}'])} | {fmt(r['noAnswer'])} |")
    verifiers = sorted({v for r in rows for v in r["verifiers"]})
    if verifiers:
        lines += ["", "| level | verifier | within-problem solution AUROC | step AUROC | best-of-16 | weighted@16 | maj@16 |",
                  "|---|---|---|---|---|---|---|"]
        for r in rows:
            for v in verifiers:
                m = r["verifiers"].get(v)
                if m:
                    lines.append(f"| {r['level']} | {v} | {fmt(m['solutionAuroc'], False)} | {fmt(m['stepAuroc'], False)} | "
                                 f"{fmt(m['bon@16'])} | {fmt(m['weighted@16'])} | {fmt(r['maj@16'])} |")
    return "\n".join(lines)


def aggregation_markdown(rows: list[dict], verifiers: list[str]) -> str:
    """Best-of-16 under each PRM aggregation (Snell et al.; search-and-learn reads `last`), beside the
    outcome reading where the verifier has one, weighted vote and majority."""
    lines = ["| level | verifier | within-problem AUROC | step AUROC | BoN@16 last | BoN@16 min | BoN@16 prod | BoN@16 outcome | weighted@16 | maj@16 |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        for v in verifiers:
            m = r["verifiers"].get(v)
            if m:
                lines.append(f"| {r['level']} | {v} | {fmt(m['solutionAuroc'], False)} | {fmt(m['stepAuroc'], False)} | "
                             f"{fmt(m['bon-last@16'])} | {fmt(m['bon-min@16'])} | {fmt(m['bon-prod@16'])} | {fmt(m['bon@16'])} | "
                             f"{fmt(m['weighted@16'])} | {fmt(r['maj@16'])} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--eval", default=str(HERE / "runs" / "eval"))
    args = ap.parse_args()
    eval_dir = Path(args.eval)
    rows = [r for r in (level_row(eval_dir, lv) for lv in range(1, 6)) if r]
    (eval_dir / "table.json").write_text(json.dumps(rows, indent=2))
    print(markdown(rows))


if __name__ == "__main__":
    main()
