"""How a signed-in user is loaded on every request: with the units the header and the scope rules read.

Django's ``ModelBackend.get_user`` loads the user row alone; every page then reads the user's
commune, district or province (the header names the unit, the scope policy compares with it), one
query each. Loading them in the same query saves those on every page of every user. The three
units are joined once each and wired to each other (a commune's district and province are the
user's own): joining them again through the commune would only make the query longer to plan.
"""

from django.contrib.auth.backends import ModelBackend

from communes.models import User

USER_UNITS = ("province", "district", "commune")


class PortalModelBackend(ModelBackend):
    """``ModelBackend`` whose ``get_user`` joins the user's units (see the module docstring)."""

    def get_user(self, user_id):  # noqa: ANN001, ANN201 - Django's signature
        try:
            user = User._default_manager.select_related(*USER_UNITS).get(pk=user_id)
        except User.DoesNotExist:
            return None
        _wire_units(user)
        return user if self.user_can_authenticate(user) else None


def _wire_units(user: User) -> None:
    """Point the commune's and the district's units at the user's own when they are the same rows
    (a unit that differs stays for its own query, as without this)."""
    province, district, commune = user.province, user.district, user.commune
    if district is not None and province is not None and district.province_id == province.pk:
        district.province = province
    if commune is not None:
        if district is not None and commune.district_id == district.pk:
            commune.district = district
        if province is not None and commune.province_id == province.pk:
            commune.province = province
