"""The one formula guard of every workbook the portal writes."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communes.exports.xlsx import neutralise, unneutralise


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_text_that_a_spreadsheet_would_run_is_written_as_text(text):
    assert neutralise(text) == "'" + text
    assert unneutralise(neutralise(text)) == text


def test_ordinary_text_and_numbers_are_written_as_they_are():
    assert neutralise("Xã Mường Nhé") == "Xã Mường Nhé"
    assert neutralise(18.5) == 18.5
    assert unneutralise("'Bản Nậm Vì") == "'Bản Nậm Vì"


@given(st.text())
def test_reading_back_what_was_written_gives_the_typed_text(text):
    assert unneutralise(neutralise(text)) == text or (text.startswith("'") and text[1:2] in "=+-@\t\r")


def test_the_score_sheet_and_the_officials_workbook_share_the_guard():
    from assessment import excel_sheet
    from personnel import excel

    assert excel.neutralise is neutralise
    assert excel_sheet.neutralise is neutralise
