"""The text charts: exact glyphs for known data, readable without colour."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from kdquiz.core import stats
from kdquiz.core.stats_text import SHADES, bar_rows, forecast_chart, heatmap, render_stats, shade


def test_bar_rows_scale_to_the_peak_in_eighths() -> None:
    assert bar_rows([0, 1, 2, 4], 2) == ["   █", " ▄██"]
    assert bar_rows([1, 100], 1) == ["▁█"]  # a small non-zero value never disappears
    assert bar_rows([0, 0], 2) == ["  ", "  "]


def test_shade_levels_by_quarter_of_the_busiest_day() -> None:
    assert [shade(n, 8) for n in (0, 1, 2, 3, 4, 5, 6, 7, 8)] == list("·░░▒▒▓▓██")
    assert shade(3, 0) == "·"


def test_forecast_chart_has_the_peak_on_the_axis_and_dated_ticks() -> None:
    due = tuple([5, 0, 2] + [0] * 27)
    lines = forecast_chart(stats.Forecast(date(2026, 3, 10), due, 1.0), height=4)
    assert lines[0].startswith("5 │█")
    assert lines[3].startswith("0 │█   ")
    assert "today" in lines[-1] and "+7d" in lines[-1] and "+28d" in lines[-1]
    assert lines[-1].index("+7d") - lines[-1].index("today") == 14  # two columns per day


def test_heatmap_places_days_by_weekday_and_week() -> None:
    today = date(2026, 3, 11)  # a Wednesday
    cal = stats.calendar({today: 4, today - timedelta(days=7): 1, date(2026, 3, 2): 2}, today)
    lines = heatmap(cal)
    assert len(lines) == 9  # months, seven weekdays, legend
    rows = lines[1:8]
    assert rows[2].startswith("Wed ") and rows[2].endswith("░█")  # last week's Wednesday, today
    assert rows[0].endswith("▒·")  # Monday 2 March (2 of 4), then Monday 9 March (none)
    assert rows[3].endswith(" ")  # Thursday of this week is in the future: blank
    assert "Mar" in lines[0] and "busiest day: 4" in lines[-1]
    assert all(ch in SHADES + " " for row in rows for ch in row[4:])


def test_render_stats_prints_deck_titles_as_given() -> None:
    now = datetime(2026, 3, 10, 12, tzinfo=UTC)
    title = "[bold]Tricky[/] deck"
    deck_row = stats.StateCounts("d", title, 1, 0, 0, 0, 0)
    result = stats.Stats(
        today=stats.Today(0, 0, 0, 0.0),
        decks=[deck_row],
        forecast=stats.Forecast(now.date(), (0,) * 30, 0.0),
        calendar=stats.calendar({}, now.date()),
        retention=stats.TrueRetention(stats.Retention(0, 0), stats.Retention(3, 1)),
        accuracy=[],
        bests=[],
        streak=stats.Streak(2, 5, False),
        titles={"d": title},
    )
    text = render_stats(result)
    assert title in text
    assert "mature (interval >= 21 days):  75.0%" in text
    assert "Study streak: 2 days (study today to keep it); longest 5" in text


def test_heatmap_names_every_month_the_current_one_too() -> None:
    from kdquiz.core.stats_text import MONTHS

    today = date(2026, 12, 3)  # the month's first Monday is still to come
    top = heatmap(stats.calendar({today: 1}, today))[0]
    assert top.split() == [*MONTHS[:12]]
    assert top.rstrip().endswith("Dec")
