"""The reorganisation of 1 July 2025: officials of a merged commune carry over to its main successor."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import NEW_MAP_FIRST_DAY, Commune, Succession, User
from personnel.models import Official, OfficialStatus, Transfer

# Điện Biên's communes were rearranged by this resolution of the National Assembly Standing Committee.
REORGANISATION_DECISION = "1661/NQ-UBTVQH15"


@dataclass(frozen=True)
class CarryOver:
    officials: int  # officials moved by this run
    communes: int  # old communes they came from


def officials_carry_over(
    *,
    effective_date: date = NEW_MAP_FIRST_DAY,
    decision_number: str = REORGANISATION_DECISION,
    user: User | None = None,
) -> CarryOver:
    """Move every official still serving in a commune that ended the day before ``effective_date`` to
    the commune's main successor, each as a transfer dated ``effective_date`` whose note gives the
    reorganisation as the reason.

    As :func:`personnel.services.official_transfer` does, the official keeps their record and
    positions and their village is cleared; the old commune's lists for earlier days still count them
    (a transfer counts from its effective date). Officials who had left, or whose latest transfer is
    later than ``effective_date``, stay where they are. Idempotent: a second run finds no one to move.
    Runs in bulk (a few queries however many officials) in one transaction.
    """
    with transaction.atomic():
        main = _main_successors(effective_date)
        officials = list(
            Official.objects.select_for_update()
            .filter(
                commune_id__in=main,
                status=OfficialStatus.SERVING,
                start_date__lte=effective_date,
            )
            .exclude(transfers__effective_date__gt=effective_date)
            .order_by("pk")
        )
        names = dict(Commune.objects.filter(pk__in={*main, *main.values()}).values_list("pk", "name"))
        moves = [_transfer(o, main[o.commune_id], effective_date, decision_number, names, user) for o in officials]
        Transfer.objects.bulk_create(moves, batch_size=500)
        _move(officials, main, user)
    return CarryOver(len(officials), len({m.from_commune_id for m in moves}))


def _move(officials: list[Official], main: dict[int, int], user: User | None) -> None:
    """One update per successor (faster than a bulk update of each row), and each official's history."""
    by_successor: dict[int, list[int]] = {}
    for official in officials:
        by_successor.setdefault(main[official.commune_id], []).append(official.pk)
        official.commune_id, official.village_id = main[official.commune_id], None
    for successor_id, ids in by_successor.items():
        Official.objects.filter(pk__in=ids).update(commune_id=successor_id, village=None)
    Official.history.bulk_history_create(
        officials, batch_size=500, update=True, default_user=user, default_change_reason=_("Sắp xếp đơn vị hành chính")
    )


def _main_successors(effective_date: date) -> dict[int, int]:
    """Old commune id -> its main successor's id, for communes that ended the day before ``effective_date``
    and whose successor stands on that day (a transfer may only go to a commune that exists)."""
    standing = Commune.objects.valid_on(effective_date).values("pk")
    return dict(
        Succession.objects.filter(
            is_main=True,
            effective_date=effective_date,
            predecessor__valid_to__lt=effective_date,
            successor__in=standing,
        ).values_list("predecessor_id", "successor_id")
    )


def _transfer(
    official: Official, to_id: int, effective_date: date, decision_number: str, names: dict[int, str], user: User | None
) -> Transfer:
    note = _("Sắp xếp đơn vị hành chính cấp xã: %(old)s hợp nhất vào %(new)s từ ngày %(day)s.") % {
        "old": names[official.commune_id],
        "new": names[to_id],
        "day": effective_date.strftime("%d/%m/%Y"),
    }
    return Transfer(
        official=official,
        kind=Transfer.Kind.TRANSFER,
        from_commune_id=official.commune_id,
        to_commune_id=to_id,
        effective_date=effective_date,
        decision_number=decision_number,
        note=note,
        recorded_by=user,
    )
