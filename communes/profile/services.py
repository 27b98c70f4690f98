"""Writes to the commune profile: each a keyword-only function in one transaction."""

from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from communes.models import Commune, User
from communes.profile.models import CommuneProfile, DialogueConference, OfficeRecord, ProcedureStats, Village


class ProfileError(Exception):
    """A change refused for a reason the user can act on; the message is shown as is."""


@transaction.atomic
def commune_profile_save(*, commune: Commune, data: dict[str, Any]) -> CommuneProfile:
    """Set the commune's new-rural status (it decides the 95% target for its officials)."""
    profile, _created = CommuneProfile.objects.select_for_update().get_or_create(commune=commune)
    for field, value in data.items():
        setattr(profile, field, value)
    if profile.new_rural_status == "none":
        profile.new_rural_year = None
    profile.save()
    return profile


def _upsert(model: type, lookup: dict[str, Any], data: dict[str, Any], user: User | None):
    record = model.objects.select_for_update().filter(**lookup).first() or model(**lookup)
    for field, value in data.items():
        setattr(record, field, value)
    record.updated_by = user
    record.save()
    return record


@transaction.atomic
def office_record_save(*, commune: Commune, year: int, data: dict[str, Any], user: User | None = None) -> OfficeRecord:
    """Create or replace the commune's office and equipment record for ``year``."""
    return _upsert(OfficeRecord, {"commune": commune, "year": year}, data, user)


@transaction.atomic
def procedure_stats_save(
    *, commune: Commune, year: int, period: str, data: dict[str, Any], user: User | None = None
) -> ProcedureStats:
    """Create or replace the commune's administrative-procedure figures for a period."""
    return _upsert(ProcedureStats, {"commune": commune, "year": year, "period": period}, data, user)


@transaction.atomic
def dialogue_save(*, commune: Commune, year: int, data: dict[str, Any], user: User | None = None) -> DialogueConference:
    """Record the year's citizen dialogue conference (plan 703 II.8)."""
    return _upsert(DialogueConference, {"commune": commune, "year": year}, data, user)


@transaction.atomic
def village_save(*, commune: Commune, data: dict[str, Any], village: Village | None = None) -> Village:
    """Add a village to ``commune`` or change one of its villages."""
    village = village or Village(commune=commune)
    if village.commune_id != commune.pk:
        raise ProfileError(_("Thôn, bản không thuộc xã này."))
    for field, value in data.items():
        setattr(village, field, value)
    village.save()
    return village


@transaction.atomic
def village_delete(*, village: Village) -> None:
    """Remove a village that nobody is attached to any more."""
    try:
        village.delete()
    except ProtectedError:
        raise ProfileError(
            _(
                "Không xóa được: thôn, bản này còn người hoạt động. Hãy chuyển họ sang thôn khác "
                "hoặc cập nhật trạng thái trước."
            )
        ) from None
