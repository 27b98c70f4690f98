"""The URL x role -> status matrix, shared by every app.

Each app's tests add their cases in ``tests/<app>/matrix_cases.py`` as a ``CASES`` list;
``tests/test_url_matrix.py`` collects them all and checks every URL name of the project is
covered. Statuses: 200 ok, 302 (anonymous: sent to login), 403 wrong role, 404 outside scope.
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
]


@dataclass
class Case:
    url_name: str
    kwargs: Callable[[Any], dict[str, Any]] = lambda w: {}
    expect: dict[str, int] = field(default_factory=dict)
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None
    # Optional: build extra objects in the world before the request (returns nothing).
    setup: Callable[[Any], None] | None = None

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
