"""One result per operation, printed as one table and written as JSON.

A result without a figure is a row that says why (an operation whose service is not written
yet is "n/a (not implemented)"); no figure is ever invented to fill a row.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Result:
    name: str
    median_ms: float | None = None
    p95_ms: float | None = None
    budget_ms: float | None = None  # on the median
    max_ms: float | None = None
    # Tail budgets where the issue sets them (judged beside the median's).
    p95_budget_ms: float | None = None
    max_budget_ms: float | None = None
    ratio: float | None = None
    ok: bool | None = None  # None: no budget to judge against (or no figure)
    note: str = ""
    # Rates and sizes as their own fields, e.g. records_per_s, budget_records_per_s, bytes.
    extra: dict[str, float | int | str] = field(default_factory=dict)
    repetitions: int = 0

    def as_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "name": self.name,
            "median_ms": _round(self.median_ms),
            "p95_ms": _round(self.p95_ms),
            "max_ms": _round(self.max_ms),
            "budget_ms": self.budget_ms,
            "p95_budget_ms": self.p95_budget_ms,
            "max_budget_ms": self.max_budget_ms,
            "ratio": _round(self.ratio, 3),
            "ok": self.ok,
            "repetitions": self.repetitions,
        }
        row.update(self.extra)
        if self.note:
            row["note"] = self.note
        return row


def not_available(
    name: str, why: str = "not implemented", budget_ms: float | None = None
) -> Result:
    return Result(name, budget_ms=budget_ms, note=f"n/a ({why})")


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: with few samples it reports a sample that really happened."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def from_samples(
    name: str,
    samples_ms: list[float],
    budget_ms: float | None = None,
    note: str = "",
    cpu_ms: list[float] | None = None,
    *,
    p95_budget_ms: float | None = None,
    max_budget_ms: float | None = None,
) -> Result:
    """Judged on the median wall time. The CPU time of the measuring thread (SQLite runs in
    it) is kept beside it: on a machine shared with other work it shows what waiting for a
    core added."""
    median = statistics.median(samples_ms)
    p95 = percentile(samples_ms, 0.95)
    result = Result(name, median, p95, budget_ms, note=note, repetitions=len(samples_ms))
    result.max_ms = max(samples_ms)
    result.p95_budget_ms, result.max_budget_ms = p95_budget_ms, max_budget_ms
    result.ok = judge_tails(result)
    if cpu_ms:
        result.extra["cpu_median_ms"] = round(statistics.median(cpu_ms), 2)
        if p95_budget_ms is not None or max_budget_ms is not None:
            result.extra["cpu_p95_ms"] = round(percentile(cpu_ms, 0.95), 2)
            result.extra["cpu_max_ms"] = round(max(cpu_ms), 2)
    return result


def judge_tails(result: Result) -> bool | None:
    """Within every budget the row has (median, p95, max); None when it has none."""
    pairs = [
        (result.median_ms, result.budget_ms),
        (result.p95_ms, result.p95_budget_ms),
        (result.max_ms, result.max_budget_ms),
    ]
    judged = [(v, b) for v, b in pairs if b is not None]
    if not judged:
        return None
    return all(v is not None and v <= b for v, b in judged)


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _cell(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("yes" if ok else "NO")


def _budget(result: Result) -> str:
    tails = [
        f"{label} {budget:g}"
        for label, budget in (("p95", result.p95_budget_ms), ("max", result.max_budget_ms))
        if budget is not None
    ]
    if result.budget_ms is not None and tails:
        return f"med {result.budget_ms:g}, {', '.join(tails)} ms"
    if tails:
        return f"{', '.join(tails)} ms"
    if result.budget_ms is not None:
        return f"<= {result.budget_ms:g} ms"
    if "budget" in result.extra:
        return str(result.extra["budget"])
    return "-"


def _note(result: Result) -> str:
    parts = [result.note] if result.note else []
    for key, value in result.extra.items():
        if key == "budget":
            continue
        if isinstance(value, float):
            parts.append(f"{key}={value:,.0f}" if value >= 100 else f"{key}={value:.2f}")
        else:
            parts.append(f"{key}={value}")
    return "; ".join(parts)


def table(results: list[Result], title: str) -> str:
    headers = ("operation", "median ms", "p95 ms", "max ms", "budget", "ratio", "ok", "n", "notes")
    rows = [
        (
            r.name,
            _cell(r.median_ms),
            _cell(r.p95_ms),
            _cell(r.max_ms),
            _budget(r),
            _cell(r.ratio),
            _verdict(r.ok),
            str(r.repetitions or "-"),
            _note(r),
        )
        for r in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    numeric = {1, 2, 3, 5, 7}

    def line(cells: tuple[str, ...]) -> str:
        padded = [
            c.rjust(widths[i]) if i in numeric else c.ljust(widths[i]) for i, c in enumerate(cells)
        ]
        return "  ".join(padded).rstrip()

    out = [title, line(headers), line(tuple("-" * w for w in widths))]
    out.extend(line(row) for row in rows)
    return "\n".join(out)


def write_json(results: list[Result], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.as_json() for r in results], indent=2) + "\n", encoding="utf-8")
