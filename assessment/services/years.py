"""Writes on assessment years: open a year (or change its deadlines) and give every commune its draft."""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from assessment.models import Assessment, AssessmentYear, CriteriaSet, CriterionScore
from assessment.services.errors import AssessmentError
from assessment.services.items import criteria_set_item_problems
from assessment.services.targets import targets_seed_on_open
from communes.models import NEW_MAP_FIRST_DAY, Commune, User, year_day


def has_districts(year: int) -> bool:
    """Whether the map a year is assessed on (the units standing on 31/12) has a district level."""
    return year_day(year) < NEW_MAP_FIRST_DAY


def communes_assessed_in(year: int) -> list[Commune]:
    """The portal province's communes as they stood at the end of ``year`` (one assessment each).

    Units abolished during the year (e.g. merged on 1 July 2025) are assessed as their successors.
    """
    province_code = str(settings.PORTAL_PROVINCE_CODE)
    return list(Commune.objects.filter(province__code=province_code).valid_on(year_day(year)).order_by("code"))


def assessment_year_open(
    *,
    year: int,
    criteria_set: CriteriaSet,
    self_deadline: date | None,
    review_deadline: date | None,
    confirm_deadline: date | None,
    actor: User,
    has_district_level: bool | None = None,
) -> AssessmentYear:
    """Create year ``year`` (or update its criteria set and deadlines) and create one draft assessment,
    with an empty score row per criterion, for every commune of the province valid in that year.

    Idempotent: opening an open year again creates only what is missing. A locked year, or a change
    of criteria set once assessments exist, is refused with :class:`AssessmentError`. Without
    ``has_district_level`` a new year has one when the map it is assessed on (31/12 of the year) has
    districts: until 2024 (the level was abolished on 1 July 2025).
    """
    problems = criteria_set_item_problems(criteria_set)
    if problems:  # a criterion whose items cannot make up its maximum could never be scored right
        raise AssessmentError(" ".join(problems))
    fields: dict[str, object] = {
        "self_deadline": self_deadline,
        "review_deadline": review_deadline,
        "confirm_deadline": confirm_deadline,
    }
    if has_district_level is not None:
        fields["has_district_level"] = has_district_level
    with transaction.atomic():
        assessment_year, created = AssessmentYear.objects.select_for_update().get_or_create(
            year=year, defaults={"criteria_set": criteria_set, "has_district_level": has_districts(year), **fields}
        )
        if not created:
            _update(assessment_year, criteria_set, fields)
        _create_assessments(assessment_year)
        targets_seed_on_open(assessment_year)
    return assessment_year


def _update(assessment_year: AssessmentYear, criteria_set: CriteriaSet, fields: dict[str, object]) -> None:
    if assessment_year.is_locked:
        raise AssessmentError(_("Năm đánh giá đã khóa sổ, không ai được thay đổi."))
    if criteria_set.pk != assessment_year.criteria_set_id and assessment_year.assessments.exists():
        raise AssessmentError(
            _("Năm %(year)s đã có bản đánh giá của các xã: không đổi được bộ tiêu thức.")
            % {"year": assessment_year.year}
        )
    assessment_year.criteria_set = criteria_set
    for field, value in fields.items():
        setattr(assessment_year, field, value)
    assessment_year.save()


def _create_assessments(assessment_year: AssessmentYear) -> None:
    have = set(assessment_year.assessments.values_list("commune_id", flat=True))
    Assessment.objects.bulk_create(
        [
            Assessment(year=assessment_year, commune=c)
            for c in communes_assessed_in(assessment_year.year)
            if c.pk not in have
        ]
    )
    criteria = list(assessment_year.criteria_set.criteria.values_list("pk", flat=True))
    scored = set(
        CriterionScore.objects.filter(assessment__year=assessment_year).values_list("assessment_id", "criterion_id")
    )
    CriterionScore.objects.bulk_create(
        [
            CriterionScore(assessment_id=assessment_id, criterion_id=criterion_id)
            for assessment_id in assessment_year.assessments.values_list("pk", flat=True)
            for criterion_id in criteria
            if (assessment_id, criterion_id) not in scored
        ],
        batch_size=1000,
    )
