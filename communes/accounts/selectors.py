"""Reads for the accounts pages: the users a manager may see, and whether their unit still stands."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from communes.models import Role, User


def users_in_scope(manager: User) -> QuerySet[User]:
    """The users province staff manage: those of their province (every user for an administrator)."""
    users = User.objects.select_related("province", "district", "commune").prefetch_related(
        "commune__successions_out__successor"
    )
    if manager.is_superuser:
        return users.order_by("username")
    if manager.role != Role.PROVINCE_STAFF or manager.province_id is None:
        return users.none()
    province = manager.province_id
    return users.filter(
        Q(province_id=province) | Q(district__province_id=province) | Q(commune__province_id=province)
    ).order_by("username")


@dataclass(frozen=True)
class AccountRow:
    user: User
    unit_name: str
    off_map_note: str  # empty when the unit stands on today's map


def account_rows(users: QuerySet[User], today: date) -> list[AccountRow]:
    """Each user with their unit's name and, for a unit merged away, a note naming where it went."""
    return [AccountRow(user, str(user.unit or ""), off_map_note(user, today)) for user in users]


def off_map_note(user: User, today: date) -> str:
    """Why ``user``'s unit is not on the map of ``today`` (empty when it is, or the user has none)."""
    unit = user.unit
    if unit is None or unit.is_valid_on(today):
        return ""
    successors = []
    if user.role == Role.COMMUNE_STAFF:
        successions = sorted(user.commune.successions_out.all(), key=lambda s: not s.is_main)
        successors = [s.successor.name for s in successions]
    if successors:
        return _("Đơn vị không còn trên bản đồ hiện hành (đã sáp nhập vào %(names)s)") % {
            "names": ", ".join(successors)
        }
    return _("Đơn vị không còn trên bản đồ hiện hành")
