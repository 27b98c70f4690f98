"""Officials' ratings, follow-up actions and the year's communes with commendation eligibility in
the URL x role matrix (collected by tests/assessment/matrix_cases.py)."""

from datetime import date

from django.core.files.base import ContentFile

from assessment.models import FollowUpAction, Status
from tests.assessment.factories import PDF_BYTES, make_world_assessment, make_year
from tests.assessment.matrix_cases import FOREIGN_OUT_OF_SCOPE, commune_action
from tests.matrix import HOME_ROLES, Case, scoped

READERS = {"anonymous": 302, **{r: 200 for r in HOME_ROLES}}
REVIEWERS = READERS | {r: 403 for r in ("commune_user", "sibling_user", "outsider_user")}


def _kwargs(w) -> dict:
    return {"year": 2021, "code": w.commune.code}


def _weak_year(w) -> None:
    """A confirmed 2021 result that requires an improvement plan (every criterion at 12)."""
    make_world_assessment(w, status=Status.FINALIZED, scores=12)


def _with_action(w) -> None:
    _weak_year(w)
    action = FollowUpAction(
        assessment=w.assessment,
        kind="plan",
        number="12/KH-UBND",
        date=date(2022, 2, 1),
        actor_name="UBND xã",
        recorded_by=w.commune_user,
        original_name="ke-hoach.pdf",
        content_type="application/pdf",
    )
    action.file.save("ke-hoach.pdf", ContentFile(PDF_BYTES), save=True)
    w.action = action


def _action_kwargs(w) -> dict:
    return {"year": 2021, "code": w.commune.code, "kind": "plan"}


_setup_year = lambda w: make_year(2021)  # noqa: E731

POST_RATINGS = {
    "anonymous": 302,
    "commune_user": 302,
    "sibling_user": 404,
    "outsider_user": 404,
    "reviewer": 403,
    "other_reviewer": 404,
    "province_reviewer": 403,
    "province_user": 403,
} | FOREIGN_OUT_OF_SCOPE

POST_ACTION = {
    "anonymous": 302,
    "commune_user": 200,  # an empty form: its errors again
    "sibling_user": 404,
    "outsider_user": 404,
    "reviewer": 403,  # reads, but the Department records
    "other_reviewer": 404,
    "province_reviewer": 403,
    "province_user": 200,
} | FOREIGN_OUT_OF_SCOPE

CASES = [
    Case("assessment:rating-edit", _kwargs, scoped(), setup=_setup_year),
    Case("assessment:rating-edit", _kwargs, POST_RATINGS, method="post", setup=_setup_year),
    Case("assessment:rating-excel-download", _kwargs, scoped(), setup=_setup_year),
    Case("assessment:rating-excel-upload", _kwargs, commune_action(200), setup=_setup_year),
    Case("assessment:rating-excel-upload", _kwargs, commune_action(200), method="post", setup=_setup_year),
    Case("assessment:rating-above-list", expect=REVIEWERS, setup=_setup_year),
    Case("assessment:commune-year-list", expect=REVIEWERS, setup=_setup_year),
    Case("assessment:followup-action-list", expect=READERS, setup=_weak_year),
    Case("assessment:followup-action-file", lambda w: {"pk": w.action.pk}, scoped(), setup=_with_action),
    Case("assessment:followup-action-create", _action_kwargs, scoped(), setup=_weak_year),
    Case("assessment:followup-action-create", _action_kwargs, POST_ACTION, method="post", setup=_weak_year),
]
