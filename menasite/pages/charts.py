"""Bar charts as static SVG, made at build time: no script, no third-party service.

A chart is put inline in its page, so its words are in the page's language and its figures
are formatted as the page formats them (the views hand over the labels and the formatted
values). It is an image with a name and a description (``role="img"``, ``aria-labelledby``
on its ``<title>`` and ``<desc>``), and the page shows the same figures in a table beside it.

Readable at 320 px: the drawing is 360 units wide and scales with the page (``viewBox``),
each label on a line of its own above its bar (long ones wrapped), so nothing is cut or
overlaps at any width. Colours are presentation attributes (the CSP allows no inline style):
the text takes the page's text colour, the bars a blue with a contrast above 7:1 on white.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 360
FONT_SIZE = 15
LINE = 19  # the height of a line of text
BAR_HEIGHT = 16
BAR_SPACE = WIDTH * 0.55  # the longest bar: the rest of the line is for its value
GAP = 10  # between one bar and the next label
BAR_COLOUR = "#1d4f7c"
AXIS_COLOUR = "#595959"
CHARS_PER_LINE = 40  # about what a 15-unit font fits in 360 units


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # what the bar's length shows
    text: str  # the value as the page's language writes it


@dataclass(frozen=True)
class Chart:
    id: str  # unique in its page: its title's and description's ids start with it
    title: str
    desc: str
    bars: tuple[Bar, ...]


def wrapped(text: str, width: int = CHARS_PER_LINE) -> list[str]:
    """A label cut into lines at spaces (a word longer than a line stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def bar_length(value: float, largest: float) -> float:
    return round(BAR_SPACE * value / largest, 1) if largest > 0 else 0.0


def chart_svg(chart: Chart) -> str:
    """The chart as an inline ``<svg>`` element (one line per element, no blank lines, so that
    markdown leaves it as it is)."""
    largest = max((bar.value for bar in chart.bars), default=0)
    body: list[str] = []
    y = 0
    for bar in chart.bars:
        for line in wrapped(bar.label):
            y += LINE
            body.append(f'<text x="0" y="{y}" font-size="{FONT_SIZE}" fill="currentColor">{escape(line)}</text>')
        length = bar_length(bar.value, largest)
        top = y + 5
        body.append(f'<rect x="0" y="{top}" width="{length}" height="{BAR_HEIGHT}" fill="{BAR_COLOUR}"></rect>')
        body.append(
            f'<text x="{round(length + 6, 1)}" y="{top + BAR_HEIGHT - 3}" font-size="{FONT_SIZE}" '
            f'font-weight="bold" fill="currentColor">{escape(bar.text)}</text>'
        )
        y = top + BAR_HEIGHT + GAP
    height = max(y, LINE)
    axis = f'<line x1="0.5" y1="0" x2="0.5" y2="{height}" stroke="{AXIS_COLOUR}" stroke-width="1"></line>'
    return (
        f'<svg class="mena-chart-svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart.id}-title {chart.id}-desc">'
        f'<title id="{chart.id}-title">{escape(chart.title)}</title>'
        f'<desc id="{chart.id}-desc">{escape(chart.desc)}</desc>' + axis + "".join(body) + "</svg>"
    )


def items_text(chart_bars: tuple[Bar, ...] | list[Bar], item: str) -> str:
    """The figures in words, for the description: "vehicles: at least 12; buses: 1"."""
    return "; ".join(item.format(label=bar.label, value=bar.text) for bar in chart_bars)
