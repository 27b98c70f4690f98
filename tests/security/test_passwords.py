"""Weak passwords are refused, with the reason, wherever a password is chosen."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

OLD = "Mat-khau-thu-2021"


@pytest.mark.parametrize("weak", ["Dbien@21", "1234567890123", "password123", "nguyenvana2021"])
def test_weak_passwords_are_refused(db, weak):
    user = UserFactory.build(username="nguyenvana", first_name="Văn A", last_name="Nguyễn")
    with pytest.raises(ValidationError):
        validate_password(weak, user)


def test_a_long_unusual_password_is_accepted(db):
    validate_password("Ban-Sin-Thau@2021", UserFactory.build(username="xa.sinthau"))


def test_the_password_change_page_refuses_a_weak_password_and_keeps_the_old_one(client, world):
    user = world.commune_user
    client.force_login(user)
    response = client.post(
        reverse("password_change"), {"old_password": OLD, "new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 200
    assert "Mật khẩu" in response.content.decode()
    assert response.context["form"].errors["new_password2"]
    user.refresh_from_db()
    assert user.check_password(OLD)
