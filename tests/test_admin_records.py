"""The records users enter on the duties pages are shown in the admin, never edited there (the pages'
services check them: ceilings and reasons, totals, quarters, the level after 01/07/2025)."""

import pytest
from django.urls import reverse

from communes.models import User

MODELS = [
    "assessment_officialrating",
    "assessment_followupaction",
    "communes_citizenreception",
    "communes_governanceyear",
    "communes_coachingvisit",
]


@pytest.fixture
def admin_client_verified(client, db):
    admin = User.objects.create_superuser("quantri.test", "qt@example.vn", "mat-khau-dai-123")
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_the_records_and_offers_no_way_to_edit_them(admin_client_verified, model):
    listing = admin_client_verified.get(reverse(f"admin:{model}_changelist"))
    assert listing.status_code == 200
    assert reverse(f"admin:{model}_add") not in listing.content.decode()
    assert admin_client_verified.get(reverse(f"admin:{model}_add")).status_code == 403
