"""Importing past years' results: its URLs in the URL x role matrix (collected by tests/assessment/matrix_cases.py).

Province staff only; the other province's staff import into their own province (years belong to the
installation), so they get what province staff get."""

from tests.matrix import HOME_ROLES, Case

SIGNED_IN = HOME_ROLES


def _province_staff(ok: int) -> dict[str, int]:
    return {"anonymous": 302, **{role: ok if role == "province_user" else 403 for role in SIGNED_IN}}


CASES = [
    Case("assessment:history-upload", expect=_province_staff(200)),
    # Posting without a file re-shows the form with its errors: nothing is saved.
    Case("assessment:history-upload", expect=_province_staff(200), method="post"),
    Case("assessment:history-template", expect=_province_staff(200)),
    Case("assessment:history-sample", expect=_province_staff(200)),
    # Without the session's token the choice and the confirmation send back to the upload page.
    Case("assessment:history-choose", expect=_province_staff(302), method="post"),
    Case("assessment:history-confirm", expect=_province_staff(302), method="post"),
]
