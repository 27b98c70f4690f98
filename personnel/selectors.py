"""Reads of officials, their compliance with the standards and the plan's ratios.

The ratio functions are for pages, panels and the reports app alike. Each takes a queryset (or
list) of communes and a date, and runs a fixed number of queries (about five) however many
communes it covers: the rows are fetched once and counted in Python by ``personnel.rules``.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from communes.models import Commune
from communes.profile_rules import RatioReport
from communes.profile_selectors import new_rural_commune_ids
from personnel.models import Category, Official, Position, Standard, Transfer
from personnel.rules import (
    COUNTED_CATEGORIES,
    Compliance,
    CountedOfficial,
    OfficialFacts,
    Qualifications,
    Requirement,
    TransferFacts,
    applicable_requirement,
    compliance,
    counted_officials,
    standard_ratios as standard_ratios_rule,
)

CommuneSet = QuerySet[Commune] | Iterable[Commune]

QUALIFICATION_FIELDS = ["general_education", "professional_level", "political_theory", "state_management",
                        "it_level", "foreign_language", "ethnic_language_certificate"]
REQUIREMENT_FIELDS = ["position_id", "valid_from", "valid_to", "min_general_education", "min_professional_level",
                      "min_political_theory", "min_state_management", "min_it_level", "min_foreign_language",
                      "requires_ethnic_language", "is_provisional"]


def _id_list(communes: CommuneSet) -> list[int]:
    if isinstance(communes, QuerySet):
        return list(communes.values_list("pk", flat=True))
    return [c.pk for c in communes]


def requirements() -> list[Requirement]:
    """Every standard row (one query); ``rules.applicable_requirement`` picks the one in force."""
    return [Requirement(**row) for row in Standard.objects.values(*REQUIREMENT_FIELDS)]


def qualifications_of(official: Official) -> Qualifications:
    return Qualifications(**{f: getattr(official, f) for f in QUALIFICATION_FIELDS})


def compliance_of(officials: Iterable[Official], day: date) -> dict[int, Compliance]:
    """Official id -> compliance on ``day``; prefetch ``positions`` to keep this to one query more."""
    rows = requirements()
    return {
        o.pk: compliance(qualifications_of(o), [applicable_requirement(rows, p.pk, day) for p in o.positions.all()])
        for o in officials
    }


def _officials_touching(ids: list[int], categories: Iterable[str]) -> QuerySet[Official]:
    """Officials now in the communes ``ids`` or moved in or out of them at some time."""
    moved = Transfer.objects.filter(Q(from_commune__in=ids) | Q(to_commune__in=ids)).values("official_id")
    return Official.objects.filter(Q(commune__in=ids) | Q(pk__in=moved), category__in=list(categories))


def official_facts(officials: QuerySet[Official]) -> list[OfficialFacts]:
    """Plain facts for ``officials``: two queries (officials joined with their positions, transfers)."""
    rows: dict[int, dict] = {}
    positions: dict[int, set[int]] = defaultdict(set)
    for row in officials.values("id", "commune_id", "category", "status", "start_date", "end_date",
                                *QUALIFICATION_FIELDS, "positions"):
        position = row.pop("positions")
        rows.setdefault(row["id"], row)
        if position is not None:
            positions[row["id"]].add(position)
    moves: dict[int, list[TransferFacts]] = defaultdict(list)
    for t in Transfer.objects.filter(official__in=officials.values("pk")).values(
            "official_id", "from_commune_id", "to_commune_id", "effective_date"):
        moves[t.pop("official_id")].append(TransferFacts(**t))
    return [
        OfficialFacts(
            id=r["id"], commune_id=r["commune_id"], category=r["category"], status=r["status"],
            start_date=r["start_date"], end_date=r["end_date"],
            qualifications=Qualifications(**{f: r[f] for f in QUALIFICATION_FIELDS}),
            position_ids=tuple(sorted(positions[r["id"]])), transfers=tuple(moves[r["id"]]),
        )
        for r in rows.values()
    ]


def counted_in(communes: CommuneSet | list[int], day: date, categories: Iterable[str] = COUNTED_CATEGORIES,
               *, ids_given: bool = False) -> list[CountedOfficial]:
    """The officials of ``categories`` serving in ``communes`` on ``day``, each once, with compliance."""
    ids = list(communes) if ids_given else _id_list(communes)
    facts = official_facts(_officials_touching(ids, categories))
    counted = counted_officials(facts, day, requirements(), tuple(categories))
    wanted = set(ids)
    return [o for o in counted if o.commune_id in wanted]


def standard_ratios(communes: CommuneSet, on_date: date) -> RatioReport:
    """Plan 703 section I.3 standard ratios of the cadres and civil servants of ``communes`` on ``on_date``.

    Keys, in order: ``general`` (> 70%), ``general_new_rural`` (>= 95%, officials of communes the
    profile marks as meeting the new-rural standard), ``cadre_professional`` (> 95%),
    ``cadre_political`` (100%), ``civil_servant_professional`` (100%), ``civil_servant_university``
    (>= 60%), ``civil_servant_political`` (> 50%). Each Ratio has numerator, denominator, percent,
    target and met (None when nobody is counted). An official holding several positions counts
    once; a transferred one counts in the new commune from the transfer's effective date.
    """
    counted = counted_in(communes, on_date)
    return standard_ratios_rule(counted, new_rural_commune_ids(communes, on_date))


def standard_ratio_table(communes: CommuneSet, on_date: date, *,
                         by: str = "commune") -> tuple[RatioReport, dict[int | None, RatioReport]]:
    """The total of ``communes`` and one report per commune (``by="commune"``) or per district
    (``by="district"``), from a single fetch. Every commune or district of ``communes`` has a report,
    empty ones included."""
    if isinstance(communes, QuerySet):
        district_of = dict(communes.values_list("pk", "district_id"))
    else:
        district_of = {c.pk: c.district_id for c in communes}
    counted = counted_in(list(district_of), on_date, ids_given=True)
    new_rural = new_rural_commune_ids(communes, on_date)
    key_of = (lambda cid: cid) if by == "commune" else district_of.__getitem__
    groups: dict[int | None, list[CountedOfficial]] = {key_of(cid): [] for cid in district_of}
    for official in counted:
        groups[key_of(official.commune_id)].append(official)
    return (standard_ratios_rule(counted, new_rural),
            {key: standard_ratios_rule(group, new_rural) for key, group in groups.items()})


def standard_ratios_by_commune(communes: CommuneSet, on_date: date) -> dict[int, RatioReport]:
    """:func:`standard_ratios` for each commune (commune id -> report), same number of queries."""
    return standard_ratio_table(communes, on_date, by="commune")[1]


def standard_ratios_by_district(communes: CommuneSet, on_date: date) -> dict[int | None, RatioReport]:
    """:func:`standard_ratios` for each district of ``communes`` (district id -> report)."""
    return standard_ratio_table(communes, on_date, by="district")[1]


@dataclass(frozen=True)
class CommuneOverview:
    """The commune's roster on a day: head counts per category, who falls short, and the ratios."""

    by_category: dict[str, int]
    serving: int
    not_meeting: int
    ratios: RatioReport


def commune_overview(commune: Commune, day: date) -> CommuneOverview:
    """Counts per category of the officials serving in ``commune`` on ``day`` and the plan's ratios."""
    counted = counted_in([commune], day, categories=list(Category.values))
    by_category = {c: sum(1 for o in counted if o.category == c) for c in Category.values}
    cadres_and_servants = [o for o in counted if o.category in COUNTED_CATEGORIES]
    ratios = standard_ratios_rule(cadres_and_servants, new_rural_commune_ids([commune], day))
    return CommuneOverview(by_category, len(counted), sum(1 for o in counted if not o.compliance.meets), ratios)


def requirement_of(standard: Standard) -> Requirement:
    return Requirement(**{f: getattr(standard, f) for f in REQUIREMENT_FIELDS})


def standards_held(official: Official, day: date) -> list[tuple[Position, Standard | None]]:
    """Each position the official holds with the standard in force on ``day`` (None if there is none)."""
    positions = list(official.positions.all())
    standards = list(Standard.objects.filter(position__in=positions))
    chosen = []
    for position in positions:
        live = [s for s in standards if s.position_id == position.pk and requirement_of(s).applies_on(day)]
        chosen.append((position, max(live, key=lambda s: s.valid_from, default=None)))
    return chosen


@dataclass(frozen=True)
class HistoryEntry:
    when: object
    who: str  # empty when the change was made outside the portal's pages (import script, admin shell)
    changes: list[str]


def official_history(official: Official, limit: int = 10) -> list[HistoryEntry]:
    """The latest changes to the official's record: when, by whom, which fields (one query)."""
    records = list(official.history.select_related("history_user").order_by("-history_date")[:limit + 1])
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        if older is None and len(records) > limit:
            break
        changed = [] if older is None else [
            str(Official._meta.get_field(c.field).verbose_name) for c in newer.diff_against(older).changes]
        user = newer.history_user
        entries.append(HistoryEntry(newer.history_date, user and (user.get_full_name() or user.username) or "",
                                    changed))
    return entries


def officials_of(commune: Commune) -> QuerySet[Official]:
    """The commune's officials for listing, with what the list shows fetched up front."""
    return (Official.objects.filter(commune=commune)
            .select_related("ethnicity", "village")
            .prefetch_related("positions")
            .order_by("category", "full_name"))


def transfers_out_of(commune: Commune) -> QuerySet[Transfer]:
    """Officials who moved away from ``commune``: the list the commune keeps after they leave."""
    return (Transfer.objects.filter(from_commune=commune)
            .select_related("official", "to_commune").order_by("-effective_date"))

