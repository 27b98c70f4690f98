"""Writes to administrative units: loading both maps (before and after 1 July 2025) and their relation."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from communes import gso
from communes.models import (
    NEW_MAP_FIRST_DAY,
    OLD_MAP_LAST_DAY,
    Commune,
    District,
    Province,
    Role,
    Succession,
    User,
    fold,
)

_DISTRICT_KINDS = [("Thành phố", District.Kind.CITY), ("Thị xã", District.Kind.TOWN), ("Quận", District.Kind.URBAN)]
_COMMUNE_KINDS = [("Phường", Commune.Kind.WARD), ("Thị trấn", Commune.Kind.TOWNSHIP)]


def district_kind(name: str) -> str:
    return next((kind for prefix, kind in _DISTRICT_KINDS if name.startswith(prefix)), District.Kind.RURAL)


def commune_kind(name: str) -> str:
    return next((kind for prefix, kind in _COMMUNE_KINDS if name.startswith(prefix)), Commune.Kind.COMMUNE)


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_LABELS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_LABELS, 0))


_LABELS = ("province", "district", "commune", "succession")


def _upsert(model: type, rows: list[dict[str, Any]], day: date, result: ImportResult, label: str) -> dict[str, int]:
    """Insert or update the units of one map, matched by code among the units valid on ``day``.

    A unit of the other map (valid on another day) is never matched, so a reused code never renames,
    moves or ends an old unit. Returns code -> primary key of the units valid on ``day``.
    """
    if not rows:
        return {}
    existing = {u.code: u for u in model.objects.valid_on(day).filter(code__in=[r["code"] for r in rows])}
    fields = [k for k in rows[0] if k != "code"] + ["search_name"]
    new, changed = [], []
    for row in rows:
        row["search_name"] = fold(row["name"])
        unit = existing.get(row["code"])
        if unit is None:
            new.append(model(**row))
        elif any(getattr(unit, f) != row[f] for f in fields):
            for f in fields:
                setattr(unit, f, row[f])
            changed.append(unit)
    model.objects.bulk_create(new, batch_size=2000)
    model.objects.bulk_update(changed, fields, batch_size=2000)
    result.created[label] += len(new)
    result.updated[label] += len(changed)
    return dict(model.objects.valid_on(day).filter(code__in=[r["code"] for r in rows]).values_list("code", "pk"))


def _province_rows(old: list[gso.OldProvince], new: list[gso.NewProvince]) -> tuple[list, list]:
    """A province that kept its code and name is one unit across the reform (Điện Biên is); the others
    end on 30/06/2025 and the new ones start on 01/07/2025."""
    new_names = {p.code: fold(p.name) for p in gso.new_map()}
    continuing = {p.code for p in old if new_names.get(p.code) == fold(p.name)}
    old_rows = [
        {
            "code": p.code,
            "name": p.name,
            "valid_from": None,
            "valid_to": None if p.code in continuing else OLD_MAP_LAST_DAY,
        }
        for p in old
    ]
    new_rows = [
        {"code": p.code, "name": p.name, "valid_from": NEW_MAP_FIRST_DAY, "valid_to": None}
        for p in new
        if p.code not in continuing
    ]
    return old_rows, new_rows


def _old_units(provinces: list[gso.OldProvince], p_ids: dict[str, int], result: ImportResult) -> dict[str, int]:
    district_rows = [
        {
            "code": d.code,
            "name": d.name,
            "kind": district_kind(d.name),
            "province_id": p_ids[p.code],
            "valid_from": None,
            "valid_to": OLD_MAP_LAST_DAY,
        }
        for p in provinces
        for d, _ in p.districts
    ]
    d_ids = _upsert(District, district_rows, OLD_MAP_LAST_DAY, result, "district")
    commune_rows = [
        {
            "code": w.code,
            "name": w.name,
            "kind": commune_kind(w.name),
            "province_id": p_ids[p.code],
            "district_id": d_ids[d.code],
            "valid_from": None,
            "valid_to": OLD_MAP_LAST_DAY,
        }
        for p in provinces
        for d, wards in p.districts
        for w in wards
    ]
    return _upsert(Commune, commune_rows, OLD_MAP_LAST_DAY, result, "commune")


def _new_units(provinces: list[gso.NewProvince], p_ids: dict[str, int], result: ImportResult) -> dict[str, int]:
    rows = [
        {
            "code": w.code,
            "name": w.name,
            "kind": commune_kind(w.name),
            "province_id": p_ids[p.code],
            "district_id": None,
            "valid_from": NEW_MAP_FIRST_DAY,
            "valid_to": None,
        }
        for p in provinces
        for w in p.communes
    ]
    return _upsert(Commune, rows, NEW_MAP_FIRST_DAY, result, "commune")


def _successions(old_ids: dict[str, int], new_ids: dict[str, int], result: ImportResult) -> None:
    wanted = {
        (old_ids[link.old_code], new_ids[link.new_code]): link.is_main
        for link in gso.links()
        if link.old_code in old_ids and link.new_code in new_ids
    }
    have = {
        (s.predecessor_id, s.successor_id): s for s in Succession.objects.filter(predecessor_id__in=old_ids.values())
    }
    new = [
        Succession(predecessor_id=a, successor_id=b, is_main=main)
        for (a, b), main in wanted.items()
        if (a, b) not in have
    ]
    changed = [s for key, s in have.items() if key in wanted and s.is_main != wanted[key]]
    for s in changed:
        s.is_main = wanted[(s.predecessor_id, s.successor_id)]
    Succession.objects.bulk_create(new, batch_size=2000)
    Succession.objects.bulk_update(changed, ["is_main"], batch_size=2000)
    result.created["succession"] += len(new)
    result.updated["succession"] += len(changed)


def divisions_import(*, province_codes: list[str] | None = None) -> ImportResult:
    """Load both maps for some provinces (all when None) and each old commune's successors.

    The map with districts is valid until 30/06/2025, the new one from 01/07/2025; units are matched by
    code among those valid on the same day, so running it again changes nothing and a unit of one map
    is never renamed or moved by the other. Returns the counts created and updated.
    """
    codes = [str(int(c)) for c in province_codes] if province_codes is not None else None
    old, new = gso.old_map(codes), gso.new_map(codes)
    result = ImportResult()
    with transaction.atomic():
        old_rows, new_rows = _province_rows(old, new)
        p_ids = _upsert(Province, old_rows, OLD_MAP_LAST_DAY, result, "province")
        p_ids_new = {**p_ids, **_upsert(Province, new_rows, NEW_MAP_FIRST_DAY, result, "province")}
        p_ids_new = {
            **p_ids_new,
            **dict(
                Province.objects.valid_on(NEW_MAP_FIRST_DAY)
                .filter(code__in=[p.code for p in new])
                .values_list("code", "pk")
            ),
        }
        old_ids = _old_units(old, p_ids, result)
        new_ids = _new_units(new, p_ids_new, result)
        _successions(old_ids, new_ids, result)
    return result


@transaction.atomic
def users_move_to_main_successor(*, users: QuerySet[User], day: date) -> tuple[int, int]:
    """Move the commune staff among ``users`` whose commune had ended by ``day`` to that commune's main
    successor standing on ``day``; return (moved, skipped). They keep read access to the old commune's
    history, which the scope policy gives a successor's staff (``with_history``)."""
    chosen = list(users.select_related("commune").select_for_update(of=("self",)))
    ended = [
        u
        for u in chosen
        if u.role == Role.COMMUNE_STAFF and u.commune_id and u.commune.valid_to and u.commune.valid_to < day
    ]
    main = {
        s.predecessor_id: s.successor
        for s in Succession.objects.filter(
            predecessor__in=[u.commune_id for u in ended], is_main=True, successor__in=Commune.objects.valid_on(day)
        ).select_related("successor")
    }
    moved = [u for u in ended if u.commune_id in main]
    for user in moved:
        successor = main[user.commune_id]
        user.commune, user.district_id, user.province_id = successor, successor.district_id, successor.province_id
        user.save(update_fields=["commune", "district", "province"])
    return len(moved), len(chosen) - len(moved)
