"""Matrix rows for the accounts pages (communes/accounts): province staff only, and the forced
password page, which every signed-in user may open."""

from tests.matrix import ROLES, Case

SIGNED_IN = [r for r in ROLES if r != "anonymous" and not r.startswith("foreign_")]


def _province_staff_only(ok: int = 200) -> dict[str, int]:
    return {"anonymous": 302, **{r: 403 for r in SIGNED_IN}, "province_user": ok}


def _everyone(ok: int = 200) -> dict[str, int]:
    return {"anonymous": 302, **{r: ok for r in SIGNED_IN}}


ONBOARDING_CASES = [
    Case("communes:account-list", expect=_province_staff_only()),
    Case("communes:account-template", expect=_province_staff_only()),
    Case("communes:account-upload", expect=_province_staff_only()),
    # An empty post: the upload page again, "Hãy chọn tệp Excel."
    Case("communes:account-upload", expect=_province_staff_only(), method="post"),
    # No pending upload in the session: back to the upload page with a message.
    Case("communes:account-confirm", expect=_province_staff_only(302), method="post"),
    Case("communes:account-generate", expect=_province_staff_only()),
    Case("communes:account-generate", expect=_province_staff_only(), method="post"),  # no year: the form again
    Case("communes:account-set-password", expect=_everyone()),
    Case("communes:account-set-password", expect=_everyone(), method="post"),  # the form with its errors
]
