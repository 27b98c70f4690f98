"""Administrative units (province, district, commune) and the portal's users with their scope.

Units are stored with the dates they are valid for and their successors: since 1 July 2025
Vietnam has no district level and many communes were merged, but an assessment stays with the
unit as it was in its year.
"""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from unidecode import unidecode


def fold(text: str) -> str:
    """Lower-case ASCII form of a name, so 'muong nhe' matches 'Mường Nhé'."""
    return " ".join(unidecode(text or "").lower().split())


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date) -> "UnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def search(self, text: str) -> "UnitQuerySet":
        folded = fold(text)
        return self.filter(search_name__contains=folded) if folded else self


class AdministrativeUnit(models.Model):
    code = models.CharField(_("Mã đơn vị (GSO)"), max_length=10, unique=True)
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
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="communes", null=True, blank=True
    )
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices)
    successors = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="predecessors")

    class Meta(AdministrativeUnit.Meta):
        verbose_name = _("Đơn vị hành chính cấp xã")
        verbose_name_plural = _("Đơn vị hành chính cấp xã")


class Role(models.TextChoices):
    COMMUNE_STAFF = "commune_staff", _("Cán bộ, công chức cấp xã")
    DISTRICT_REVIEWER = "district_reviewer", _("Phòng Nội vụ cấp huyện")
    PROVINCE_STAFF = "province_staff", _("Sở Nội vụ")


class User(AbstractUser):
    """A portal user: one role at one administrative unit (administrators use the Django admin)."""

    role = models.CharField(_("Vai trò"), max_length=20, choices=Role.choices, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, null=True, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")
        constraints = [
            models.CheckConstraint(
                name="user_scope_matches_role",
                condition=Q(role="")
                | Q(role="commune_staff", commune__isnull=False)
                | Q(role="district_reviewer", district__isnull=False)
                | Q(role="province_staff", province__isnull=False),
            )
        ]

    @property
    def unit(self) -> Province | District | Commune | None:
        return {
            Role.COMMUNE_STAFF: self.commune,
            Role.DISTRICT_REVIEWER: self.district,
            Role.PROVINCE_STAFF: self.province,
        }.get(self.role)

    @property
    def is_commune_staff(self) -> bool:
        return self.role == Role.COMMUNE_STAFF

    @property
    def is_district_reviewer(self) -> bool:
        return self.role == Role.DISTRICT_REVIEWER

    @property
    def is_province_staff(self) -> bool:
        return self.role == Role.PROVINCE_STAFF


# The commune profile lives in its own module; importing it here registers its models in this app.
from communes.profile_models import (  # noqa: E402,F401
    CommuneProfile,
    DialogueConference,
    NewRuralStatus,
    OfficeRecord,
    OneStopStatus,
    ProcedureStats,
    ReportPeriod,
    Village,
)
