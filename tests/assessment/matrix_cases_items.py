"""The component items' URL (one item's score, saved from the score page) in the URL x role matrix
(collected by tests/assessment/matrix_cases.py)."""

from tests.assessment.factories import make_world_assessment
from tests.assessment.factories_items import add_items, item_of
from tests.matrix import HOME_ROLES, Case


def commune_action(ok: int = 302) -> dict[str, int]:
    """A commune-staff action on w.commune: other communes 404, other roles 403 (as matrix_cases')."""
    return {
        "anonymous": 302,
        **{r: 403 for r in HOME_ROLES},
        "commune_user": ok,
        "sibling_user": 404,
        "outsider_user": 404,
    }


def _with_items(w) -> None:
    assessment = make_world_assessment(w)
    if not assessment.year.criteria_set.criteria.filter(number=3, items__isnull=False).exists():
        add_items(assessment.year.criteria_set, [3])
    w.item = item_of(assessment.year.criteria_set, 3, 1)


def _kwargs(w) -> dict:
    return {"year": 2021, "code": w.commune.code, "number": 3, "item": w.item.pk}


def _data(w) -> dict:
    prefix = f"c3-i{w.item.pk}"
    return {f"{prefix}-value": "8", f"{prefix}-note": "", f"{prefix}-version": "1"}


CASES = [
    Case("assessment:item-score-row", _kwargs, commune_action(), method="post", data=_data, setup=_with_items),
]
