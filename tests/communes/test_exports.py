"""The one formula guard of every workbook the portal writes."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from communes.exports.xlsx import guard, guarded, unneutralise

RISKY = ['=HYPERLINK("http://x")', "= 0", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _round_trip(values: list, *, write_only: bool) -> list:
    workbook = Workbook(write_only=write_only)
    ws = workbook.create_sheet() if write_only else workbook.active
    ws.append([guarded(ws, v) for v in values])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return list(load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())[0]


@pytest.mark.parametrize("write_only", [True, False])
@pytest.mark.parametrize("text", RISKY)
def test_text_that_a_spreadsheet_would_run_is_stored_as_text_without_an_apostrophe(text, write_only):
    (cell,) = _round_trip([text], write_only=write_only)
    assert cell.data_type == "s", "a formula cell would run when the file is opened"
    # (XML stores a carriage return as a line feed)
    assert cell.value == text.replace("\r", "\n"), "the cell shows exactly what was typed (no literal apostrophe)"
    assert cell.quotePrefix, "marked as text, so editing the cell does not turn it into a formula"


def test_a_placed_cell_is_guarded_too():
    ws = Workbook().active
    cell = guard(ws.cell(row=1, column=1, value="=1+1"))
    assert cell.data_type == "s" and cell.value == "=1+1" and cell.quotePrefix


def test_ordinary_text_and_numbers_are_written_as_they_are():
    name, number = _round_trip(["Xã Mường Nhé", 18.5], write_only=True)
    assert (name.value, name.quotePrefix) == ("Xã Mường Nhé", False)
    assert number.value == 18.5 and number.data_type == "n"


def test_files_exported_with_the_old_apostrophe_read_back_as_typed():
    assert unneutralise("'=1+1") == "=1+1"
    assert unneutralise("'Bản Nậm Vì") == "'Bản Nậm Vì"


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from("=+-@\t")))
def test_reading_back_what_was_written_gives_the_typed_text(text):
    (cell,) = _round_trip([text], write_only=True)
    assert (cell.value or "") == text


def test_the_score_sheet_the_officials_workbook_and_the_reports_share_the_guard():
    from assessment.services import excel as score_sheet
    from personnel import excel as officials
    from reports.services import xlsx as reports

    assert score_sheet.guard is guard
    assert officials.guarded is guarded
    assert reports.guarded is guarded and reports.guard is guard
