"""Statistics as plain text: the charts drawn with block characters, for the terminal and the TUI.

Charts carry their meaning in the glyphs, never in colour alone, so they read the same with
NO_COLOR, in a log file or on a screen reader's braille line: bar heights use the eighth blocks
▁▂▃▄▅▆▇█ and the calendar uses shades of increasing density · ░ ▒ ▓ █. The TUI widgets draw these
same lines, so the command and the screen always agree.
"""

from __future__ import annotations

from datetime import timedelta

from kdquiz.core.plural import plural
from kdquiz.core.safe_text import safe_text
from kdquiz.core.stats import Calendar, Forecast, Stats

BLOCKS = " ▁▂▃▄▅▆▇█"
SHADES = "·░▒▓█"  # no answers, then four levels of activity
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
WEEKDAYS = ("Mon", "", "Wed", "", "Fri", "", "Sun")


def forecast_lines(forecast: Forecast) -> tuple[str, str]:
    """Two numbers that measure different things, worded so both read true side by side: the
    cards falling due (each once, at its next review) and the long-run load (repeats included)."""
    days = len(forecast.due)
    return (
        f"{plural(sum(forecast.due), 'card')} due in the next {days} days "
        "(each counted once, at its next review).",
        f"In the long run your cards cost about {forecast.daily_load:.1f} reviews a day, "
        "repeats included (Anki's daily load).",
    )


def bar_rows(values: tuple[int, ...] | list[int], height: int) -> list[str]:
    """Vertical bars, one glyph per value, top row first; any non-zero value shows at least ▁."""
    top = max(values, default=0) or 1
    eighths = [0 if v <= 0 else max(1, round(v / top * height * 8)) for v in values]
    rows = []
    for row in range(height, 0, -1):
        floor = (row - 1) * 8
        rows.append("".join(BLOCKS[min(8, max(0, e - floor))] for e in eighths))
    return rows


def forecast_chart(forecast: Forecast, height: int = 8) -> list[str]:
    """The 30-day due forecast: bars two columns apart, a y axis with the peak, dated x labels."""
    peak = max(forecast.due, default=0)
    width = len(str(peak))
    lines = []
    for n, row in enumerate(bar_rows(forecast.due, height)):
        label = str(peak) if n == 0 else ("0" if n == height - 1 else "")
        lines.append(f"{label:>{width}} │" + " ".join(row))
    axis = [" "] * (2 * len(forecast.due))
    for offset in range(0, len(forecast.due), 7):
        tag = "today" if offset == 0 else f"+{offset}d"
        for i, ch in enumerate(tag):
            if 2 * offset + i < len(axis):
                axis[2 * offset + i] = ch
    lines.append(" " * width + " └" + "─" * (2 * len(forecast.due) - 1))
    lines.append(" " * (width + 2) + "".join(axis).rstrip())
    return lines


def shade(count: int, busiest: int) -> str:
    """The calendar glyph for a day: · for none, then ░▒▓█ by quarter of the busiest day."""
    if count <= 0 or busiest <= 0:
        return SHADES[0]
    return SHADES[min(4, 1 + (4 * (count - 1)) // busiest)]


def heatmap(cal: Calendar) -> list[str]:
    """A year of study days: a column per week (Monday first), a row per weekday, months above."""
    start = cal.first - timedelta(days=cal.first.weekday())
    weeks = (cal.last - start).days // 7 + 1
    busiest = cal.busiest
    grid = [[" "] * weeks for _ in range(7)]
    months = [" "] * (weeks + 3)
    for week in range(weeks):
        monday = start + timedelta(days=7 * week)
        # A month's name over the week its first day is in (the current month's too, however
        # few of its days have come), unless that day is before the calendar starts.
        firsts = [d for d in (monday + timedelta(days=n) for n in range(7)) if d.day == 1]
        if firsts and cal.first <= firsts[0]:
            months[week : week + 3] = list(MONTHS[firsts[0].month - 1])
        for weekday in range(7):
            day = monday + timedelta(days=weekday)
            if cal.first <= day <= cal.last:
                grid[weekday][week] = shade(cal.count(day), busiest)
    lines = ["    " + "".join(months).rstrip()]
    lines += [f"{WEEKDAYS[w]:<3} " + "".join(grid[w]) for w in range(7)]
    lines.append(f"    less {' '.join(SHADES)} more    busiest day: {plural(busiest, 'answer')}")
    return lines


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _minutes(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def render_stats(stats: Stats) -> str:
    """`kdquiz stats` output. Titles, deck ids, modes and player names come from decks and the
    store: each is shown through `safe_text`, so none can drive the terminal or forge a line."""
    out: list[str] = []
    t = stats.today
    out += [
        "Today",
        f"  {plural(t.reviewed, 'card')} reviewed, {t.again} again"
        f"{f', {t.practised} practice/quiz answers' if t.practised else ''}; "
        f"time spent {_minutes(t.seconds)}",
        "",
    ]
    out.append("Cards by state")
    if not stats.decks:
        out.append("  no decks")
    titles = [safe_text(d.title) for d in stats.decks]
    width = max((len(title) for title in titles), default=4)
    if stats.decks:
        out.append(
            f"  {'deck':<{width}}  {'new':>5} {'learn':>5} {'review':>6} {'relearn':>7} {'due':>5}"
        )
    for d, title in zip(stats.decks, titles, strict=True):
        out.append(
            f"  {title:<{width}}  {d.new:>5} {d.learning:>5} {d.review:>6} "
            f"{d.relearning:>7} {d.due_today:>5}"
        )
    f = stats.forecast
    out += ["", *forecast_lines(f)]
    out += ["  " + line for line in forecast_chart(f)]
    out += [
        "",
        f"Study calendar {stats.calendar.first.isoformat()} to {stats.calendar.last.isoformat()}: "
        f"{plural(sum(stats.calendar.counts.values()), 'answer')} on "
        f"{plural(len(stats.calendar.counts), 'day')}",
    ]
    out += ["  " + line for line in heatmap(stats.calendar)]
    r = stats.retention
    out += [
        "",
        "True retention (first review of the day; Again = fail)",
        f"  young  (interval < 21 days): {_percent(r.young.rate):>6}  of "
        f"{plural(r.young.total, 'review')}",
        f"  mature (interval >= 21 days): {_percent(r.mature.rate):>6}  of "
        f"{plural(r.mature.total, 'review')}",
    ]
    out += ["", "Accuracy by question kind"]
    out += [f"  {a.kind:<10} {a.rate:>6.1%}  {a.correct}/{a.answered}" for a in stats.accuracy] or [
        "  no answers yet"
    ]
    if stats.streak is not None:
        s = stats.streak
        out += [
            "",
            f"Study streak: {s.current} day{'s' if s.current != 1 else ''}"
            f"{'' if s.studied_today or not s.current else ' (study today to keep it)'}; "
            f"longest {s.longest}",
        ]
    out += ["", "Quiz personal bests"]
    for best in stats.bests:
        decks = " + ".join(safe_text(stats.titles.get(d, d)) for d in best.deck_ids)
        who = f" by {safe_text(best.player)}" if best.player else ""
        mode = safe_text(best.mode) + (f" {best.length}" if best.length else "")  # "classic 10"
        out.append(
            f"  {mode:<11} {best.score:>6} pts  {best.correct}/{best.total} right{who}, "
            f"{best.when.date().isoformat()}  ({decks}; {plural(best.games, 'round')})"
        )
    if not stats.bests:
        out.append("  no quiz rounds yet")
    return "\n".join(out) + "\n"
