"""The commune-profile URLs in the URL x role matrix (added to CASES in matrix_cases.py)."""

from communes.profile.models import Village
from tests.matrix import HOME_ROLES, Case, form_posts, scoped

ROLE_USERS = HOME_ROLES
# Pages for reviewers and province staff: commune staff are refused by role.
DISTRICT_PAGE = scoped(commune=False) | {"commune_user": 403, "sibling_user": 403, "outsider_user": 403}


def staff_only(ok: int = 200) -> dict[str, int]:
    """Commune staff of w.commune only; other commune staff 404 (out of scope), other roles 403."""
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


def with_village(w) -> None:
    w.village = Village.objects.create(commune=w.commune, name="Bản Thử")


commune = lambda w: {"code": w.commune.code}  # noqa: E731
village = lambda w: {"code": w.commune.code, "pk": w.village.pk}  # noqa: E731

PROFILE_CASES = [
    Case("communes:profile-detail", commune, scoped()),
    Case("communes:profile-edit", commune, staff_only()),
    Case("communes:office-edit", lambda w: {"code": w.commune.code, "year": 2021}, staff_only()),
    Case("communes:procedure-edit", lambda w: {"code": w.commune.code, "year": 2021, "period": "h1"}, staff_only()),
    Case("communes:dialogue-edit", lambda w: {"code": w.commune.code, "year": 2021}, staff_only()),
    Case("communes:village-list", commune, scoped()),
    Case("communes:village-create", commune, staff_only()),
    Case("communes:village-edit", village, staff_only(), setup=with_village),
    Case("communes:village-delete", village, staff_only(ok=302), method="post", setup=with_village),
    Case("communes:district-profile", lambda w: {"code": w.district.code}, DISTRICT_PAGE),
]
# Each form's POST: the same people are let in, everyone else is refused as on GET.
PROFILE_CASES += form_posts(
    PROFILE_CASES,
    {
        name: 200
        for name in [
            "communes:profile-edit",
            "communes:office-edit",
            "communes:procedure-edit",
            "communes:dialogue-edit",
            "communes:village-create",
            "communes:village-edit",
        ]
    },
)
