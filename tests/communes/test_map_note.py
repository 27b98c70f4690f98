"""Landing pages say which year and which map they show."""

from communes.templatetags.communes_maps import map_note


def test_a_year_with_districts_names_the_old_map_and_its_counts(dienbien):
    text = map_note(2021, dienbien.pk)["text"]
    assert "10 đơn vị cấp huyện" in text and "129 xã" in text


def test_a_year_after_the_reform_names_the_new_map_and_no_district(dienbien):
    note = map_note(2026, dienbien.pk)
    assert note["year"] == 2026
    assert "45 xã" in note["text"] and "không còn cấp huyện" in note["text"]


def test_no_year_no_note(db):
    assert map_note(None)["text"] == ""
