"""The two-factor pages (communes.security) in the URL x role matrix (added to CASES in matrix_cases.py).

``client.force_login`` opens a session already past the second factor (tests/conftest.py), so every
signed-in role gets the page; the code page sends a verified user on (302), a new set of backup codes
is made and shown by a redirect (302)."""

from tests.matrix import HOME_ROLES, Case

SIGNED_IN = HOME_ROLES


def everyone(status: int) -> dict[str, int]:
    return {"anonymous": 302, **dict.fromkeys(SIGNED_IN, status)}


SECURITY_CASES = [
    Case("security:account", expect=everyone(200)),
    Case("security:setup", expect=everyone(200)),
    Case("security:setup", expect=everyone(200), method="post"),  # an empty code: the form again
    Case("security:verify", expect=everyone(302)),
    Case("security:verify", expect=everyone(302), method="post"),
    Case("security:backup-codes", expect=everyone(200)),
    Case("security:backup-codes", expect=everyone(302), method="post"),
]
