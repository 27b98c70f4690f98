"""People's Council terms (nhiệm kỳ HĐND): which term an assessment year belongs to. No database here.

The rule: terms last five years and are elected in 2021, 2026, 2031, ... (the 2021-2026 term was
elected on 23/5/2021, the 2026-2031 term on 15/3/2026). A year's assessment is made at the year's
end, so a year belongs to the term in force on 31 December of that year: the term elected in that
year or the latest one elected before it. Hence the 2021-2026 term covers the assessments of
2021-2025, and 2026 (assessed in December 2026, under the new councils) opens the 2026-2031 term.
A year before 2021 belongs to an earlier term on the same five-year grid (2016-2021, ...).
"""

TERM_LENGTH = 5
# Any election year of the grid; the others are this one plus or minus multiples of TERM_LENGTH.
REFERENCE_TERM_START = 2021


def term_of(year: int) -> tuple[int, int]:
    """The term (start, end) whose councils assess ``year``: 2021-2025 give (2021, 2026), 2026 gives (2026, 2031)."""
    start = REFERENCE_TERM_START + ((year - REFERENCE_TERM_START) // TERM_LENGTH) * TERM_LENGTH
    return start, start + TERM_LENGTH


def term_years(year: int) -> list[int]:
    """The term's assessment years up to ``year``, oldest first (2023 gives 2021, 2022, 2023)."""
    start, _end = term_of(year)
    return list(range(start, year + 1))


def term_all_years(year: int) -> list[int]:
    """Every assessment year of ``year``'s term: the five years from its start (2021-2025)."""
    start, end = term_of(year)
    return list(range(start, end))


def term_label(year: int) -> str:
    """The term as the documents write it: "2021-2026"."""
    start, end = term_of(year)
    return f"{start}-{end}"
