"""Demo data for the embedded portal: Điện Biên's real units and one user per role and scope."""

from django.conf import settings

from communes.models import Commune, District, Province, Role, User
from communes.profile_demo import seed_profiles
from communes.services import divisions_import

DEMO_PASSWORD = "DienBien@2021"

# (username, full name, role, unit code): two communes in different districts, two reviewers.
DEMO_USERS = [
    ("sonoivu", "Lò Văn Minh", Role.PROVINCE_STAFF, "11"),
    ("pnv.dienbien", "Nguyễn Thị Hoa", Role.DISTRICT_REVIEWER, "100"),
    ("pnv.muongnhe", "Giàng A Sử", Role.DISTRICT_REVIEWER, "96"),
    ("xa.thanhxuong", "Lường Văn Thắng", Role.COMMUNE_STAFF, "3334"),
    ("xa.muongnhe", "Sùng A Páo", Role.COMMUNE_STAFF, "3160"),
]


def seed() -> list[str]:
    """Load Điện Biên and create the demo users (idempotent); return lines to print."""
    divisions_import(province_codes=[str(settings.PORTAL_PROVINCE_CODE)])
    lines = []
    for username, full_name, role, code in DEMO_USERS:
        user = _demo_user(username, full_name, role, code)
        lines.append(f"{user.username:16} {user.get_role_display()} · {user.unit}")
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    lines.append("admin            Administrator (Django admin)")
    lines += seed_profiles()
    return lines


def _demo_user(username: str, full_name: str, role: str, code: str) -> User:
    last, _, first = full_name.rpartition(" ")
    scope = {
        Role.PROVINCE_STAFF: lambda: {"province": Province.objects.get(code=code)},
        Role.DISTRICT_REVIEWER: lambda: {"district": District.objects.get(code=code)},
        Role.COMMUNE_STAFF: lambda: {"commune": Commune.objects.get(code=code)},
    }[role]()
    unit = next(iter(scope.values()))
    scope["province"] = scope.get("province") or unit.province
    if role == Role.COMMUNE_STAFF:
        scope["district"] = unit.district
    # Province staff manage criteria sets, thresholds and users in the admin too.
    is_staff = role == Role.PROVINCE_STAFF
    user, created = User.objects.update_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "role": role, "is_staff": is_staff, **scope},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user
