"""Devices and backup codes of a user (django-otp's TOTP and static devices)."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from communes.security import BACKUP_CODE_COUNT

APP_DEVICE_NAME = "app"
BACKUP_DEVICE_NAME = "backup"


def pending_app_device(user) -> TOTPDevice:  # noqa: ANN001
    """The unconfirmed authenticator-app device being set up (one per user, made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_app_device(device: TOTPDevice) -> list[str]:
    """Make ``device`` the user's only app device and give them fresh backup codes (returned)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_backup_codes(device.user)


@transaction.atomic
def new_backup_codes(user, codes: list[str] | None = None) -> list[str]:  # noqa: ANN001
    """Replace the user's backup codes with ``codes`` (default: BACKUP_CODE_COUNT random ones)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = codes or [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:  # noqa: ANN001
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_app_device(user) -> bool:  # noqa: ANN001
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
