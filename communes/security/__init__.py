"""Two-factor authentication (django-otp): TOTP apps with printed backup codes.

Required for district and province reviewers, province staff and administrators (anyone who may open
the admin); optional for commune staff, who can enable it on the "Bảo mật tài khoản" page. A user who
has a confirmed device must use it at every sign-in, whatever the role.
"""

from communes.models import Role

REQUIRED_ROLES = {Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF}
BACKUP_CODE_COUNT = 10


def two_factor_required(user) -> bool:  # noqa: ANN001
    """Whether ``user`` may not use the portal without a second factor."""
    return user.role in REQUIRED_ROLES or user.is_staff or user.is_superuser
