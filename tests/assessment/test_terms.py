"""People's Council terms computed from the years: 2021-2025 assessments are the 2021-2026 term, 2026
opens 2026-2031 (the councils elected in March 2026 assess December 2026)."""

import pytest

from assessment.terms import term_all_years, term_label, term_of, term_years


@pytest.mark.parametrize(
    ("year", "term"),
    [
        (2021, (2021, 2026)),
        (2025, (2021, 2026)),
        (2026, (2026, 2031)),
        (2030, (2026, 2031)),
        (2031, (2031, 2036)),
        (2020, (2016, 2021)),
    ],
)
def test_a_year_belongs_to_the_term_in_force_at_its_end(year, term):
    assert term_of(year) == term


def test_the_term_is_labelled_as_the_documents_write_it():
    assert (term_label(2023), term_label(2026)) == ("2021-2026", "2026-2031")


def test_a_terms_years_so_far_and_in_all():
    assert term_years(2023) == [2021, 2022, 2023]
    assert term_years(2026) == [2026]
    assert term_all_years(2024) == [2021, 2022, 2023, 2024, 2025]
