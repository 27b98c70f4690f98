"""The Excel round trip's URLs in the URL x role matrix (collected by tests/assessment/matrix_cases.py)."""

from tests.assessment.factories import make_world_assessment
from tests.matrix import Case, scoped


def _kwargs(w) -> dict:
    return {"year": 2021, "code": w.commune.code}


def _commune_only(ok: int = 200) -> dict[str, int]:
    return {
        "anonymous": 302,
        "commune_user": ok,
        "sibling_user": 404,
        "outsider_user": 404,
        "reviewer": 403,
        "other_reviewer": 403,
        "province_reviewer": 403,
        "province_user": 403,
    }


CASES = [
    Case("assessment:excel-download", _kwargs, scoped(), setup=make_world_assessment),
    Case("assessment:excel-upload", _kwargs, _commune_only(), setup=make_world_assessment),
    # Posting without a file re-shows the form with its error: nothing is saved.
    Case("assessment:excel-upload", _kwargs, _commune_only(), method="post", setup=make_world_assessment),
]
