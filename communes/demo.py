"""Demo data for the embedded portal: Điện Biên's real units on both maps and one user per role and scope.

The old map (10 districts, 129 communes, until 30/06/2025) keeps its district reviewers and the staff
of two old communes, who show 2019-2024. The new map (45 communes, no district, from 01/07/2025) has
two province reviewers who share its communes and the staff of two merged communes, who do 2026.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune, District, Province, Role, User
from communes.profile.demo import seed_profiles
from communes.profile.demo_duties import seed_duties
from communes.security import two_factor_required
from communes.security.services import APP_DEVICE_NAME, new_backup_codes
from communes.services import divisions_import

DEMO_PASSWORD = "DienBien@2021"
OLD_DAY, NEW_DAY = OLD_MAP_LAST_DAY, date(2026, 12, 31)
OLD_MAP = "2019-2024, bản đồ cũ (129 xã)"
NEW_MAP = "2025-2026, bản đồ mới (45 xã)"
# Two-factor sign-in in the demo (README "Mã xác thực của tài khoản demo"): every account that needs it
# has an authenticator-app device with this one fixed key (type DEMO_TOTP_SECRET into the app) and
# these backup codes, restored at each seed. Demo only: a real account gets its own random key.
DEMO_TOTP_KEY = b"DienBien-2FA-demo!!!".hex()
DEMO_TOTP_SECRET = "IRUWK3SCNFSW4LJSIZAS2ZDFNVXSCIJB"  # the key in base32, as apps ask for it
DEMO_BACKUP_CODES = ["dbdemo01", "dbdemo02", "dbdemo03", "dbdemo04", "dbdemo05"]
# Province reviewer groups on the new map, by the former district of a new commune's predecessors.
REVIEW_GROUPS = {"thamdinh.1": {"94", "99", "100", "101", "102"}, "thamdinh.2": {"95", "96", "97", "98", "103"}}


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    code: str  # the unit's code on ``day``
    day: date
    shows: str  # the year and map the user's landing page shows


DEMO_USERS = [
    DemoUser("sonoivu", "Lò Văn Minh", Role.PROVINCE_STAFF, "11", NEW_DAY, "2026, bản đồ mới (45 xã); mọi năm"),
    DemoUser("thamdinh.1", "Trần Thị Thu Hà", Role.PROVINCE_REVIEWER, "11", NEW_DAY, NEW_MAP),
    DemoUser("thamdinh.2", "Vừ A Dính", Role.PROVINCE_REVIEWER, "11", NEW_DAY, NEW_MAP),
    DemoUser("phuong.muongthanh", "Lò Thị Ngọc", Role.COMMUNE_STAFF, "3334", NEW_DAY, NEW_MAP),
    DemoUser("xa.muongnhe.moi", "Giàng A Chứ", Role.COMMUNE_STAFF, "3160", NEW_DAY, NEW_MAP),
    DemoUser("pnv.dienbien", "Nguyễn Thị Hoa", Role.DISTRICT_REVIEWER, "100", OLD_DAY, OLD_MAP),
    DemoUser("pnv.muongnhe", "Giàng A Sử", Role.DISTRICT_REVIEWER, "96", OLD_DAY, OLD_MAP),
    DemoUser("xa.thanhxuong", "Lường Văn Thắng", Role.COMMUNE_STAFF, "3334", OLD_DAY, OLD_MAP),
    DemoUser("xa.muongnhe", "Sùng A Páo", Role.COMMUNE_STAFF, "3160", OLD_DAY, OLD_MAP),
]


def seed() -> list[str]:
    """Load Điện Biên and create the demo users (idempotent); return lines to print."""
    divisions_import(province_codes=[str(settings.PORTAL_PROVINCE_CODE)])
    groups = review_groups()
    lines = []
    for demo in DEMO_USERS:
        user = _demo_user(demo)
        if demo.role == Role.PROVINCE_REVIEWER:
            user.review_communes.set(groups[demo.username])
        lines.append(f"{user.username:18} {user.get_role_display()} · {_scope(user, demo)} · {demo.shows}")
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    lines.append(f"{'admin':18} Administrator (Django admin)")
    lines += demo_two_factor([*User.objects.filter(username__in=[d.username for d in DEMO_USERS]), admin])
    lines += seed_profiles()
    lines += seed_duties()
    return lines


def review_groups() -> dict[str, list[Commune]]:
    """The new communes each demo province reviewer answers for (by their predecessors' district)."""
    groups: dict[str, list[Commune]] = {name: [] for name in REVIEW_GROUPS}
    new = (
        Commune.objects.filter(province__code=str(settings.PORTAL_PROVINCE_CODE))
        .valid_on(NEW_MAP_FIRST_DAY)
        .prefetch_related("predecessors__district")
        .order_by("code")
    )
    for commune in new:
        districts = sorted(p.district.code for p in commune.predecessors.all() if p.district)
        home = max(districts, key=lambda d: (districts.count(d), -districts.index(d)), default="")
        name = next((n for n, codes in REVIEW_GROUPS.items() if home in codes), "thamdinh.1")
        groups[name].append(commune)
    return groups


def _scope(user: User, demo: DemoUser) -> str:
    if demo.role == Role.PROVINCE_REVIEWER:
        return f"{user.unit}, {user.review_communes.count()} xã"
    return str(user.unit)


def _demo_user(demo: DemoUser) -> User:
    last, _, first = demo.full_name.rpartition(" ")
    scope = {
        Role.PROVINCE_STAFF: lambda: {"province": Province.objects.valid_on(demo.day).get(code=demo.code)},
        Role.PROVINCE_REVIEWER: lambda: {"province": Province.objects.valid_on(demo.day).get(code=demo.code)},
        Role.DISTRICT_REVIEWER: lambda: {"district": District.objects.valid_on(demo.day).get(code=demo.code)},
        Role.COMMUNE_STAFF: lambda: {"commune": Commune.objects.valid_on(demo.day).get(code=demo.code)},
    }[demo.role]()
    unit = next(iter(scope.values()))
    scope["province"] = scope.get("province") or unit.province
    if demo.role == Role.COMMUNE_STAFF:
        scope["district"] = unit.district
    # Province staff manage criteria sets, thresholds and users in the admin too.
    is_staff = demo.role == Role.PROVINCE_STAFF
    user, created = User.objects.update_or_create(
        username=demo.username,
        defaults={"first_name": first, "last_name": last, "role": demo.role, "is_staff": is_staff, **scope},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_two_factor(users: list[User]) -> list[str]:
    """Give each of ``users`` who needs a second factor the demo's app key and backup codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    names = []
    for user in users:
        if not two_factor_required(user):
            continue
        TOTPDevice.objects.update_or_create(
            user=user, name=APP_DEVICE_NAME, defaults={"key": DEMO_TOTP_KEY, "confirmed": True}
        )
        new_backup_codes(user, list(DEMO_BACKUP_CODES))
        names.append(user.username)
    return [
        f"Mã xác thực (2FA) cho {', '.join(names)}: nhập khóa {DEMO_TOTP_SECRET} vào ứng dụng xác thực "
        f"(Google Authenticator, FreeOTP...), hoặc dùng mã dự phòng {', '.join(DEMO_BACKUP_CODES)} "
        "(mỗi mã một lần; seed_demo cấp lại)."
    ]
