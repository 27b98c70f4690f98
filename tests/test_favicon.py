"""The portal's icon: pages name it, and browsers that ask for /favicon.ico get it instead of a 404."""

from django.test import override_settings
from django.urls import reverse


@override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True)  # serve static files as in production
def test_favicon_ico_leads_to_the_portal_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    body = b"".join(icon.streaming_content) if icon.streaming else icon.content
    assert body.startswith(b"<svg") and b"#9b1c1c" in body  # the portal's red
    assert len(body) < 1024  # a few hundred bytes: commune offices have slow links


def test_the_login_page_and_the_portal_pages_name_the_icon(client, world):
    icon = '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">'
    assert icon in client.get(reverse("login")).content.decode()
    client.force_login(world.commune_user)
    assert icon in client.get(reverse("home"), follow=True).content.decode()
