"""Creating, editing and moving officials."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import Commune, User
from personnel.models import Official, OfficialStatus, Position, Transfer
from personnel.services.errors import PersonnelError

OFFICIAL_FIELDS = [
    "village",
    "full_name",
    "gender",
    "date_of_birth",
    "ethnicity",
    "party_member",
    "category",
    "start_date",
    "status",
    "end_date",
    "general_education",
    "professional_level",
    "professional_field",
    "political_theory",
    "state_management",
    "it_level",
    "foreign_language",
    "ethnic_language_certificate",
    "ethnic_language",
    "phone",
    "note",
]


def _check_village(commune: Commune, village: Any) -> None:
    if village is not None and village.commune_id != commune.pk:
        raise PersonnelError(_("Thôn, bản không thuộc xã này."))


@transaction.atomic
def official_create(
    *, commune: Commune, data: dict[str, Any], positions: Iterable[Position], user: User | None = None
) -> Official:
    """Add an official to ``commune`` with the positions they hold (several when concurrent)."""
    _check_village(commune, data.get("village"))
    official = Official(commune=commune, **{f: data[f] for f in OFFICIAL_FIELDS if f in data})
    official._history_user = user
    official.save()
    official.positions.set(positions)
    return official


@transaction.atomic
def official_update(
    *, official: Official, data: dict[str, Any], positions: Iterable[Position] | None = None, user: User | None = None
) -> Official:
    """Change an official's details; ``positions`` replaces those held when given."""
    official = Official.objects.select_for_update().get(pk=official.pk)
    _check_village(official.commune, data.get("village"))
    for field in OFFICIAL_FIELDS:
        if field in data:
            setattr(official, field, data[field])
    official._history_user = user
    official.save()
    if positions is not None:
        official.positions.set(positions)
    return official


@transaction.atomic
def official_transfer(
    *,
    official: Official,
    to_commune: Commune,
    effective_date: date,
    kind: str,
    decision_number: str = "",
    note: str = "",
    positions: Iterable[Position] = (),
    user: User | None = None,
) -> Transfer:
    """Move an official to another commune; they count there from ``effective_date``.

    The official keeps their record (qualifications, training, discipline); the move is kept in
    the transfer history. The village is cleared; ``positions``, when given, replaces those held.
    """
    official = Official.objects.select_for_update().get(pk=official.pk)
    _check_transfer(official, to_commune, effective_date)
    move = Transfer.objects.create(
        official=official,
        kind=kind,
        from_commune=official.commune,
        to_commune=to_commune,
        effective_date=effective_date,
        decision_number=decision_number,
        note=note,
        recorded_by=user,
    )
    official.commune, official.village = to_commune, None
    official._history_user = user
    official.save()
    positions = list(positions)
    if positions:
        official.positions.set(positions)
    return move


def _check_transfer(official: Official, to_commune: Commune, effective_date: date) -> None:
    if to_commune.pk == official.commune_id:
        raise PersonnelError(_("Xã chuyển đến phải khác xã hiện tại."))
    if effective_date < official.start_date:
        raise PersonnelError(_("Ngày có hiệu lực không được trước ngày bắt đầu công tác."))
    last = official.transfers.order_by("-effective_date").first()
    if last and effective_date < last.effective_date:
        raise PersonnelError(
            _("Ngày có hiệu lực không được trước lần điều động gần nhất (%(d)s).")
            % {"d": last.effective_date.strftime("%d/%m/%Y")}
        )
    if official.status != OfficialStatus.SERVING:
        raise PersonnelError(_("Chỉ điều động, luân chuyển người đang công tác."))
    if not Commune.objects.valid_on(effective_date).filter(pk=to_commune.pk).exists():
        raise PersonnelError(
            _("%(commune)s không còn (hoặc chưa có) vào ngày %(d)s: hãy chọn xã đang tồn tại vào ngày có hiệu lực.")
            % {"commune": to_commune.name, "d": effective_date.strftime("%d/%m/%Y")}
        )
