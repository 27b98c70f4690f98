"""Client systems of the web API for the tests: an ApiClient with its token."""

from django.core.cache import cache

from communes.models import Commune, Province
from reports.models import ApiClient
from reports.services.api_clients import api_client_issue_token


def issue(province: Province, communes: list[Commune] = (), *, name: str = "Hệ thống báo cáo", active: bool = True):
    """A client of ``province`` (only ``communes`` when given) and its token's Authorization header."""
    client = ApiClient(name=name, province=province, is_active=active)
    token = api_client_issue_token(client=client, issued_by=None)
    if communes:
        client.communes.set(communes)
    return client, {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def fresh_throttle() -> None:
    """Throttle counters live in the cache and client ids repeat between tests: start each test at zero."""
    cache.clear()
