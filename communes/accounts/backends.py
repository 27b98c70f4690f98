"""How a signed-in user is loaded on every request: with the units the header and the scope rules read.

Django's ``ModelBackend.get_user`` loads the user row alone; every page then reads the user's
commune, district or province (the header names the unit, the scope policy compares with it), one
query each. Loading them in the same query saves those on every page of every user.
"""

from django.contrib.auth.backends import ModelBackend

from communes.models import User

USER_UNITS = ("province", "district__province", "commune__district", "commune__province")


class PortalModelBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` joins the user's units (see the module docstring)."""

    def get_user(self, user_id):  # noqa: ANN001, ANN201 - Django's signature
        try:
            user = User._default_manager.select_related(*USER_UNITS).get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
