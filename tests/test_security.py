from django.urls import reverse


def test_every_page_forbids_inline_script_and_framing(client, db):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_loads_anything_from_outside_the_portal(client, world):
    client.force_login(world.province_user)
    content = client.get(reverse("communes:commune-list")).content.decode()
    assert "http://" not in content and "https://" not in content


def test_signed_in_pages_send_the_hardening_headers(client, world):
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if part.strip())
    assert policy["script-src"] == "'self'" and "unsafe" not in policy["script-src"]
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'self'" and policy["form-action"] == "'self'"


def test_the_csrf_cookie_is_not_readable_by_scripts(client, db):
    """htmx takes the token from the page (base.html), so no script needs the cookie."""
    response = client.get(reverse("login"))
    assert response.cookies["csrftoken"]["httponly"]
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.content.decode()
