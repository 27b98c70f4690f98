"""Writes to the commune profile: each a keyword-only function in one transaction."""

from typing import Any

from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Commune, User
from communes.profile.models import (
    CitizenReception,
    CoachingVisit,
    CommuneProfile,
    DialogueConference,
    GovernanceYear,
    OfficeRecord,
    ProcedureStats,
    Village,
)
from communes.profile.rules import months_mask


class ProfileError(Exception):
    """A change refused for a reason the user can act on; the message is shown as is."""


class StaleRecordError(ProfileError):
    """The record was saved by someone else after the form was opened; nothing was written.
    ``seen`` is the record's mark now (a form that keeps what the user typed sends it next)."""

    def __init__(self, message: str, seen: str) -> None:
        super().__init__(message)
        self.seen = seen


def record_mark(record: Model | None) -> str:
    """A yearly record as a form showed it: when it was last saved ("-": not recorded yet)."""
    return record.updated_at.isoformat() if record is not None and record.pk else "-"


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


def _upsert(model: type, lookup: dict[str, Any], data: dict[str, Any], user: User | None, seen: str | None = None):
    """Create or replace the record; ``seen`` (a form's ``record_mark`` when it was opened; None: not
    checked, as in a workbook) refuses a save over a record someone else saved since."""
    # The commune's row serialises two first saves (there is no record to lock yet).
    Commune.objects.select_for_update(no_key=True).filter(pk=lookup["commune"].pk).first()
    record = model.objects.select_for_update().filter(**lookup).first()
    if seen is not None and record_mark(record) != seen and not _holds(record, data):
        raise StaleRecordError(_stale_message(record), record_mark(record))
    record = record or model(**lookup)
    for field, value in data.items():
        setattr(record, field, value)
    record.updated_by = user
    record.save()
    return record


def _holds(record: Model | None, data: dict[str, Any]) -> bool:
    """The record already holds ``data`` (a form sent twice, a page saved again): no conflict."""
    return record is not None and all(getattr(record, field) == value for field, value in data.items())


def _stale_message(record: Model | None) -> str:
    if record is None:
        return _("Bản ghi này vừa bị xóa. Những gì bạn nhập vẫn còn trên trang; kiểm tra rồi bấm Lưu lần nữa.")
    who = record.updated_by.get_full_name() or record.updated_by.username if record.updated_by else _("Người khác")
    return _(
        "%(who)s vừa lưu bản ghi này lúc %(at)s, sau khi bạn mở trang. Những gì bạn nhập vẫn còn trên trang; "
        "xem lại số liệu đã lưu ở trang hồ sơ, rồi bấm Lưu lần nữa nếu vẫn muốn ghi đè."
    ) % {"who": who, "at": timezone.localtime(record.updated_at).strftime("%H:%M %d/%m/%Y")}


@transaction.atomic
def office_record_save(
    *, commune: Commune, year: int, data: dict[str, Any], user: User | None = None, seen: str | None = None
) -> OfficeRecord:
    """Create or replace the commune's office and equipment record for ``year``."""
    return _upsert(OfficeRecord, {"commune": commune, "year": year}, data, user, seen)


@transaction.atomic
def procedure_stats_save(
    *, commune: Commune, year: int, period: str, data: dict[str, Any], user: User | None = None, seen: str | None = None
) -> ProcedureStats:
    """Create or replace the commune's administrative-procedure figures for a period."""
    return _upsert(ProcedureStats, {"commune": commune, "year": year, "period": period}, data, user, seen)


@transaction.atomic
def dialogue_save(
    *, commune: Commune, year: int, data: dict[str, Any], user: User | None = None, seen: str | None = None
) -> DialogueConference:
    """Record the year's citizen dialogue conference (plan 703 II.8)."""
    return _upsert(DialogueConference, {"commune": commune, "year": year}, data, user, seen)


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


@transaction.atomic
def citizen_reception_save(
    *, commune: Commune, year: int, data: dict[str, Any], user: User | None = None, seen: str | None = None
) -> CitizenReception:
    """Create or replace the commune's figures of citizens received and petitions for ``year`` (plan II.8)."""
    return _upsert(CitizenReception, {"commune": commune, "year": year}, data, user, seen)


@transaction.atomic
def governance_year_save(
    *, commune: Commune, year: int, data: dict[str, Any], user: User | None = None, seen: str | None = None
) -> GovernanceYear:
    """Create or replace the months of the meeting with village heads and the state of the working
    rules for ``year``; ``data["months"]`` is the months held (1-12)."""
    data = dict(data)
    data["meeting_months"] = months_mask(data.pop("months", []) or [])
    return _upsert(GovernanceYear, {"commune": commune, "year": year}, data, user, seen)


@transaction.atomic
def commune_duties_save(
    *, commune: Commune, year: int, reception: dict[str, Any], governance: dict[str, Any], user: User | None = None
) -> None:
    """Both yearly duty records at once (the workbook import): both saved, or neither."""
    citizen_reception_save(commune=commune, year=year, data=reception, user=user)
    governance_year_save(commune=commune, year=year, data=governance, user=user)


@transaction.atomic
def coaching_visits_add(
    *, commune: Commune, visits: list[dict[str, Any]], user: User | None = None
) -> list[CoachingVisit]:
    """Record coaching visits to ``commune`` (one from the page, many from a workbook): all or none."""
    return CoachingVisit.objects.bulk_create(
        [CoachingVisit(commune=commune, recorded_by=user, **visit) for visit in visits]
    )


@transaction.atomic
def coaching_visit_delete(*, visit: CoachingVisit) -> None:
    """Remove a visit recorded by mistake."""
    visit.delete()
