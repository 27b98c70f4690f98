"""Writes to administrative units: loading the GSO list."""

import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from communes.models import Commune, District, Province, fold

# The GSO list carried by vietnam-provinces 0.6.0 is the two-level structure (districts and
# communes) that ended when the district level was abolished.
PRE_REFORM_VALID_TO = date(2025, 6, 30)

_DISTRICT_KINDS = [("Thành phố", District.Kind.CITY), ("Thị xã", District.Kind.TOWN), ("Quận", District.Kind.URBAN)]
_COMMUNE_KINDS = [("Phường", Commune.Kind.WARD), ("Thị trấn", Commune.Kind.TOWNSHIP)]


def district_kind(name: str) -> str:
    return next((kind for prefix, kind in _DISTRICT_KINDS if name.startswith(prefix)), District.Kind.RURAL)


def commune_kind(name: str) -> str:
    return next((kind for prefix, kind in _COMMUNE_KINDS if name.startswith(prefix)), Commune.Kind.COMMUNE)


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: {"province": 0, "district": 0, "commune": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"province": 0, "district": 0, "commune": 0})


def load_gso_divisions(province_codes: list[int] | None = None) -> list[dict[str, Any]]:
    """The nested GSO list from vietnam-provinces, optionally limited to some provinces."""
    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        provinces = json.load(handle)
    if province_codes is None:
        return provinces
    wanted = set(province_codes)
    return [p for p in provinces if p["code"] in wanted]


def _upsert(model: type, rows: list[dict[str, Any]], result: ImportResult, label: str) -> dict[str, int]:
    """Insert new units and update changed ones by GSO code; return code -> primary key."""
    existing = {u.code: u for u in model.objects.filter(code__in=[r["code"] for r in rows])}
    fields = [k for k in rows[0] if k != "code"] if rows else []
    new, changed = [], []
    for row in rows:
        row["search_name"] = fold(row["name"])
        unit = existing.get(row["code"])
        if unit is None:
            new.append(model(**row))
        elif any(getattr(unit, f) != row[f] for f in fields):
            for f in fields + ["search_name"]:
                setattr(unit, f, row[f])
            changed.append(unit)
    model.objects.bulk_create(new, batch_size=2000)
    model.objects.bulk_update(changed, fields + ["search_name"], batch_size=2000)
    result.created[label] += len(new)
    result.updated[label] += len(changed)
    return dict(model.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", "pk"))


def divisions_import(*, provinces: list[dict[str, Any]]) -> ImportResult:
    """Load provinces, districts and communes; running it again changes nothing, a renamed unit is updated."""
    result = ImportResult()
    with transaction.atomic():
        p_ids = _upsert(
            Province, [{"code": str(p["code"]), "name": p["name"]} for p in provinces], result, "province"
        )
        district_rows = [
            {"code": str(d["code"]), "name": d["name"], "kind": district_kind(d["name"]),
             "province_id": p_ids[str(p["code"])], "valid_to": PRE_REFORM_VALID_TO}
            for p in provinces for d in p["districts"]
        ]
        d_ids = _upsert(District, district_rows, result, "district")
        commune_rows = [
            {"code": str(w["code"]), "name": w["name"], "kind": commune_kind(w["name"]),
             "province_id": p_ids[str(p["code"])], "district_id": d_ids[str(d["code"])],
             "valid_to": PRE_REFORM_VALID_TO}
            for p in provinces for d in p["districts"] for w in d["wards"]
        ]
        _upsert(Commune, commune_rows, result, "commune")
    return result
