from django.urls import reverse


def test_the_login_page_is_in_vietnamese(client, db):
    response = client.get(reverse("login"))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'lang="vi"' in content
    assert "Đăng nhập" in content
    assert "Tên đăng nhập" in content


def test_the_language_switch_turns_the_page_to_english_and_back(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True)
    content = response.content.decode()
    assert 'lang="en"' in content
    assert "Sign in" in content
    response = client.post(reverse("set_language"), {"language": "vi", "next": reverse("login")}, follow=True)
    assert "Đăng nhập" in response.content.decode()


def test_each_role_lands_where_its_work_starts(client, world):
    for user, expected in [
        (world.commune_user, reverse("communes:commune-detail", args=[world.commune.code])),
        (world.reviewer, reverse("communes:district-detail", args=[world.district.code])),
        (world.province_user, reverse("reports:province-dashboard")),
    ]:
        client.force_login(user)
        assert client.get(reverse("home"))["Location"] == expected


def test_the_commune_page_shows_breadcrumbs_province_district_commune(client, world):
    client.force_login(world.reviewer)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    crumbs = content[content.index('class="breadcrumb') :]
    assert crumbs.index("Tỉnh Điện Biên") < crumbs.index("Huyện Mường Nhé") < crumbs.index("Xã Mường Nhé")


def test_commune_staff_do_not_see_the_commune_list_in_their_menu(client, world):
    client.force_login(world.commune_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "Xã của tôi" in content
    assert f'href="{reverse("communes:commune-list")}"' not in content


def test_repeated_failed_logins_lock_the_account(client, world):
    for _ in range(5):
        client.post(reverse("login"), {"username": world.commune_user.username, "password": "sai-mat-khau"})
    response = client.post(reverse("login"), {"username": world.commune_user.username, "password": "Mat-khau-thu-2021"})
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()


def test_a_correct_login_lands_on_the_users_commune(client, world):
    response = client.post(
        reverse("login"), {"username": world.commune_user.username, "password": "Mat-khau-thu-2021"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("communes:commune-detail", args=[world.commune.code])


def test_dates_are_shown_as_day_month_year(client, world):
    from datetime import date

    world.commune.valid_to = date(2025, 6, 30)
    world.commune.save()
    client.force_login(world.commune_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "30/06/2025" in content


def test_a_users_name_reads_family_name_first_as_in_vietnamese(client, world):
    assert world.commune_user.get_full_name() == "Nguyễn Văn A"
    client.force_login(world.commune_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "Nguyễn Văn A" in content and "Văn A Nguyễn" not in content
