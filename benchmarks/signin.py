"""Signing the benchmark's users in past the second factor (communes.security), as a right code would.

The measured pages are behind two-factor sign-in for reviewers and province staff: each user gets a
confirmed backup-code device and the session is marked verified by it, as django-otp does after a
right code (the verification itself is not what is measured)."""


def verified_device_id(user) -> str:  # noqa: ANN001 - User
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(user=user, name="benchmark", defaults={"confirmed": True})
    return device.persistent_id


def sign_in(client, user) -> None:  # noqa: ANN001 - django.test.Client, User
    """``client.force_login(user)``, with the session past the second factor."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = verified_device_id(user)
    session.save()
