"""Result rows and the tables printed for each budget (plain text for the terminal, Markdown for docs)."""

from __future__ import annotations

from dataclasses import dataclass, field

HEADERS = ("measurement", "absolute", "baseline", "ratio", "budget", "result")


@dataclass(frozen=True)
class Row:
    """One figure. `ok` is None for rows shown for context only (no budget applies)."""

    measurement: str
    value: float
    baseline: float | None
    unit: str
    budget: str
    ok: bool | None
    baseline_name: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline <= 0:
            return None
        return self.value / self.baseline

    def cells(self) -> tuple[str, ...]:
        ratio = self.ratio
        base = "-" if self.baseline is None else fmt(self.baseline, self.unit)
        if self.baseline_name and self.baseline is not None:
            base = f"{base} ({self.baseline_name})"
        result = "-" if self.ok is None else ("pass" if self.ok else "MISS")
        return (
            self.measurement,
            fmt(self.value, self.unit),
            base,
            "-" if ratio is None else f"{ratio:.2f}x",
            self.budget,
            result,
        )


def fmt(value: float, unit: str) -> str:
    if unit == "ms":
        return (
            f"{value:.2f} ms"
            if value < 10
            else f"{value:.1f} ms"
            if value < 1000
            else f"{value:.0f} ms"
        )
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "B":
        return f"{value:.0f} B"
    if unit == "%":
        return f"{value:.1f}%"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}".strip()


def ratio_row(
    measurement: str,
    value: float,
    baseline: float,
    unit: str,
    limit: float,
    baseline_name: str = "",
) -> Row:
    """Budgeted as a ratio to the baseline: passes when value / baseline <= limit."""
    ok = baseline > 0 and value / baseline <= limit
    return Row(measurement, value, baseline, unit, f"<= {limit:g}x", ok, baseline_name)


def absolute_row(
    measurement: str,
    value: float,
    unit: str,
    limit: float,
    baseline: float | None = None,
    baseline_name: str = "",
) -> Row:
    """Budgeted as an absolute figure; the baseline's ratio is shown for context only."""
    return Row(
        measurement, value, baseline, unit, f"< {fmt(limit, unit)}", value < limit, baseline_name
    )


def info_row(
    measurement: str,
    value: float,
    unit: str,
    baseline: float | None = None,
    baseline_name: str = "",
) -> Row:
    return Row(measurement, value, baseline, unit, "-", None, baseline_name)


@dataclass
class Table:
    budget: int
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def misses(self) -> list[Row]:
        return [r for r in self.rows if r.ok is False]

    def text(self) -> str:
        cells = [HEADERS, *(r.cells() for r in self.rows)]
        widths = [max(len(row[i]) for row in cells) for i in range(len(HEADERS))]
        lines = [f"Budget {self.budget}: {self.title}"]
        for n, row in enumerate(cells):
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
            if n == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)

    def markdown(self) -> str:
        lines = [
            f"**Budget {self.budget}: {self.title}**",
            "",
            "| " + " | ".join(HEADERS) + " |",
            "|" + "---|" * len(HEADERS),
        ]
        lines.extend(
            "| " + " | ".join(c.replace("|", "\\|") for c in r.cells()) + " |" for r in self.rows
        )
        lines.extend(["", *(f"- {note}" for note in self.notes)] if self.notes else [])
        return "\n".join(lines)
