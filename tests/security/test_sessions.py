"""A session ends after a period without requests, and requests start that period again (without
writing the session row on every page: communes.sessions)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone


def _session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_sessions_expire_within_a_working_day_of_inactivity():
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert 0 < settings.SESSION_RENEW_AFTER <= 15 * 60


def test_a_page_soon_after_the_last_renewal_does_not_write_the_session(client, world, django_assert_max_num_queries):
    client.force_login(world.commune_user)
    session = _session(client)
    page = reverse("communes:commune-detail", args=[world.commune.code])
    client.get(page)
    stored = _session(client).expire_date
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    assert _session(client).expire_date == stored
    assert not [q for q in queries.captured_queries if 'UPDATE "django_session"' in q["sql"]]
    assert session.pk


def test_a_session_idle_longer_than_the_renewal_step_is_renewed(client, world):
    client.force_login(world.commune_user)
    session = _session(client)
    step = timedelta(seconds=settings.SESSION_COOKIE_AGE - settings.SESSION_RENEW_AFTER - 60)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + step)
    assert client.get(reverse("communes:commune-detail", args=[world.commune.code])).status_code == 200
    renewed = _session(client).expire_date
    assert abs((renewed - (timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE))).total_seconds()) < 60


def test_each_request_pushes_the_expiry_back(client, world):
    client.force_login(world.commune_user)
    session = _session(client)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]))
    assert response.status_code == 200
    renewed = _session(client).expire_date
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((renewed - expected).total_seconds()) < 60
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_an_idle_session_is_sent_back_to_the_login_page(client, world):
    client.force_login(world.commune_user)
    session = _session(client)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    page = reverse("communes:commune-detail", args=[world.commune.code])
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_session_cookie_is_out_of_reach_of_scripts_and_other_sites(client, world):
    client.force_login(world.commune_user)
    # The cookie is sent whenever the session is written: here, renewed after a long pause.
    Session.objects.filter(pk=_session(client).pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
