"""Vietnamese by default whatever the browser asks for; English only when the user chooses it, and a
signed-in user's choice holds on every device and in every later session."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def _choose(client: Client, language: str):
    return client.post(reverse("set_language"), {"language": language, "next": reverse("login")})


def test_a_browser_asking_for_english_gets_vietnamese(client, db):
    response = client.get(reverse("login"), **ENGLISH_BROWSER)
    assert _lang(response) == "vi"
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_a_signed_in_user_gets_vietnamese_from_an_english_browser(client, world):
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]), **ENGLISH_BROWSER)
    assert _lang(response) == "vi"


def test_a_visitor_who_chooses_english_gets_english_until_choosing_again(client, db):
    _choose(client, "en")
    assert _lang(client.get(reverse("login"))) == "en"
    _choose(client, "vi")
    assert _lang(client.get(reverse("login"), **ENGLISH_BROWSER)) == "vi"


def test_a_users_choice_is_stored_and_follows_them_to_another_device(client, world):
    client.force_login(world.commune_user)
    _choose(client, "en")
    world.commune_user.refresh_from_db()
    assert world.commune_user.language == "en"

    other_device = Client()  # no cookie of the first one
    other_device.force_login(world.commune_user)
    page = other_device.get(reverse("communes:commune-detail", args=[world.commune.code]))
    assert _lang(page) == "en"
    assert page.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_stored_choice_wins_over_the_cookie_left_by_someone_else(client, world):
    _choose(client, "en")  # chosen on the sign-in page of a shared computer
    client.force_login(world.commune_user)  # whose stored language is Vietnamese
    assert _lang(client.get(reverse("communes:commune-detail", args=[world.commune.code]))) == "vi"


def test_an_unknown_language_is_ignored(client, world):
    client.force_login(world.commune_user)
    client.post(reverse("set_language"), {"language": "fr", "next": reverse("login")})
    world.commune_user.refresh_from_db()
    assert world.commune_user.language == "vi"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.logout()
    assert _lang(client.get(reverse("login"))) == "vi"


def test_new_users_start_in_vietnamese(world):
    assert world.province_user.language == "vi"
