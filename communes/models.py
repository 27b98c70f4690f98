"""Administrative units (province, district, commune) and the portal's users with their scope.

Units are stored with the dates they are valid for and their successors: since 1 July 2025
Vietnam has no district level and many communes were merged, but an assessment stays with the
unit as it was in its year.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode


def fold(text: str) -> str:
    """Lower-case ASCII form of a name, so 'muong nhe' matches 'Mường Nhé'."""
    return " ".join(unidecode(text or "").lower().split())


# The reorganisation of 1 July 2025: the last day of the map with districts and the first of the new one.
OLD_MAP_LAST_DAY = date(2025, 6, 30)
NEW_MAP_FIRST_DAY = date(2025, 7, 1)


def valid_on_q(day: date, prefix: str = "") -> Q:
    """A filter for units (reached through ``prefix``) valid on ``day``."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def year_day(year: int) -> date:
    """The day whose map a year is assessed on: the units standing at the end of the year."""
    return date(year, 12, 31)


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "UnitQuerySet":
        return self.filter(valid_on_q(day))

    def with_code(self, code: str, on: date) -> "UnitQuerySet":
        """The unit that ``code`` names on ``day``; a code alone names nothing since codes are reused.

        When no unit with that code stands on ``day`` (an old link to a unit merged away whose code
        was not reused), the latest unit that had the code before that day is meant, else the first after.
        """
        same_code = self.filter(code=code)
        on_day = same_code.filter(valid_on_q(on))
        if on_day.exists():
            return on_day
        before = same_code.filter(valid_to__lt=on).order_by("-valid_to")[:1]
        if before.exists():
            return self.filter(pk__in=before.values("pk"))
        return self.filter(pk__in=same_code.order_by("valid_from").values("pk")[:1])

    def search(self, text: str) -> "UnitQuerySet":
        folded = fold(text)
        return self.filter(search_name__contains=folded) if folded else self


class AdministrativeUnit(models.Model):
    # Not unique: GSO codes are reused after a reorganisation, often with a new name. A code is
    # unique among the units valid on the same day (the import keeps it so).
    code = models.CharField(_("Mã đơn vị (GSO)"), max_length=10, db_index=True)
    name = models.CharField(_("Tên"), max_length=120)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)
    valid_from = models.DateField(_("Hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Province(AdministrativeUnit):
    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("Tỉnh")
        verbose_name_plural = _("Tỉnh")


class District(AdministrativeUnit):
    class Kind(models.TextChoices):
        CITY = "city", _("Thành phố")
        TOWN = "town", _("Thị xã")
        RURAL = "rural", _("Huyện")
        URBAN = "urban", _("Quận")

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    successors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="predecessors")

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("Đơn vị hành chính cấp huyện")
        verbose_name_plural = _("Đơn vị hành chính cấp huyện")


class Commune(AdministrativeUnit):
    class Kind(models.TextChoices):
        COMMUNE = "commune", _("Xã")
        WARD = "ward", _("Phường")
        TOWNSHIP = "township", _("Thị trấn")

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes")
    # Null for communes created after the district level was abolished (1 July 2025).
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="communes", null=True, blank=True)
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        through="Succession",
        through_fields=("predecessor", "successor"),
    )

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("Đơn vị hành chính cấp xã")
        verbose_name_plural = _("Đơn vị hành chính cấp xã")

    @property
    def has_district(self) -> bool:
        return self.district_id is not None


class Succession(models.Model):
    """An old commune's part in a new one: a commune split between several names each, one main."""

    predecessor = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="successions_out", verbose_name=_("Đơn vị trước sáp nhập")
    )
    successor = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="successions_in", verbose_name=_("Đơn vị kế thừa")
    )
    # The successor that carries the old commune's officials, users and open business.
    is_main = models.BooleanField(_("Đơn vị kế thừa chính"), default=True)
    effective_date = models.DateField(_("Ngày hiệu lực"), default=NEW_MAP_FIRST_DAY)

    class Meta:
        verbose_name = _("Sắp xếp đơn vị hành chính")
        verbose_name_plural = _("Sắp xếp đơn vị hành chính")
        constraints = [models.UniqueConstraint(fields=["predecessor", "successor"], name="one_succession_per_pair")]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Role(models.TextChoices):
    COMMUNE_STAFF = "commune_staff", _("Cán bộ, công chức cấp xã")
    DISTRICT_REVIEWER = "district_reviewer", _("Phòng Nội vụ cấp huyện")
    # Years without a district level (from 1 July 2025): Sở Nội vụ staff who appraise submissions.
    PROVINCE_REVIEWER = "province_reviewer", _("Chuyên viên thẩm định của Sở Nội vụ")
    PROVINCE_STAFF = "province_staff", _("Sở Nội vụ")


class User(AbstractUser):
    """A portal user: one role at one administrative unit (administrators use the Django admin)."""

    role = models.CharField(_("Vai trò"), max_length=20, choices=Role.choices, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True)
    # A province reviewer answers for these communes; none listed means every commune of the province.
    review_communes = models.ManyToManyField(
        Commune, blank=True, related_name="province_reviewers", verbose_name=_("Xã được phân công thẩm định")
    )
    # The portal answers in Vietnamese unless the user chose another language (communes.middleware).
    language = models.CharField(_("Ngôn ngữ"), max_length=10, choices=settings.LANGUAGES, default="vi")
    # Set on accounts created for someone else (communes.accounts): every page sends the user to set
    # a password of their own until they do (communes.middleware.PasswordSetupMiddleware).
    must_set_password = models.BooleanField(_("Phải đặt mật khẩu mới"), default=False)

    def get_full_name(self) -> str:
        """The name as Vietnamese write it: family name (``last_name``, họ) first, "Nguyễn Văn A"."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")
        constraints = [
            models.CheckConstraint(
                name="user_scope_matches_role",
                condition=Q(role="")
                | Q(role="commune_staff", commune__isnull=False)
                | Q(role="district_reviewer", district__isnull=False)
                | Q(role="province_reviewer", province__isnull=False)
                | Q(role="province_staff", province__isnull=False),
            )
        ]

    @property
    def unit(self) -> Province | District | Commune | None:
        return {
            Role.COMMUNE_STAFF: self.commune,
            Role.DISTRICT_REVIEWER: self.district,
            Role.PROVINCE_REVIEWER: self.province,
            Role.PROVINCE_STAFF: self.province,
        }.get(self.role)

    @property
    def is_commune_staff(self) -> bool:
        return self.role == Role.COMMUNE_STAFF

    @property
    def is_district_reviewer(self) -> bool:
        return self.role == Role.DISTRICT_REVIEWER

    @property
    def is_province_reviewer(self) -> bool:
        return self.role == Role.PROVINCE_REVIEWER

    @property
    def is_province_staff(self) -> bool:
        return self.role == Role.PROVINCE_STAFF


# The commune profile lives in its own module; importing it here registers its models in this app.
from communes.notifications.models import (  # noqa: E402,F401 - the notifications' models are this app's
    EmailStatus,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from communes.profile.models import (  # noqa: E402,F401
    CommuneProfile,
    DialogueConference,
    NewRuralStatus,
    OfficeRecord,
    OneStopStatus,
    ProcedureStats,
    ReportPeriod,
    Village,
)
