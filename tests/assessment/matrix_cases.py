"""The assessment app's URLs in the URL x role matrix (tests/matrix.py).

Other parts of the app add theirs in ``tests/assessment/matrix_cases_<part>.py`` (a ``CASES``
list each); they are collected here, since tests/test_url_matrix.py reads this module only.
"""

import importlib
import pkgutil
from pathlib import Path

from tests.assessment.factories import default_criteria_set, make_evidence, make_world_assessment, make_year
from tests.matrix import HOME_ROLES, Case, form_posts, scoped

OTHERS = HOME_ROLES


def only(role: str, ok: int = 200, *, denied: int = 403) -> dict[str, int]:
    """``role`` gets ``ok``, every other signed-in role ``denied``, anonymous users the login page."""
    return {"anonymous": 302, **{r: ok if r == role else denied for r in OTHERS}}


# The other province's staff and reviewers: a commune of this province is out of their scope.
FOREIGN_OUT_OF_SCOPE = {"foreign_province_reviewer": 404, "foreign_province_user": 404}


def commune_action(ok: int = 302) -> dict[str, int]:
    """A commune-staff action on w.commune: other communes 404, other roles 403."""
    return only("commune_user", ok) | {"sibling_user": 404, "outsider_user": 404}


def _assessment_kwargs(w) -> dict:
    return {"year": 2021, "code": w.commune.code}


def _row_kwargs(w) -> dict:
    return {"year": 2021, "code": w.commune.code, "number": 1}


def _with_evidence(w) -> None:
    assessment = make_world_assessment(w)
    w.evidence = make_evidence(assessment.scores.get(criterion__number=1), w.commune_user)


def _row_data(w) -> dict:
    return {"c1-value": "20", "c1-note": "", "c1-version": "1"}


def _year_data(w) -> dict:
    return {
        "year": "2022",
        "criteria_set": str(default_criteria_set().pk),
        "self_deadline": "15/11/2022",
        "review_deadline": "05/12/2022",
        "confirm_deadline": "25/12/2022",
        "has_district_level": "on",
    }


def _year_page(name: str, method: str = "get") -> Case:
    """A page of year 2021 for province staff (a year is the same for both provinces)."""
    return Case(
        name, lambda w: {"year": 2021}, only("province_user"), method, setup=lambda w: make_year(2021), shared=True
    )


CASES = [
    Case(
        "assessment:score-current",
        expect=only("commune_user", 302) | {"sibling_user": 302, "outsider_user": 302},
        setup=make_world_assessment,
    ),
    Case("assessment:score-edit", _assessment_kwargs, scoped(), setup=make_world_assessment),
    Case(
        "assessment:score-edit",
        _assessment_kwargs,
        commune_action() | {"other_reviewer": 404} | FOREIGN_OUT_OF_SCOPE,
        method="post",
        data=_row_data,
        setup=make_world_assessment,
    ),
    Case(
        "assessment:score-row",
        _row_kwargs,
        commune_action(),
        method="post",
        data=_row_data,
        setup=make_world_assessment,
    ),
    Case("assessment:score-history", _assessment_kwargs, scoped(), setup=make_world_assessment),
    Case("assessment:evidence-upload", _row_kwargs, commune_action(), method="post", setup=make_world_assessment),
    Case("assessment:evidence-download", lambda w: {"pk": w.evidence.pk}, scoped(), setup=_with_evidence),
    Case(
        "assessment:evidence-delete",
        lambda w: {"pk": w.evidence.pk},
        commune_action(),
        method="post",
        setup=_with_evidence,
    ),
    Case("assessment:submit", _assessment_kwargs, commune_action(200), setup=make_world_assessment),
    Case("assessment:submit", _assessment_kwargs, commune_action(200), method="post", setup=make_world_assessment),
    Case("assessment:year-list", expect=only("province_user")),
    Case("assessment:year-create", expect=only("province_user")),
    Case("assessment:year-create", expect=only("province_user", 302), method="post", data=_year_data),
    _year_page("assessment:year-edit"),
    _year_page("assessment:year-targets"),
    _year_page("assessment:year-targets", method="post"),
    Case("assessment:criteria-set-list", expect=only("province_user")),
    Case(
        "assessment:criteria-set-detail",
        lambda w: {"pk": default_criteria_set().pk},
        only("province_user"),
        shared=True,
    ),
    Case(
        "assessment:criteria-set-decision",
        lambda w: {"pk": default_criteria_set().pk},
        only("province_user", 302),
        method="post",
        data=lambda w: {"number": "34/2011/QĐ-UBND", "decision_date": "07/11/2011"},
        shared=True,
    ),
]

CASES += form_posts(CASES, {"assessment:year-edit": 200})

for _module in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _module.name.startswith("matrix_cases_"):
        CASES += importlib.import_module(f"tests.assessment.{_module.name}").CASES
