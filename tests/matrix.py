"""The URL x role -> status matrix, shared by every app.

Each app's tests add their cases in ``tests/<app>/matrix_cases.py`` as a ``CASES`` list;
``tests/test_url_matrix.py`` collects them all and checks every URL name of the project is
covered. Statuses: 200 ok, 302 (anonymous: sent to login), 403 wrong role, 404 outside scope.

The world has a second province with a user of each role (``foreign_*``). A case need not list
them: on a page about one of the first province's objects (a case with URL kwargs) they get what
the neighbouring unit's user gets, and province users 404 (403 where their counterpart is refused
by role); on a page about "my own" things (no
kwargs, or ``shared=True`` for objects every province shares: years, criteria sets, standards)
they get what their counterpart in the first province gets (years and criteria sets belong to the
installation, which serves one province: the second one is there to catch leaks of units' data). Either way no page they see may name
a unit of the first province, nor the other way round (``LEAK_NAMES``).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = [
    "anonymous",
    "commune_user",  # staff of w.commune
    "sibling_user",  # staff of another commune in the same district
    "outsider_user",  # staff of a commune in another district
    "reviewer",  # reviewer of w.district
    "other_reviewer",  # reviewer of another district
    "province_reviewer",  # Sở Nội vụ reviewer with no list (answers for the whole province in new years)
    "province_user",
    "foreign_commune_user",  # staff of a commune of the other province
    "foreign_reviewer",  # district reviewer in the other province
    "foreign_province_reviewer",
    "foreign_province_user",
]

# The signed-in roles of the first province (the foreign ones are derived, see the docstring).
HOME_ROLES = ROLES[1:8]

# Each foreign role and its counterpart in the first province: the same role, another province.
FOREIGN_COUNTERPART = {
    "foreign_commune_user": "commune_user",
    "foreign_reviewer": "reviewer",
    "foreign_province_reviewer": "province_reviewer",
    "foreign_province_user": "province_user",
}
# For a page about one of the first province's objects: whose answer each foreign role gets.
FOREIGN_LIKE_NEIGHBOUR = {
    "foreign_commune_user": "outsider_user",
    "foreign_reviewer": "other_reviewer",
}

# Names of units of each province (tests/conftest.py ``world``): a page seen by a user of one
# province must not name a unit of the other.
LEAK_NAMES = {
    "home": ["Xã Mường Nhé", "Xã Sín Thầu", "Xã Thanh Xương", "Huyện Mường Nhé", "Huyện Điện Biên"],
    "foreign": ["Xã Ka Lăng", "Xã Dào San", "Huyện Mường Tè", "Huyện Phong Thổ"],
}


def no_kwargs(w) -> dict[str, Any]:  # noqa: ANN001
    return {}


@dataclass
class Case:
    url_name: str
    kwargs: Callable[[Any], dict[str, Any]] = no_kwargs
    expect: dict[str, int] = field(default_factory=dict)
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    # Optional: build extra objects in the world before the request (returns nothing).
    setup: Callable[[Any], None] | None = None
    # The object is the same for every province (a year, a criteria set); default: no URL kwargs.
    shared: bool | None = None

    def __post_init__(self) -> None:
        self.expect = dict(self.expect)  # the helpers' dicts are shared between cases
        shared = self.kwargs is no_kwargs if self.shared is None else self.shared
        for role, counterpart in FOREIGN_COUNTERPART.items():
            if role in self.expect or counterpart not in self.expect:
                continue
            if shared:
                self.expect[role] = self.expect[counterpart]
            elif role in FOREIGN_LIKE_NEIGHBOUR:
                self.expect[role] = self.expect[FOREIGN_LIKE_NEIGHBOUR[role]]
            else:
                # Let in (or refused only for a bad form) at home: out of scope here. Refused by role: the same.
                status = self.expect[counterpart]
                self.expect[role] = 404 if status <= 400 else status

    @property
    def id(self) -> str:
        return f"{self.method}:{self.url_name}"


def scoped(
    ok: int = 200,
    *,
    commune: bool = True,
    sibling: bool = False,
    outsider: bool = False,
    reviewer: bool = True,
    other_reviewer: bool = False,
    province: bool = True,
    province_reviewer: bool | None = None,
    denied: int = 404,
    anonymous: int = 302,
) -> dict[str, int]:
    """Expected statuses for a page about ``w.commune``: who sees it gets ``ok``, others ``denied``.

    A province reviewer with no list reads what province staff read unless told otherwise."""
    allowed = {
        "commune_user": commune,
        "sibling_user": sibling,
        "outsider_user": outsider,
        "reviewer": reviewer,
        "other_reviewer": other_reviewer,
        "province_reviewer": province if province_reviewer is None else province_reviewer,
        "province_user": province,
    }
    return {"anonymous": anonymous, **{role: ok if yes else denied for role, yes in allowed.items()}}


def form_posts(cases: list[Case], oks: dict[str, int]) -> list[Case]:
    """POST rows for form pages that have a GET row: an empty post to each URL name in ``oks``.

    Whoever the GET row lets in gets ``oks[name]`` (200: the form again with its errors; 400: a
    form whose hidden version is missing); everyone else is refused exactly as on GET, so the
    scope check is shown to hold for the write too."""
    rows = []
    for case in cases:
        if case.method == "get" and case.url_name in oks:
            ok = oks[case.url_name]
            expect = {r: s if r == "anonymous" or s >= 400 else ok for r, s in case.expect.items()}
            rows.append(Case(case.url_name, case.kwargs, expect, "post", case.data, case.setup, case.shared))
    missing = set(oks) - {row.url_name for row in rows}
    assert not missing, f"no GET row to copy for {sorted(missing)}"
    return rows
