"""Charts scale to their card and read as one named image."""

import re

import pygal

from reports.charts import WIDTH, _config, render


def _chart(title: str = "Xếp loại năm 2021") -> str:
    chart = pygal.Bar(**_config(["#1f4e8c"], width=WIDTH, height=300))
    chart.title = title
    chart.x_labels = ["Tốt", "Khá"]
    chart.add("Số xã", [3, 4])
    return render(chart)


def test_a_chart_has_a_viewbox_and_no_fixed_size_so_it_fits_its_card():
    root = re.match(r"<svg[^>]*>", _chart()).group(0)
    assert re.search(rf'viewBox="0 0 {WIDTH} 300"', root)
    assert not re.search(r'\s(width|height)="', root)


def test_a_chart_is_one_image_named_by_its_title():
    root = re.match(r"<svg[^>]*>", _chart()).group(0)
    assert 'role="img"' in root
    assert 'aria-label="Xếp loại năm 2021"' in root


def test_a_year_with_no_confirmed_result_says_so_in_vietnamese_not_pygals_english():
    from reports.charts import classes_by_unit_chart
    from reports.selectors import ClassCounts

    svg = classes_by_unit_chart(["Huyện Mường Nhé", "Huyện Điện Biên"], [ClassCounts(), ClassCounts()], "Xếp loại")
    assert "Chưa có số liệu" in svg
    assert "No data" not in svg
