"""Vietnamese by default whatever the browser asks for; English only when the user chooses it, and a
signed-in user's choice holds on every device and in every later session."""

import re

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


# --- the English UI: no Vietnamese left in headings, menus and table headers (names aside) -----------

VIETNAMESE_LETTER = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)
LABELS = re.compile(r"<(h[1-6]|a|button|th|caption|label|legend)\b[^>]*>(.*?)</\1>", re.S)


def _vietnamese_labels(html: str, names: list[str]) -> list[str]:
    found = []
    for _tag, inner in LABELS.findall(html):
        text = " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        for name in names:
            text = text.replace(name, "")
        if VIETNAMESE_LETTER.search(text):
            found.append(text)
    return found


def _names(world) -> list[str]:
    from assessment.models import Criterion
    from communes.models import Commune, District, Province, User

    units = [*Province.objects.all(), *District.objects.all(), *Commune.objects.all()]
    people = [u.get_full_name() for u in User.objects.all()]
    criteria = [f"{c.number} {c.name}" for c in Criterion.objects.all()]
    brand = "★ Điện Biên"  # the province's name in the brand
    names = [*criteria, *(u.name for u in units), *people, brand, "Điện Biên"]
    return sorted(names, key=len, reverse=True)


def test_the_english_pages_have_no_vietnamese_labels_left(client, world):
    from tests.assessment.factories import make_world_assessment

    make_world_assessment(world, scores=18)
    pages = {
        world.commune_user: [
            reverse("communes:commune-detail", args=[world.commune.code]),
            reverse("personnel:official-list", args=[world.commune.code]),
            reverse("assessment:score-current"),
        ],
        world.reviewer: [
            reverse("communes:district-detail", args=[world.district.code]),
            reverse("assessment:review-queue", args=[world.district.code]),
            reverse("reports:district-dashboard", args=[world.district.code]),
        ],
        world.province_user: [
            reverse("reports:province-dashboard"),
            reverse("assessment:confirm-list"),
            reverse("assessment:followups"),
            reverse("personnel:province-ratios"),
        ],
    }
    names = _names(world)
    left = {}
    for user, urls in pages.items():
        user.language = "en"
        user.save(update_fields=["language"])
        client.force_login(user)
        for url in urls:
            found = _vietnamese_labels(client.get(url, follow=True).content.decode(), names)
            if found:
                left[url] = found
    assert not left, left


def test_one_english_word_for_the_officials_in_the_menu_and_on_the_page(client, world):
    world.commune_user.language = "en"
    world.commune_user.save(update_fields=["language"])
    client.force_login(world.commune_user)
    page = client.get(reverse("personnel:official-list", args=[world.commune.code])).content.decode()
    address = reverse("personnel:official-list", args=[world.commune.code])
    assert f'href="{address}">Officials</a>' in page
    assert "<h1" in page and "Officials ·" in page


def test_the_province_dashboard_in_english_says_results_by_district(client, world):
    from tests.assessment.factories import make_world_assessment

    make_world_assessment(world, scores=18)
    world.province_user.language = "en"
    world.province_user.save(update_fields=["language"])
    client.force_login(world.province_user)
    page = client.get(reverse("reports:province-dashboard")).content.decode()
    assert "Results by district" in page
    assert "đơn vị cấp huyện" not in page.lower()
