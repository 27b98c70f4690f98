"""Tokens of the web API's client systems: issued by an administrator, shown once, kept as a hash."""

import hashlib
import secrets

from django.db import transaction

from communes.models import User
from reports.models import ApiClient

TOKEN_BYTES = 32  # secrets.token_urlsafe(32): 43 characters, 256 bits


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()


def api_client_issue_token(*, client: ApiClient, issued_by: User | None) -> str:
    """Give ``client`` a new random token and return it: the only time it exists in clear.

    The client keeps only its hash and first characters; a token issued before stops working at once.
    Saves ``client`` (a new one too).
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    client.token_hash = token_hash(token)
    client.token_prefix = token[:8]
    if client.pk is None and issued_by is not None:
        client.created_by = issued_by
    with transaction.atomic():
        client.save()
    return token
