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
