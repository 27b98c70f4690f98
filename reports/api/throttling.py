"""Each client system has its own request budget (``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_client"]``)."""

from typing import TYPE_CHECKING

from rest_framework.throttling import SimpleRateThrottle

from reports.models import ApiClient

if TYPE_CHECKING:  # DRF's views import this module through its settings
    from rest_framework.request import Request
    from rest_framework.views import APIView


class ApiClientRateThrottle(SimpleRateThrottle):
    scope = "api_client"

    def get_cache_key(self, request: "Request", view: "APIView") -> str | None:
        if not isinstance(request.auth, ApiClient):
            return None  # refused by the permission check anyway
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
