"""A whole year of assessments in a few queries (bulk_create), for the bounded-queries tests."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone

from assessment.classification import ThresholdRule, classify
from assessment.models import Assessment, AssessmentYear, CriterionScore, ProvinceDecision, Status
from communes.models import Commune, User

STATUS_CYCLE = [Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.DISTRICT_APPROVED, Status.FINALIZED]
SCORE_CYCLE = [Decimal("19"), Decimal("17"), Decimal("15.5"), Decimal("12"), Decimal("9.75")]


def bulk_year(
    year: AssessmentYear,
    communes: Sequence[Commune],
    *,
    statuses: Sequence[str] = STATUS_CYCLE,
    criticise: Sequence[Commune] = (),
    recorder: User | None = None,
) -> list[Assessment]:
    """One assessment per commune, its status and scores taken in turn from the cycles above; the
    communes in ``criticise`` get a criticism (recorded by ``recorder``)."""
    criteria = list(year.criteria_set.criteria.order_by("number"))
    now = timezone.now()
    assessments = Assessment.objects.bulk_create(
        [
            Assessment(year=year, commune=c, status=statuses[i % len(statuses)], submitted_at=now)
            for i, c in enumerate(communes)
        ]
    )
    rows = []
    for i, assessment in enumerate(assessments):
        value = SCORE_CYCLE[i % len(SCORE_CYCLE)]
        later = assessment.status in (Status.DISTRICT_APPROVED, Status.FINALIZED)
        for criterion in criteria:
            rows.append(
                CriterionScore(
                    assessment=assessment,
                    criterion=criterion,
                    self_score=value,
                    note="" if value == criterion.max_points else "Còn hạn chế",
                    district_score=value if later else None,
                    final_score=value if later else None,
                )
            )
        if later:
            _finish(assessment, year, value, len(criteria))
    CriterionScore.objects.bulk_create(rows)
    Assessment.objects.bulk_update(assessments, ["final_total", "final_class", "tsvm"])
    if criticise:
        _criticise(year, criticise, recorder)
    return assessments


def _finish(assessment: Assessment, year: AssessmentYear, value: Decimal, count: int) -> None:
    assessment.final_total = value * count
    if assessment.status == Status.FINALIZED:
        rules = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in year.criteria_set.thresholds.all()]
        result = classify({n: value for n in range(1, count + 1)}, rules, max_total=Decimal("20") * count)
        assessment.final_class, assessment.tsvm = result.classification, result.tsvm_eligible


def _criticise(year: AssessmentYear, communes: Sequence[Commune], recorder: User | None) -> None:
    by_commune = {a.commune_id: a for a in Assessment.objects.filter(year=year, commune__in=communes)}
    ProvinceDecision.objects.bulk_create(
        [
            ProvinceDecision(
                assessment=by_commune[c.pk],
                kind=ProvinceDecision.Kind.CRITICISM,
                number=f"{i + 1}/QĐ-UBND",
                date=timezone.localdate(),
                reason="Để xảy ra sai phạm",
                recorded_by=recorder,
            )
            for i, c in enumerate(communes)
        ]
    )
    Assessment.objects.filter(pk__in=[a.pk for a in by_commune.values()]).update(tsvm=False)
