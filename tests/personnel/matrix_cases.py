"""The personnel URLs in the URL x role matrix (tests/test_url_matrix.py)."""

from personnel.models import Training
from tests.communes.profile_matrix_cases import DISTRICT_PAGE, ROLE_USERS, staff_only
from tests.matrix import Case, form_posts, scoped
from tests.personnel.factories import servant


def province_only(*, province_reviewer: int = 403) -> dict[str, int]:
    return {
        "anonymous": 302,
        **{r: 403 for r in ROLE_USERS},
        "province_user": 200,
        "province_reviewer": province_reviewer,
    }


def with_official(w) -> None:
    w.official = servant(w.commune)


def with_training(w) -> None:
    with_official(w)
    w.training = Training.objects.create(official=w.official, course="Tin học", start_date="2021-01-01")


def with_year(w) -> None:
    from tests.assessment.factories import make_year

    make_year(2021)


commune = lambda w: {"code": w.commune.code}  # noqa: E731
assignment_page = lambda w: {"year": 2021, "code": w.commune.code}  # noqa: E731
official = lambda w: {"pk": w.official.pk}  # noqa: E731

CASES = [
    Case("personnel:official-list", commune, scoped()),
    Case("personnel:official-create", commune, staff_only()),
    Case("personnel:official-export", commune, scoped()),
    Case("personnel:import-upload", commune, staff_only()),
    Case("personnel:import-template", commune, scoped()),
    Case("personnel:import-confirm", commune, staff_only(ok=302), method="post"),
    Case("personnel:apology-list", commune, scoped()),
    Case("personnel:official-detail", official, scoped(), setup=with_official),
    Case("personnel:official-edit", official, staff_only(), setup=with_official),
    Case("personnel:official-transfer", official, staff_only(), setup=with_official),
    Case("personnel:training-create", official, staff_only(), setup=with_official),
    Case("personnel:training-edit", lambda w: {"pk": w.training.pk}, staff_only(), setup=with_training),
    Case("personnel:discipline-create", official, staff_only(), setup=with_official),
    Case("personnel:apology-create", official, staff_only(), setup=with_official),
    Case("personnel:district-ratios", lambda w: {"code": w.district.code}, DISTRICT_PAGE),
    Case("personnel:province-ratios", expect=province_only(province_reviewer=200)),
    Case("personnel:standard-list", expect={"anonymous": 302, **{r: 200 for r in ROLE_USERS}}),
    Case("personnel:standard-create", expect=province_only()),
    Case("personnel:standard-edit", lambda w: {"pk": 1}, province_only(), shared=True),
    # Issue 4's page lives in assessment (who answers for each criterion); its cases are kept here.
    Case("assessment:criterion-assignments", assignment_page, scoped(), setup=with_year),
    Case(
        "assessment:criterion-assignments",
        assignment_page,
        staff_only(ok=302)
        | {"reviewer": 403, "province_reviewer": 403, "province_user": 403, "other_reviewer": 404}
        | {"foreign_province_reviewer": 404, "foreign_province_user": 404},
        method="post",
        setup=with_year,
    ),
]
# Each form's POST (empty: the form again with its errors); the same people are let in as on GET.
FORMS = [
    "personnel:official-create",
    "personnel:import-upload",
    "personnel:official-edit",
    "personnel:official-transfer",
    "personnel:training-create",
    "personnel:training-edit",
    "personnel:discipline-create",
    "personnel:apology-create",
    "personnel:standard-create",
    "personnel:standard-edit",
]
CASES += form_posts(CASES, dict.fromkeys(FORMS, 200))
