"""Assessment test data, for this app's tests and for the apps built on it.

    from tests.assessment.factories import make_year, make_assessment, make_world_assessment

- ``make_year(2021)``: the year with the Decision 34/2011 set (no assessments).
- ``make_assessment(commune, 2021, status=Status.SUBMITTED, scores=18)``: one commune's assessment with
  its 20 score rows; ``scores`` is None (nothing scored), one number for every criterion, a list of
  20 numbers, or a mapping criterion number -> points. Scores below the maximum get a note so the
  assessment is complete; later statuses fill district/final scores, dates and the class.
- ``make_world_assessment(w)``: the same for ``w.commune`` of the ``world`` fixture, kept as
  ``w.assessment`` (usable as a matrix ``setup``).
- ``make_evidence(score, user)`` and the ``*_BYTES`` samples: evidence files of each kind.
"""

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from assessment.classification import ThresholdRule, classify
from assessment.models import (
    Assessment,
    AssessmentYear,
    CriteriaSet,
    CriterionScore,
    Evidence,
    ProvinceDecision,
    Status,
)
from assessment.services.criteria import criteria_set_install_default
from communes.models import Commune, User

Scores = None | int | float | Decimal | str | Sequence[Any] | Mapping[int, Any]

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00"
    b"IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64 + b"\xff\xd9"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 100 + b"This program"
TEXT_BYTES = "Biên bản họp, không phải PDF.\n".encode()


def office_bytes(kind: str = "docx") -> bytes:
    """A minimal .docx or .xlsx package (a zip with [Content_Types].xml and word/ or xl/ entries)."""
    folder = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(folder, "<document/>")
    return buffer.getvalue()


def ole_bytes(stream_name: str = "WordDocument") -> bytes:
    """An OLE2 compound-file look-alike holding a stream called ``stream_name`` (a .doc or .xls)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return header + b"\x00" * 512 + stream_name.encode("utf-16-le") + b"\x00" * 600


def default_criteria_set() -> CriteriaSet:
    """The Decision 34/2011 set (created by the migration; recreated when a test flushed it)."""
    return criteria_set_install_default()


def make_year(
    year: int = 2021, *, locked: bool = False, criteria_set: CriteriaSet | None = None, **fields: Any
) -> AssessmentYear:
    """The assessment year ``year`` (created once; ``fields`` set deadlines, has_district_level...)."""
    defaults = {
        "criteria_set": criteria_set or default_criteria_set(),
        "self_deadline": date(year, 11, 15),
        "review_deadline": date(year, 12, 5),
        "confirm_deadline": date(year, 12, 25),
        **fields,
    }
    assessment_year, created = AssessmentYear.objects.get_or_create(year=year, defaults=defaults)
    if locked and not assessment_year.is_locked:
        assessment_year.is_locked, assessment_year.locked_at = True, timezone.now()
        assessment_year.save()
    return assessment_year


def _score_map(scores: Scores, numbers: list[int]) -> dict[int, Decimal | None]:
    if scores is None:
        return {}
    if isinstance(scores, Mapping):
        return {n: None if v is None else Decimal(str(v)) for n, v in scores.items()}
    if isinstance(scores, (int, float, Decimal, str)):
        return {n: Decimal(str(scores)) for n in numbers}
    return {n: None if v is None else Decimal(str(v)) for n, v in zip(numbers, scores, strict=True)}


def make_assessment(
    commune: Commune,
    year: int | AssessmentYear = 2021,
    *,
    status: str = Status.DRAFT,
    scores: Scores = None,
    notes: Mapping[int, str] | None = None,
    actor: User | None = None,
) -> Assessment:
    """An assessment of ``commune`` in ``year`` with its 20 score rows, filled as the status implies."""
    year = year if isinstance(year, AssessmentYear) else make_year(year)
    assessment = Assessment.objects.create(year=year, commune=commune, status=status)
    criteria = list(year.criteria_set.criteria.order_by("number"))
    values = _score_map(scores, [c.number for c in criteria])
    notes = notes or {}
    later = status in (Status.DISTRICT_APPROVED, Status.FINALIZED)
    rows = [
        CriterionScore(
            assessment=assessment,
            criterion=c,
            self_score=values.get(c.number),
            updated_by=actor,
            note=notes.get(c.number, _default_note(c, values.get(c.number))),
            district_score=values.get(c.number) if later else None,
            final_score=values.get(c.number) if later else None,
        )
        for c in criteria
    ]
    CriterionScore.objects.bulk_create(rows)
    _stamp(assessment, year, rows)
    return assessment


def _default_note(criterion: Any, value: Decimal | None) -> str:
    if value is not None and value < criterion.max_points:
        return f"Giải trình tiêu thức {criterion.number}: còn hạn chế."
    return ""


def _stamp(assessment: Assessment, year: AssessmentYear, rows: list[CriterionScore]) -> None:
    now = timezone.now()
    if assessment.status != Status.DRAFT:
        assessment.submitted_at = now
    if assessment.status in (Status.DISTRICT_APPROVED, Status.FINALIZED):
        assessment.approved_at = now
        assessment.final_total = sum((r.final_score or Decimal("0") for r in rows), Decimal("0"))
    if assessment.status == Status.FINALIZED:
        rules = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in year.criteria_set.thresholds.all()]
        result = classify(
            {r.criterion.number: r.final_score for r in rows},
            rules,
            max_total=sum((r.criterion.max_points for r in rows), Decimal("0")),
        )
        assessment.final_class, assessment.finalized_at = result.classification, now
    assessment.save()


def make_world_assessment(w: Any, year: int = 2021, **kwargs: Any) -> Assessment:
    """An assessment of ``w.commune`` (the ``world`` fixture), also kept as ``w.assessment``."""
    existing = Assessment.objects.filter(commune=w.commune, year__year=year).first()
    w.assessment = existing or make_assessment(w.commune, year, **kwargs)
    return w.assessment


def make_evidence(
    score: CriterionScore,
    user: User,
    *,
    name: str = "bien-ban.pdf",
    content: bytes = PDF_BYTES,
    content_type: str = "application/pdf",
) -> Evidence:
    """An evidence file stored for ``score`` (bypasses the upload checks: for read/download tests)."""
    evidence = Evidence(score=score, original_name=name, content_type=content_type, size=len(content), uploaded_by=user)
    evidence.file.save(name, ContentFile(content), save=True)
    return evidence


# The score patterns the follow-up property tests draw from (a name for each, for readable examples).
FOLLOWUP_SCORES = {"all 18": 18, "all 16": 16, "one at 12": [12] + [18] * 19, "all 10": 10}


def followup_assessment(commune: Commune, year: AssessmentYear, spec: dict, user: User) -> Assessment:
    """The assessment a follow-up property test's ``spec`` draws (status, scores, TSVM, the province's
    decision kinds, each decided on 15/01 of the next year)."""
    assessment = make_assessment(commune, year, status=spec["status"], scores=FOLLOWUP_SCORES[spec["scores"]])
    if spec["tsvm"] and spec["status"] == Status.FINALIZED:
        assessment.tsvm = True
        assessment.save(update_fields=["tsvm"])
    for kind in sorted(spec["decisions"]):
        ProvinceDecision.objects.create(
            assessment=assessment,
            kind=kind,
            number=f"{kind}/{year.year}",
            date=date(year.year + 1, 1, 15),
            reason="Chậm nộp",
            recorded_by=user,
        )
    return assessment
