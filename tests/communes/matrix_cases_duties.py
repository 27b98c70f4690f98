"""The duties pages (reception, meetings and rules, coaching visits, their Excel templates and
imports) in the URL x role matrix (added to CASES in matrix_cases.py)."""

from datetime import date

from communes.profile.models import CoachingVisit
from tests.communes.profile_matrix_cases import DISTRICT_PAGE, staff_only
from tests.matrix import Case, form_posts, scoped

year = lambda w: {"code": w.commune.code, "year": 2021}  # noqa: E731
commune = lambda w: {"code": w.commune.code}  # noqa: E731
visit = lambda w: {"code": w.commune.code, "pk": w.visit.pk}  # noqa: E731
# Coaching is recorded by the commune's reviewers and province staff; commune staff are refused by role.
COACHES = DISTRICT_PAGE


def with_visit(w) -> None:
    w.visit = CoachingVisit.objects.create(
        commune=w.commune,
        level="district",
        coach="Lò Văn Thắng",
        start_date=date(2021, 3, 1),
        end_date=date(2021, 3, 5),
        topics="Một cửa",
        recorded_by=w.reviewer,  # the district's reviewer recorded it: they and province staff may delete
    )


DUTIES_CASES = [
    Case("communes:duties-detail", year, scoped()),
    Case("communes:reception-edit", year, staff_only()),
    Case("communes:governance-edit", year, staff_only()),
    Case("communes:duties-template", year, staff_only()),
    Case("communes:duties-import", year, staff_only()),
    Case("communes:coaching-create", commune, COACHES),
    Case("communes:coaching-template", commune, COACHES),
    Case("communes:coaching-import", commune, COACHES),
    Case(
        "communes:coaching-delete",
        visit,
        # A province reviewer may see the commune but did not record the visit; another province's: 404.
        COACHES | {"reviewer": 302, "province_user": 302, "province_reviewer": 403, "foreign_province_reviewer": 404},
        method="post",
        setup=with_visit,
    ),
]
# Each form's POST (empty): the form again, or the upload page saying no file was chosen.
DUTIES_CASES += form_posts(
    DUTIES_CASES,
    {
        "communes:reception-edit": 200,
        "communes:governance-edit": 200,
        "communes:duties-import": 200,
        "communes:coaching-create": 200,
        "communes:coaching-import": 200,
    },
)
