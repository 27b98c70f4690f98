"""An administrator issues a client system's token in the admin: shown once, then only its hash is kept."""

import re

from django.urls import reverse

from reports.models import ApiClient
from reports.services.api_clients import token_hash
from tests.factories import UserFactory


def _admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    return admin


def _token_in(response) -> str:
    text = " ".join(str(m) for m in response.context["messages"])
    found = re.findall(r": (\S{40,}) —", text)
    assert found, text
    return found[-1]


def test_adding_a_client_shows_its_token_once_and_keeps_only_the_hash(client, world):
    admin = _admin(client)
    response = client.post(
        reverse("admin:reports_apiclient_add"),
        {"name": "Phần mềm chỉ số CCHC", "province": world.province.pk, "communes": [], "is_active": "on"},
        follow=True,
    )
    token = _token_in(response)
    api_client = ApiClient.objects.get()
    assert api_client.token_hash == token_hash(token) and api_client.created_by == admin
    change = client.get(reverse("admin:reports_apiclient_change", args=[api_client.pk]))
    assert token not in change.content.decode()
    assert token not in client.get(reverse("admin:reports_apiclient_changelist")).content.decode()
    assert client.get(reverse("api:year-list"), HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_a_new_token_replaces_the_old_one(client, world):
    _admin(client)
    client.post(
        reverse("admin:reports_apiclient_add"),
        {"name": "Hệ thống báo cáo", "province": world.province.pk, "is_active": "on"},
    )
    first = ApiClient.objects.get()
    old_hash = first.token_hash
    response = client.post(
        reverse("admin:reports_apiclient_changelist"),
        {"action": "issue_new_tokens", "_selected_action": [first.pk]},
        follow=True,
    )
    token = _token_in(response)
    first.refresh_from_db()
    assert first.token_hash == token_hash(token) != old_hash


def test_a_client_limited_to_communes_of_another_province_is_refused(client, world):
    _admin(client)
    response = client.post(
        reverse("admin:reports_apiclient_add"),
        {
            "name": "Hệ thống xã",
            "province": world.province.pk,
            "communes": [world.foreign_commune.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 200 and not ApiClient.objects.exists()
