"""Report test data: confirmed results that the dashboards count.

Scores of 18 on every criterion give Tốt (360), 15 give Khá (300), 11 Trung bình (220), 9 Yếu (180)
under the Decision 34/2011 set's provisional thresholds.
"""

from typing import Any

from django.core.files.base import ContentFile

from assessment.models import Assessment, ProvinceDecision, Status
from communes.models import Commune, District, Province, User
from reports.models import JobStatus, ReportJob, ReportKind
from tests.assessment.factories import make_assessment, make_year
from tests.factories import CommuneFactory, DistrictFactory

SCORE_OF = {"good": 18, "fair": 15, "average": 11, "weak": 9}


def confirmed(commune: Commune, year: int, final_class: str, *, tsvm: bool = False) -> Assessment:
    """A finalized assessment of ``commune`` whose scores give ``final_class``."""
    assessment = make_assessment(commune, year, status=Status.FINALIZED, scores=SCORE_OF[final_class])
    assert assessment.final_class == final_class
    if tsvm:
        assessment.tsvm = True
        assessment.save(update_fields=["tsvm"])
    return assessment


def decision(assessment: Assessment, actor: User, kind: str = ProvinceDecision.Kind.CRITICISM) -> ProvinceDecision:
    return ProvinceDecision.objects.create(
        assessment=assessment,
        kind=kind,
        number="12/QĐ-UBND",
        date=assessment.year.confirm_deadline,
        reason="Vi phạm kỷ luật",
        recorded_by=actor,
    )


def small_province(province: Province, districts: int = 2, per_district: int = 5) -> list[Commune]:
    """``districts`` x ``per_district`` communes in ``province``."""
    communes = []
    for _ in range(districts):
        district = DistrictFactory(province=province)
        communes += [CommuneFactory(district=district) for _ in range(per_district)]
    return communes


def assess_all(communes: list[Commune], year: int = 2021) -> None:
    """A mix of results for every commune: finalized in each class, TSVM for a third, some pending."""
    make_year(year)
    classes = ["good", "fair", "fair", "average", "weak"]
    for index, commune in enumerate(communes):
        if index % 6 == 5:
            make_assessment(commune, year, status=Status.SUBMITTED, scores=14)
        else:
            confirmed(commune, year, classes[index % 5], tsvm=index % 3 == 0 and index % 5 < 3)


def report_job(
    actor: User,
    *,
    kind: str = ReportKind.DISTRICT_ANNUAL_PDF,
    district: District | None = None,
    status: str = JobStatus.SUCCEEDED,
    year: int = 2021,
    **fields: Any,
) -> ReportJob:
    """A report job as if built: with a small file when it succeeded."""
    job = ReportJob.objects.create(
        kind=kind, year=year, province=actor.province, district=district, created_by=actor, status=status, **fields
    )
    if status == JobStatus.SUCCEEDED:
        job.file.save("bao-cao.pdf", ContentFile(b"%PDF-1.7\n%test\n"), save=False)
        job.filename, job.size, job.progress = "bao-cao.pdf", 15, 100
        job.save()
    return job
