"""Writes for onboarding: creating accounts from a checked plan or one per commune, and their links.

A new account has no usable password: its owner sets one through a one-time link (Django's
password-reset token, which stops working once the password is set and expires after
settings.PASSWORD_RESET_TIMEOUT). The link is shown to the manager and, when the user has an email,
sent by a background job; a failed send never undoes the account.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from communes.accounts.workbook import PlannedUser, UserPlan
from communes.models import Commune, Role, User, fold, year_day

logger = logging.getLogger(__name__)


class AccountsError(Exception):
    """A request the accounts services refuse (shown to the manager as a message)."""


@dataclass(frozen=True)
class NewAccount:
    user: User
    unit_name: str
    link: str  # absolute one-time link to set the password


def set_password_path(user: User) -> str:
    """The one-time path at which ``user`` sets a password (Django's reset-confirm view)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def link_expiry(today: date | None = None) -> date:
    """The last day a link made today still works."""
    return (today or timezone.localdate()) + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def _new_user(*, username: str, full_name: str = "", email: str = "", role: str, **unit: object) -> User:
    family, _space, given = full_name.strip().rpartition(" ")
    user = User(username=username, email=email, role=role, last_name=family, first_name=given, **unit)
    user.set_unusable_password()
    user.must_set_password = True
    return user


def _finish(users: list[User], base_url: str) -> list[NewAccount]:
    """Give each created user a link and queue the emails for after the commit."""
    accounts = [NewAccount(u, str(u.unit or ""), base_url.rstrip("/") + set_password_path(u)) for u in users]
    ids = [u.pk for u in users if u.email]
    transaction.on_commit(lambda: _queue_emails(ids, base_url))
    return accounts


def _queue_emails(user_ids: list[int], base_url: str) -> None:
    from communes.tasks import send_set_password_email

    for user_id in user_ids:
        try:
            send_set_password_email.delay(user_id, base_url)
        except Exception:  # a broker that is down must not lose the accounts: the links are shown
            logger.exception("could not queue the set-password email of user %s", user_id)


def users_create(*, manager: User, plan: UserPlan, base_url: str) -> list[NewAccount]:
    """Create the accounts of a checked upload (all or none); returns them with their links."""
    if not plan.valid:
        raise AccountsError("the plan has errors")
    with transaction.atomic():
        users = User.objects.bulk_create([_from_plan(row) for row in plan.rows])
        return _finish(users, base_url)


def _from_plan(row: PlannedUser) -> User:
    return _new_user(
        username=row.username,
        full_name=row.full_name,
        email=row.email,
        role=row.role,
        province=row.province,
        district=row.district,
        commune=row.commune,
    )


def commune_username_base(commune: Commune) -> str:
    """'Xã Mường Nhé' -> 'xa.muongnhe': the kind, a dot, then the name folded without spaces."""
    kind = fold(str(Commune.Kind(commune.kind).label)) if commune.kind else ""
    name = fold(commune.name)
    if kind and name.startswith(kind + " "):
        name = name[len(kind) + 1 :]
    prefix = kind.replace(" ", "") or "xa"
    return f"{prefix}.{''.join(ch for ch in name if ch.isalnum())}"


def _unique(base: str, taken: set[str]) -> str:
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}{number}"
    taken.add(name)
    return name


def commune_accounts_create(*, manager: User, year: int, base_url: str) -> tuple[list[NewAccount], int]:
    """One commune-staff account for each commune of ``year``'s map in the manager's province that has
    none yet; returns the new accounts and how many communes were skipped for having one."""
    communes = Commune.objects.valid_on(year_day(year)).select_related("province", "district").order_by("code")
    if not manager.is_superuser:
        communes = communes.filter(province_id=manager.province_id)
    communes = list(communes)
    staffed = set(
        User.objects.filter(role=Role.COMMUNE_STAFF, commune__in=communes).values_list("commune_id", flat=True)
    )
    todo = [c for c in communes if c.pk not in staffed]
    bases = {commune_username_base(c) for c in todo}
    taken = _taken_like(bases)
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                _new_user(
                    username=_unique(commune_username_base(c), taken),
                    role=Role.COMMUNE_STAFF,
                    commune=c,
                    district=c.district,
                    province=c.province,
                )
                for c in todo
            ]
        )
        return _finish(users, base_url), len(staffed)


def _taken_like(bases: set[str]) -> set[str]:
    """The usernames already starting with one of ``bases`` (one query)."""
    if not bases:
        return set()
    query = Q()
    for base in bases:
        query |= Q(username__istartswith=base)
    return {name.lower() for name in User.objects.filter(query).values_list("username", flat=True)}
