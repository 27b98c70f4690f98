"""Both maps of Vietnam's units and the relation between them, read from kept packages.

- The map with districts (63 provinces, valid until 30/06/2025): ``vietnam-provinces`` 0.6.0, the GSO
  list the portal's 2019-2024 results were recorded on (10,051 communes, 129 in Điện Biên).
- The map of 1 July 2025 (34 provinces, 3,321 communes, 45 in Điện Biên) and each old commune's
  successors: ``vietnamadminunits``, the only kept package that carries the old-to-new relation. Its
  legacy table gives the GSO code of each old unit the relation names.

Codes are normalised to the integer form the portal has always used ("3334", not "03334").
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str


@dataclass
class OldProvince:
    code: str
    name: str
    districts: list[tuple[UnitRow, list[UnitRow]]] = field(default_factory=list)


@dataclass
class NewProvince:
    code: str
    name: str
    communes: list[UnitRow] = field(default_factory=list)


@dataclass(frozen=True)
class Link:
    """Old commune ``old_code`` became (part of) new commune ``new_code``."""

    old_code: str
    new_code: str
    is_main: bool


def _code(value: Any) -> str:
    return str(int(value))


def old_map(province_codes: Iterable[str] | None = None) -> list[OldProvince]:
    """The map with districts, optionally limited to some provinces."""
    import json

    from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

    with open(NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as handle:
        provinces = json.load(handle)
    wanted = set(province_codes) if province_codes is not None else None
    result = []
    for p in provinces:
        if wanted is not None and _code(p["code"]) not in wanted:
            continue
        province = OldProvince(_code(p["code"]), p["name"])
        for d in p["districts"]:
            wards = [UnitRow(_code(w["code"]), w["name"]) for w in d["wards"]]
            province.districts.append((UnitRow(_code(d["code"]), d["name"]), wards))
        result.append(province)
    return result


def new_map(province_codes: Iterable[str] | None = None) -> list[NewProvince]:
    """The map of 1 July 2025 (no district level), optionally limited to some provinces."""
    wanted = set(province_codes) if province_codes is not None else None
    provinces: dict[str, NewProvince] = {}
    for row in _new_rows():
        code = _code(row["provinceCode"])
        if wanted is not None and code not in wanted:
            continue
        province = provinces.setdefault(code, NewProvince(code, row["province"]))
        province.communes.append(UnitRow(_code(row["wardCode"]), row["ward"]))
    return sorted(provinces.values(), key=lambda p: int(p.code))


def links() -> list[Link]:
    """Every old commune's successors in the new map, one of each old commune's marked main."""
    from vietnamadminunits.converter.converter_2025 import (
        DICT_PROVINCE_WARD_DIVIDED,
        DICT_PROVINCE_WARD_NO_DIVIDED,
    )

    old_codes = {
        f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}": _code(r["wardCode"])
        for r in _legacy_rows()
        if r["wardCode"]
    }
    new_codes = {(r["provinceKey"], r["wardKey"]): _code(r["wardCode"]) for r in _new_rows()}
    result = []
    # A whole old commune went into one new commune (most of them) ...
    for province_key, wards in DICT_PROVINCE_WARD_NO_DIVIDED.items():
        for ward_key, old_keys in wards.items():
            result += [
                Link(old_codes[k], new_codes[(province_key, ward_key)], True) for k in old_keys if k in old_codes
            ]
    # ... or was split between several, one of which the package marks as the default (main) one.
    for province_key, olds in DICT_PROVINCE_WARD_DIVIDED.items():
        for old_key, parts in olds.items():
            if old_key in old_codes:
                result += [
                    Link(
                        old_codes[old_key],
                        new_codes[(province_key, part["newWardKey"])],
                        bool(part["isDefaultNewWard"]),
                    )
                    for part in parts
                ]
    return result


@cache
def _new_rows() -> tuple[dict[str, Any], ...]:
    from vietnamadminunits.database import get_data

    fields = ["provinceCode", "provinceKey", "province", "wardCode", "wardKey", "ward"]
    return tuple(sorted(get_data(fields, table="admin_units"), key=lambda r: (r["provinceCode"], r["wardCode"])))


@cache
def _legacy_rows() -> tuple[dict[str, Any], ...]:
    from vietnamadminunits.database import get_data

    return tuple(get_data(["provinceKey", "districtKey", "wardKey", "wardCode"], table="admin_units_legacy"))
