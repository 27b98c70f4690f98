"""URL x role matrix of the review, confirmation, follow-ups and plan pages (appended to matrix_cases)."""

from assessment.models import Status
from tests.assessment.factories import make_world_assessment, make_year
from tests.matrix import Case, form_posts, scoped

COMMUNE_ROLES = ("commune_user", "sibling_user", "outsider_user")


def _assessment(status: str):
    def setup(w) -> None:
        make_world_assessment(w, status=status, scores=18)

    return setup


def _year(w) -> None:
    make_year(2021)


def _one(w) -> dict:
    return {"year": 2021, "code": w.commune.code}


def roles(
    *,
    anonymous: int = 302,
    commune: int = 403,
    sibling: int | None = None,
    outsider: int | None = None,
    reviewer: int = 200,
    other_reviewer: int = 404,
    province: int = 200,
    province_reviewer: int | None = None,
) -> dict[str, int]:
    """Expected statuses spelled out per role (commune staff share ``commune`` unless given; a province
    reviewer with no list gets what province staff get unless given)."""
    return {
        "anonymous": anonymous,
        "commune_user": commune,
        "sibling_user": commune if sibling is None else sibling,
        "outsider_user": commune if outsider is None else outsider,
        "reviewer": reviewer,
        "other_reviewer": other_reviewer,
        "province_user": province,
        "province_reviewer": province if province_reviewer is None else province_reviewer,
    }


PROVINCE_ONLY = roles(reviewer=403, other_reviewer=403, province_reviewer=403)

CASES = [
    Case("assessment:review-queue", lambda w: {"code": w.district.code}, roles(), setup=_year),
    # Years without districts: the province's queue, for province reviewers and province staff only.
    Case(
        "assessment:review-queue-province",
        expect=roles(reviewer=403, other_reviewer=403),
        setup=lambda w: make_year(2026, has_district_level=False),
    ),
    Case("assessment:review", _one, roles(), setup=_assessment(Status.SUBMITTED)),
    Case(
        "assessment:review-return",
        _one,
        roles(reviewer=400, province=400),
        method="post",
        setup=_assessment(Status.SUBMITTED),
    ),
    Case(
        "assessment:review-approve",
        _one,
        roles(reviewer=400, province=400),
        method="post",
        setup=_assessment(Status.SUBMITTED),
    ),
    Case("assessment:assessment-detail", _one, scoped(), setup=_assessment(Status.FINALIZED)),
    Case("assessment:confirm-list", expect=PROVINCE_ONLY, setup=_assessment(Status.DISTRICT_APPROVED)),
    Case(
        "assessment:confirm",
        _one,
        roles(reviewer=403, other_reviewer=403, province=302, province_reviewer=403),
        method="post",
        setup=_assessment(Status.DISTRICT_APPROVED),
    ),
    Case(
        "assessment:confirm-bulk",
        lambda w: {"year": 2021},
        roles(reviewer=403, other_reviewer=403, province=302, province_reviewer=403),
        method="post",
        setup=_year,
        shared=True,  # each province confirms its own communes (the service filters by scope)
    ),
    Case("assessment:decision-create", _one, PROVINCE_ONLY, setup=_assessment(Status.FINALIZED)),
    Case("assessment:reopen", _one, PROVINCE_ONLY, setup=_assessment(Status.FINALIZED)),
    Case("assessment:year-lock", lambda w: {"year": 2021}, PROVINCE_ONLY, setup=_year, shared=True),
    Case("assessment:followups", expect=roles(other_reviewer=200), setup=_assessment(Status.FINALIZED)),
    Case("assessment:plan-list", expect=roles(commune=200, other_reviewer=200), setup=_year),
    Case("assessment:plan-edit", _one, scoped(), setup=_year),
    # Only the commune writes its plan; others read it. An empty post lacks the hidden version: 400.
    Case(
        "assessment:plan-edit",
        _one,
        scoped(403, commune=True)
        | {"commune_user": 400, "foreign_province_reviewer": 404, "foreign_province_user": 404},
        method="post",
        setup=_year,
    ),
    Case(
        "assessment:plan-submit",
        _one,
        roles(commune=302, sibling=404, outsider=404, reviewer=403, other_reviewer=403, province=403),
        method="post",
        setup=_year,
    ),
]
# The forms' POST without their hidden version is refused as a stale form (400) for those let in.
CASES += form_posts(
    CASES,
    dict.fromkeys(["assessment:decision-create", "assessment:reopen", "assessment:year-lock"], 400),
)
