"""``Authorization: Bearer <token>``: the token of an active :class:`~reports.models.ApiClient`."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from reports.models import ApiClient
from reports.services.api_clients import token_hash

KEYWORD = "Bearer"
# "Dùng lần cuối" is written at most once a minute per client: one UPDATE, never one per request.
LAST_USED_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(BaseAuthentication):
    """Finds the client by the SHA-256 of its token (the token itself is never stored)."""

    def authenticate(self, request: Request) -> tuple[ApiClient, ApiClient] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Tiêu đề Authorization phải là: Bearer <mã truy cập>."))
        try:
            token = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        client = ApiClient.objects.filter(token_hash=token_hash(token)).first()
        if client is None or not client.is_active:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ hoặc đã bị thu hồi."))
        client.scope = client.unit_scope()
        _touch(client)
        return client, client

    def authenticate_header(self, request: Request) -> str:
        return f'{KEYWORD} realm="api"'


def _touch(client: ApiClient) -> None:
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_PRECISION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The schema's security scheme: HTTP bearer."""

    target_class = ApiTokenAuthentication
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):  # noqa: ANN001, ANN201 - drf-spectacular's hook
        return {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer <token>"}
