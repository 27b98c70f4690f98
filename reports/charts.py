"""Charts drawn on the server as inline SVG with pygal: the same drawing on the page and in the PDF.

pygal always embeds a small configuration <script> (and by default a CDN link); both are removed:
the page has no inline script under its Content-Security-Policy and loads nothing from outside.
Values are printed on the bars, so the chart reads without its (script-driven) tooltips.
"""

import math
import re
from collections.abc import Sequence
from decimal import Decimal
from xml.etree import ElementTree

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from assessment.models import Classification
from reports.targets import TargetResult

CLASS_COLOURS = {
    Classification.GOOD: "#2e7d32",
    Classification.FAIR: "#1f4e8c",
    Classification.AVERAGE: "#e0a100",
    Classification.WEAK: "#c62828",
    "tsvm": "#7b1fa2",
}
TARGET_COLOUR = "#9aa3ad"
NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)
FONT = "'Be Vietnam Pro', 'Segoe UI', Roboto, Arial, sans-serif"
# The drawing's own size (its viewBox): CSS scales it to the card, so these set the proportions and
# how large the text is against the bars (on a phone the chart is drawn at about half this width).
WIDTH, HEIGHT, WIDE = 600, 300, 720
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def _style(colours: Sequence[str]) -> Style:
    return Style(
        font_family=FONT,
        background="white",
        plot_background="white",
        foreground="#333",
        foreground_strong="#222",
        foreground_subtle="#d5d9de",
        colors=tuple(colours),
        opacity=".9",
        opacity_hover=".9",
        title_font_size=17,
        label_font_size=15,
        major_label_font_size=15,
        legend_font_size=15,
        value_font_size=15,
        tooltip_font_size=14,
        value_colors=("#222",) * len(colours),
    )


def _config(colours: Sequence[str], **options) -> dict:
    return {
        "js": [],
        "disable_xml_declaration": True,
        "style": _style(colours),
        "print_values": True,
        "print_zeroes": False,
        "legend_at_bottom": True,
        # Three to a row: "Trung bình" and the next entry no longer run into each other.
        "legend_at_bottom_columns": 3,
        # pygal's own "No data" is English: a chart with nothing to draw says so in the page's language.
        "no_data_text": str(_("Chưa có số liệu")),
        "truncate_legend": -1,
        "truncate_label": -1,
        "margin": 8,
        "margin_bottom": 30,
        "show_y_guides": True,
        **options,
    }


def _count_axis(chart: pygal.graph.graph.Graph, top: int) -> None:
    """Whole numbers on the value axis (counts of communes), scaled to the data: at most ten steps,
    ending at the first step at or above ``top`` (85 communes: 0 to 90, not a 0-100 % scale)."""
    top = max(int(top), 1)
    step = next((s for s in NICE_STEPS if top / s <= 10), math.ceil(top / 10))
    end = math.ceil(top / step) * step
    chart.y_labels = list(range(0, end + 1, step))
    chart.range = (0, end)


def render(chart: pygal.graph.graph.Graph) -> str:
    """The chart as an <svg> element without any script or comment.

    The drawing has a viewBox and no width or height, so CSS scales it to its card; to assistive
    technology it is one image named by its title (the figures are in the data table beside it).
    """
    root = chart.render_tree()
    root.set("role", "img")
    root.set("aria-label", str(chart.title or _("Biểu đồ")))
    for parent in root.iter():
        # Legend toggles for pygal's script: useless without it, and the same id in every chart.
        if parent.get("id", "").startswith("activate-serie"):
            del parent.attrib["id"]
        for child in list(parent):
            if str(child.tag).rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return _COMMENT.sub("", ElementTree.tostring(root, encoding="unicode"))


def targets_chart(results: Sequence[TargetResult], title: str) -> str:
    """Each target: the result next to the target, in the targets' unit (communes, or % of them).

    Count targets (plan 703) are drawn on a count axis scaled to the data; share targets on 0-100 %.
    A year mixing both draws every target as a share of the communes assessed (counts converted).
    """
    chart = pygal.Bar(**_config(["#1f4e8c", TARGET_COLOUR], width=WIDTH, height=HEIGHT))
    chart.title = title
    chart.x_labels = [str(r.target.label) for r in results]
    as_share = any(r.target.is_share for r in results)
    actual, aimed = zip(*[_in_unit(r, as_share) for r in results]) if results else ((), ())
    chart.add(_("Kết quả"), list(actual))
    chart.add(_("Chỉ tiêu"), list(aimed))
    if as_share:
        chart.y_labels = list(range(0, 101, 20))
        chart.range = (0, 100)
        chart.value_formatter = lambda v: f"{v:.0f} %"
    else:
        _count_axis(chart, max([v for v in (*actual, *aimed) if v is not None] + [1]))
    return render(chart)


def _in_unit(result: TargetResult, as_share: bool) -> tuple[float | None, float | None]:
    """The result and the target as numbers of communes, or as % of the communes assessed."""
    target = result.target
    if not as_share or target.is_share:
        actual = result.actual
        return (None if actual is None else float(actual)), float(target.value)
    if not result.base:
        return None, None
    return float(result.count * 100 / result.base), float(target.value * 100 / result.base)


def _class_series(chart: pygal.graph.graph.Graph, counts: Sequence, with_tsvm: bool) -> None:
    for key, label in Classification.choices:
        chart.add(str(label), [c.count(key) or None for c in counts])
    if with_tsvm:
        chart.add(_("TSVM"), [c.tsvm or None for c in counts])


def classes_by_unit_chart(labels: Sequence[str], counts: Sequence, title: str) -> str:
    """Confirmed classes per district (or commune), stacked, one bar per unit."""
    height = max(HEIGHT - 60, 34 * len(labels) + 120)
    chart = pygal.HorizontalStackedBar(
        **_config([CLASS_COLOURS[k] for k in Classification.values], width=WIDTH, height=height)
    )
    chart.title = title
    chart.x_labels = list(labels)
    _class_series(chart, counts, with_tsvm=False)
    _count_axis(chart, max([c.finalized for c in counts] + [1]))
    return render(chart)


def trends_chart(years: Sequence[int], counts: Sequence, title: str) -> str:
    """Confirmed classes and TSVM over the years, one group of bars per year."""
    chart = pygal.Bar(
        **_config([CLASS_COLOURS[k] for k in (*Classification.values, "tsvm")], width=WIDTH, height=HEIGHT)
    )
    chart.title = title
    chart.x_labels = [str(y) for y in years]
    _class_series(chart, counts, with_tsvm=True)
    _count_axis(chart, max([max(c.as_dict().values()) for c in counts] + [1]))
    return render(chart)


def criteria_comparison_chart(
    numbers: Sequence[int], series: Sequence[tuple[str, Sequence[Decimal | None]]], title: str, max_points: Decimal
) -> str:
    """Scores per criterion for a few series (the commune, its district, the province)."""
    chart = pygal.Bar(
        **_config(
            ["#9b1c1c", "#1f4e8c", TARGET_COLOUR],
            width=WIDE,
            height=HEIGHT,
            print_values=False,
            range=(0, float(max_points)),
        )
    )
    chart.title = title
    chart.x_labels = [str(n) for n in numbers]
    for label, values in series:
        chart.add(label, [None if v is None else float(v) for v in values])
    return render(chart)


def class_distribution_chart(counts, title: str) -> str:  # noqa: ANN001 - selectors.ClassCounts
    """One unit's confirmed classes and TSVM as bars (a district has no targets of its own)."""
    chart = pygal.Bar(
        **_config(
            [CLASS_COLOURS[k] for k in (*Classification.values, "tsvm")],
            width=WIDTH,
            height=HEIGHT,
        )
    )
    chart.title = title
    chart.x_labels = [""]
    _class_series(chart, [counts], with_tsvm=True)
    _count_axis(chart, max(counts.as_dict().values()) or 1)
    return render(chart)
