"""The dashboard's charts, drawn on the server as SVG with pygal: no JavaScript (pygal's
tooltip script is left out), sized by a ``viewBox`` only so the picture shrinks to the
screen, drawn 390 units wide so that on a phone a unit is a pixel and the 16-unit labels are
16 px. Every chart is also given as a table by the template (for screen readers)."""

import re
from dataclasses import dataclass, field

from django.utils.safestring import SafeString, mark_safe

import pygal
from pygal.style import Style

SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    font_family="'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    label_font_size=16,
    major_label_font_size=16,
    legend_font_size=16,
    value_font_size=16,
    title_font_size=18,
    tooltip_font_size=16,
    no_data_font_size=18,
    colors=("#0a6e5c", "#c2410c", "#1d4ed8", "#a21caf", "#4d7c0f", "#b45309", "#475569"),
)


@dataclass
class Chart:
    """A chart and the same numbers as a table: ``columns`` name the series, ``rows`` are
    (label, values)."""

    title: str
    svg: SafeString
    columns: list[str]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)


def _render(chart) -> SafeString:
    return mark_safe(SCRIPT.sub("", chart.render(is_unicode=True)))  # noqa: S308 pygal's own SVG


def whole_ticks(series: dict[str, list[int]], *, stacked: bool) -> list[int]:
    """Counts have whole numbers on the axis: at most about six ticks from 0."""
    columns = list(zip(*series.values(), strict=True)) or [(0,)]
    top = max(sum(column) if stacked else max(column) for column in columns) or 1
    step = max(1, -(-top // 5))
    return list(range(0, top + step + 1, step))


def bar_chart(
    title: str,
    labels: list[str],
    series: dict[str, list[int]],
    *,
    horizontal: bool = False,
    stacked: bool = False,
    no_data: str = "",
) -> Chart:
    kind = pygal.StackedBar if stacked else pygal.HorizontalBar if horizontal else pygal.Bar
    height = max(300, 60 + 48 * len(labels)) if horizontal else 340
    chart = kind(
        style=STYLE,
        width=390,
        height=height,
        js=[],
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=2,
        print_values=not stacked,
        x_label_rotation=0 if horizontal else (30 if len(labels) > 4 else 0),
        truncate_label=-1,
        truncate_legend=-1,
        show_y_guides=True,
        margin=8,
        no_data_text=no_data,
    )
    labels = [str(label) for label in labels]
    series = {str(name): values for name, values in series.items()}
    chart.x_labels = labels
    if labels and series:  # pygal draws "no data" without axes otherwise
        chart.config.y_labels = whole_ticks(series, stacked=stacked)
    for name, values in series.items():
        chart.add(name, values)
    rows = [(label, [values[i] for values in series.values()]) for i, label in enumerate(labels)]
    return Chart(title=title, svg=_render(chart), columns=list(series), rows=rows)
