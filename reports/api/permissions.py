"""Who may read the API: a client system that authenticated with its token, nobody else."""

from typing import TYPE_CHECKING

from rest_framework.permissions import BasePermission

from communes.permissions import NOTHING, UnitScope
from reports.models import ApiClient

if TYPE_CHECKING:  # DRF's views import this module through its settings
    from rest_framework.request import Request
    from rest_framework.views import APIView


class IsApiClient(BasePermission):
    """Token-only: an anonymous request, or a portal user's session, gets 401."""

    def has_permission(self, request: "Request", view: "APIView") -> bool:
        return isinstance(request.auth, ApiClient)


def scope_of(request: "Request") -> UnitScope:
    """The scope of the client making ``request`` (set by the authentication); nothing otherwise
    (the schema generator's requests)."""
    return getattr(request.auth, "scope", NOTHING)
