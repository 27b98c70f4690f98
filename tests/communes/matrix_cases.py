from tests.matrix import HOME_ROLES, Case, scoped

CASES = [
    Case(
        "home",
        expect={
            "anonymous": 302,
            **dict.fromkeys(HOME_ROLES, 302),
        },
    ),
    # Commune staff are sent to their own commune's page (302); the others see their list.
    Case(
        "communes:commune-list",
        expect=scoped(other_reviewer=True) | {"commune_user": 302, "sibling_user": 302, "outsider_user": 302},
    ),
    Case("communes:commune-detail", lambda w: {"code": w.commune.code}, scoped()),
    Case(
        "communes:district-detail",
        lambda w: {"code": w.district.code},
        scoped(commune=False, denied=404) | {"commune_user": 403, "sibling_user": 403, "outsider_user": 403},
    ),
]

# The commune profile (office, procedures, dialogue, villages).
from tests.communes.profile_matrix_cases import PROFILE_CASES  # noqa: E402

CASES += PROFILE_CASES

# Two-factor sign-in (account security, setup, code, backup codes).
from tests.communes.matrix_cases_security import SECURITY_CASES  # noqa: E402

CASES += SECURITY_CASES

# The accounts pages of province staff and the forced password page (communes/accounts).
from tests.communes.matrix_cases_onboarding import ONBOARDING_CASES  # noqa: E402

CASES += ONBOARDING_CASES

# The bell's notification list and email preferences (communes/notifications).
from tests.communes.matrix_cases_notifications import NOTIFICATION_CASES  # noqa: E402

CASES += NOTIFICATION_CASES
# The plan's other duties: reception, meetings and rules, coaching visits (communes/profile).
from tests.communes.matrix_cases_duties import DUTIES_CASES  # noqa: E402

CASES += DUTIES_CASES
