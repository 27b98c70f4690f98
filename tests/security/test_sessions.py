"""A session ends after a period without requests, and every request starts that period again."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone


def _session(client) -> Session:
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def test_sessions_expire_within_a_working_day_of_inactivity():
    assert 0 < settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


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
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]))
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
