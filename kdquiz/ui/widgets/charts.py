"""Charts for the stats screen, drawn as text with block characters (see kdquiz.core.stats_text).

Hand-made widgets rather than a plotting library: the glyphs themselves (bar heights in eighths,
calendar shades · ░ ▒ ▓ █) carry the numbers, so the charts stay legible with NO_COLOR, in a
monochrome terminal and in snapshot tests; colour only tints them. The `kdquiz stats` command
prints the very same lines, so screen and command agree.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from kdquiz.core.stats import Calendar, Forecast
from kdquiz.core.stats_text import forecast_chart, heatmap


class ForecastChart(Widget):
    """Items due on each of the next 30 days, as vertical bars with the peak on the y axis."""

    DEFAULT_CSS = """
    ForecastChart {
        height: auto;
        width: auto;
        color: $text-accent;
    }
    """

    forecast: reactive[Forecast | None] = reactive(None, layout=True)
    """The forecast to draw; None shows a placeholder while the statistics load."""

    def __init__(
        self, forecast: Forecast | None = None, *, bar_height: int = 6, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.bar_height = bar_height
        self.set_reactive(ForecastChart.forecast, forecast)

    def render(self) -> Content:
        if self.forecast is None:
            return Content("…")
        return Content("\n".join(forecast_chart(self.forecast, self.bar_height)))


class CalendarHeatmap(Widget):
    """A year of study days: a column per week, a row per weekday, denser shade = more answers."""

    DEFAULT_CSS = """
    CalendarHeatmap {
        height: auto;
        width: auto;
        color: $text-success;
    }
    """

    calendar: reactive[Calendar | None] = reactive(None, layout=True)
    """The calendar to draw; None shows a placeholder while the statistics load."""

    def __init__(self, calendar: Calendar | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(CalendarHeatmap.calendar, calendar)

    def render(self) -> Content:
        if self.calendar is None:
            return Content("…")
        return Content("\n".join(heatmap(self.calendar)))
