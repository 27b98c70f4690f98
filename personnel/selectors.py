"""Reads of officials, their compliance with the standards and the plan's ratios.

The ratio functions are for pages, panels and the reports app alike. Each takes a queryset (or
list) of communes and a date and runs a fixed number of queries however many communes it covers:
the database counts the officials (:func:`tallies`) and ``personnel.rules`` turns the counts into
the plan's ratios. The commune page judges its officials one by one (:func:`counted_in`).
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from django.db import connection
from django.db.models import QuerySet

from communes.models import Commune, Role, User
from communes.permissions import commune_scope_q
from communes.profile.rules import RatioReport
from communes.profile.selectors import new_rural_commune_ids
from personnel.models import Category, Official, Position, Standard, Transfer
from personnel.models.levels import ProfessionalLevel
from personnel.models.officials import OfficialStatus
from personnel.rules import (
    CIVIL_SERVANT_POLITICAL_MIN,
    COUNTED_CATEGORIES,
    Compliance,
    CountedOfficial,
    OfficialFacts,
    Qualifications,
    Requirement,
    Tally,
    TransferFacts,
    applicable_requirement,
    compliance,
    counted_officials,
    ratios_from_tallies,
)
from personnel.rules import (
    standard_ratios as standard_ratios_rule,
)

CommuneSet = QuerySet[Commune] | Iterable[Commune]

QUALIFICATION_FIELDS = [
    "general_education",
    "professional_level",
    "political_theory",
    "state_management",
    "it_level",
    "foreign_language",
    "ethnic_language_certificate",
]
REQUIREMENT_FIELDS = [
    "position_id",
    "valid_from",
    "valid_to",
    "min_general_education",
    "min_professional_level",
    "min_political_theory",
    "min_state_management",
    "min_it_level",
    "min_foreign_language",
    "requires_ethnic_language",
    "is_provisional",
]


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
    # A union, not an OR: PostgreSQL answers each part from its index instead of scanning every official.
    touching = (
        Official.objects.filter(commune__in=ids)
        .order_by()
        .values("pk")
        .union(
            Transfer.objects.filter(from_commune__in=ids).order_by().values("official_id"),
            Transfer.objects.filter(to_commune__in=ids).order_by().values("official_id"),
        )
    )
    return Official.objects.filter(pk__in=touching, category__in=list(categories)).order_by()


def official_facts(officials: QuerySet[Official]) -> list[OfficialFacts]:
    """Plain facts for ``officials``: two queries (officials joined with their positions, transfers)."""
    rows: dict[int, dict] = {}
    positions: dict[int, set[int]] = defaultdict(set)
    for row in officials.values(
        "id", "commune_id", "category", "status", "start_date", "end_date", *QUALIFICATION_FIELDS, "positions"
    ):
        position = row.pop("positions")
        rows.setdefault(row["id"], row)
        if position is not None:
            positions[row["id"]].add(position)
    moves: dict[int, list[TransferFacts]] = defaultdict(list)
    for t in Transfer.objects.filter(official__in=officials.values("pk")).values(
        "official_id", "from_commune_id", "to_commune_id", "effective_date"
    ):
        moves[t.pop("official_id")].append(TransferFacts(**t))
    return [
        OfficialFacts(
            id=r["id"],
            commune_id=r["commune_id"],
            category=r["category"],
            status=r["status"],
            start_date=r["start_date"],
            end_date=r["end_date"],
            qualifications=Qualifications(**{f: r[f] for f in QUALIFICATION_FIELDS}),
            position_ids=tuple(sorted(positions[r["id"]])),
            transfers=tuple(moves[r["id"]]),
        )
        for r in rows.values()
    ]


def counted_in(
    communes: CommuneSet, day: date, categories: Iterable[str] = COUNTED_CATEGORIES
) -> list[CountedOfficial]:
    """The officials of ``categories`` serving in ``communes`` on ``day``, each once, with compliance
    (the rules applied official by official: the commune page; lists are counted by :func:`tallies`)."""
    ids = _id_list(communes)
    facts = official_facts(_officials_touching(ids, categories))
    counted = counted_officials(facts, day, requirements(), tuple(categories))
    wanted = set(ids)
    return [o for o in counted if o.commune_id in wanted]


# The counts behind the ratios, by the database. The same definitions as ``personnel.rules``
# (serving_on, commune_on, applicable_requirement, compliance, tally_of), written in SQL that
# PostgreSQL and SQLite both run, so a province or the whole country costs one query. A
# property test (tests/personnel/test_tallies.py) checks both give the same tallies.
TALLY_SQL = """
WITH requirement AS (
  SELECT s.position_id, s.min_general_education, s.min_professional_level, s.min_political_theory,
         s.min_state_management, s.min_it_level, s.min_foreign_language, s.requires_ethnic_language
  FROM {standard} s
  WHERE s.valid_from <= %(day)s AND (s.valid_to IS NULL OR s.valid_to >= %(day)s)
    AND NOT EXISTS (SELECT 1 FROM {standard} later
                    WHERE later.position_id = s.position_id AND later.valid_from > s.valid_from
                      AND later.valid_from <= %(day)s AND (later.valid_to IS NULL OR later.valid_to >= %(day)s))
),
serving AS (
  -- Officials never transferred work in their own commune.
  SELECT o.id, o.category, {qualifications}, o.commune_id
  FROM {official} o
  WHERE o.commune_id IN (%(communes)s) AND {serving}
    AND NOT EXISTS (SELECT 1 FROM {transfer} t WHERE t.official_id = o.id)
  UNION ALL
  -- The others work where their latest transfer in force took them (before the first one: where it
  -- took them from).
  SELECT o.id, o.category, {qualifications},
         COALESCE((SELECT t.to_commune_id FROM {transfer} t WHERE t.official_id = o.id AND t.effective_date <= %(day)s
                   ORDER BY t.effective_date DESC, t.id DESC LIMIT 1),
                  (SELECT t.from_commune_id FROM {transfer} t WHERE t.official_id = o.id
                   ORDER BY t.effective_date, t.id LIMIT 1)) AS commune_id
  FROM {official} o
  WHERE o.id IN (SELECT official_id FROM {transfer}) AND {serving}
    AND (o.commune_id IN (%(communes)s)
         OR o.id IN (SELECT official_id FROM {transfer} WHERE from_commune_id IN (%(communes)s)
                                                        OR to_commune_id IN (%(communes)s)))
),
held AS (
  -- Per official, the strictest minimum of each dimension over the positions held (the standard
  -- of every position applies), how many positions and how many of them have a standard.
  SELECT h.official_id, COUNT(*) AS positions, COUNT(r.position_id) AS standards,
         MAX(r.min_general_education) AS general_education, MAX(r.min_professional_level) AS professional_level,
         MAX(r.min_political_theory) AS political_theory, MAX(r.min_state_management) AS state_management,
         MAX(r.min_it_level) AS it_level, MAX(r.min_foreign_language) AS foreign_language,
         MAX(CASE WHEN r.requires_ethnic_language THEN 1 ELSE 0 END) AS ethnic_language
  FROM {positions} h JOIN serving f ON f.id = h.official_id
  LEFT JOIN requirement r ON r.position_id = h.position_id
  GROUP BY h.official_id
),
checked AS (
  SELECT f.commune_id, f.category, f.professional_level, f.political_theory,
         CASE WHEN m.positions = m.standards THEN 1 ELSE 0 END AS evaluable,
         CASE WHEN f.general_education >= COALESCE(m.general_education, 0)
               AND f.state_management >= COALESCE(m.state_management, 0)
               AND f.it_level >= COALESCE(m.it_level, 0)
               AND f.foreign_language >= COALESCE(m.foreign_language, 0)
               AND (m.ethnic_language = 0 OR f.ethnic_language_certificate) THEN 1 ELSE 0 END AS others_met,
         CASE WHEN f.professional_level >= COALESCE(m.professional_level, 0) THEN 1 ELSE 0 END AS professional_met,
         CASE WHEN f.political_theory >= COALESCE(m.political_theory, 0) THEN 1 ELSE 0 END AS political_met
  FROM serving f LEFT JOIN held m ON m.official_id = f.id
  WHERE f.commune_id IN (%(communes)s)
)
SELECT commune_id, category, COUNT(*),
       SUM(evaluable * others_met * professional_met * political_met),
       SUM(evaluable * professional_met), SUM(evaluable * political_met),
       SUM(CASE WHEN professional_level >= %(university)s THEN 1 ELSE 0 END),
       SUM(CASE WHEN political_theory >= %(political)s THEN 1 ELSE 0 END)
FROM checked
GROUP BY commune_id, category
"""
SERVING_SQL = (
    "o.category IN (%(categories)s) AND o.start_date <= %(day)s"
    " AND ((o.end_date IS NOT NULL AND o.end_date > %(day)s) OR (o.end_date IS NULL AND o.status = %(serving)s))"
)
NAMED = re.compile(r"%\((\w+)\)s")


def _positional(sql: str, values: dict[str, object]) -> tuple[str, list]:
    """``sql`` with each ``%(name)s`` made positional: a value becomes ``%s``, a list ``%s, %s...``,
    an (sql, params) pair its SQL; the parameters in the order they now appear."""
    params: list = []

    def replace(match: re.Match) -> str:
        value = values[match.group(1)]
        if isinstance(value, tuple):
            params.extend(value[1])
            return value[0]
        if isinstance(value, list):
            params.extend(value)
            return ", ".join(["%s"] * len(value))
        params.append(value)
        return "%s"

    return NAMED.sub(replace, sql), [p.value if isinstance(p, Enum) else p for p in params]


def _communes_sql(communes: CommuneSet) -> tuple[str, list]:
    """A subquery giving the ids of ``communes`` (a queryset stays a subquery; a list is inlined)."""
    if isinstance(communes, QuerySet):
        sql, params = communes.order_by().values("pk").query.sql_with_params()
        return sql, list(params)
    ids = [c if isinstance(c, int) else c.pk for c in communes] or [0]
    return (f"SELECT id FROM {Commune._meta.db_table} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)


def tallies(
    communes: CommuneSet, day: date, categories: Sequence[str] = COUNTED_CATEGORIES
) -> dict[tuple[int, str], Tally]:
    """(commune id, category) -> :class:`~personnel.rules.Tally` of the officials of ``categories``
    serving in ``communes`` on ``day`` (one query, counted by the database)."""
    template = TALLY_SQL.format(
        standard=Standard._meta.db_table,
        official=Official._meta.db_table,
        transfer=Transfer._meta.db_table,
        positions=Official.positions.through._meta.db_table,
        serving=SERVING_SQL,
        qualifications=", ".join(f"o.{f}" for f in QUALIFICATION_FIELDS),
    )
    sql, params = _positional(
        template,
        {
            "communes": _communes_sql(communes),
            "day": day,
            "categories": list(categories),
            "serving": OfficialStatus.SERVING,
            "university": ProfessionalLevel.UNIVERSITY,
            "political": CIVIL_SERVANT_POLITICAL_MIN,
        },
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            (commune, category): Tally(*(int(n or 0) for n in counts))
            for commune, category, *counts in cursor.fetchall()
        }


def standard_ratios(communes: CommuneSet, on_date: date) -> RatioReport:
    """Plan 703 section I.3 standard ratios of the cadres and civil servants of ``communes`` on ``on_date``.

    Keys, in order: ``general`` (> 70%), ``general_new_rural`` (>= 95%, officials of communes the
    profile marks as meeting the new-rural standard), ``cadre_professional`` (> 95%),
    ``cadre_political`` (100%), ``civil_servant_professional`` (100%), ``civil_servant_university``
    (>= 60%), ``civil_servant_political`` (> 50%). Each Ratio has numerator, denominator, percent,
    target and met (None when nobody is counted). An official holding several positions counts
    once; a transferred one counts in the new commune from the transfer's effective date.
    """
    return ratios_from_tallies(tallies(communes, on_date), new_rural_commune_ids(communes, on_date))


def standard_ratio_table(
    communes: CommuneSet,
    on_date: date,
    *,
    by: str | Mapping[int, int | None] = "commune",
    key_of: dict[int, int | None] | None = None,
) -> tuple[RatioReport, dict[int | None, RatioReport]]:
    """The total of ``communes`` and one report per commune (``by="commune"``), per district
    (``by="district"``) or per group (``by``: commune id -> its group, for every commune of
    ``communes``), from a single count. Every commune, district or group of ``communes`` has a
    report, empty ones included. ``key_of`` (every commune id -> the key of its report), when the
    caller has read it already, saves a query and replaces ``by``."""
    if key_of is None and isinstance(by, Mapping):
        key_of = dict(by)
    if key_of is None:
        if isinstance(communes, QuerySet):
            district_of = dict(communes.order_by().values_list("pk", "district_id"))
        else:
            district_of = {c.pk: c.district_id for c in communes}
        key_of = {cid: cid for cid in district_of} if by == "commune" else district_of
    counted = tallies(communes, on_date)
    new_rural = new_rural_commune_ids(communes, on_date)
    groups: dict[int | None, dict[tuple[int, str], Tally]] = {key: {} for key in key_of.values()}
    for (commune, category), tally in counted.items():
        groups[key_of[commune]][(commune, category)] = tally
    return (
        ratios_from_tallies(counted, new_rural),
        {key: ratios_from_tallies(group, new_rural) for key, group in groups.items()},
    )


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
    records = list(official.history.select_related("history_user").order_by("-history_date")[: limit + 1])
    entries = []
    for newer, older in zip(records, records[1:] + [None]):
        if older is None and len(records) > limit:
            break
        changed = (
            []
            if older is None
            else [str(Official._meta.get_field(c.field).verbose_name) for c in newer.diff_against(older).changes]
        )
        user = newer.history_user
        entries.append(
            HistoryEntry(newer.history_date, user and (user.get_full_name() or user.username) or "", changed)
        )
    return entries


def officials_of(commune: Commune) -> QuerySet[Official]:
    """The commune's officials for listing, with what the list shows fetched up front."""
    return (
        Official.objects.filter(commune=commune)
        .select_related("ethnicity", "village")
        .prefetch_related("positions")
        .order_by("category", "full_name")
    )


def transfer_destinations(user: User, official: Official) -> QuerySet[Commune]:
    """The communes ``user`` may move ``official`` to (never the official's own).

    Commune staff move people between communes of the same district, as Plan 703 (II.3) sets out;
    where the district level is gone (a commune with no district), among the communes of the province
    that have none either. District reviewers choose among their district's communes, province staff
    among the province's: a move across districts is the province's decision.
    """
    home = official.commune
    communes = (
        Commune.objects.filter(province_id=home.province_id)
        .exclude(pk=home.pk)
        .select_related("district")
        .order_by("district__code", "code")
    )
    if user.is_authenticated and not user.is_superuser and user.role == Role.COMMUNE_STAFF:
        if user.commune_id != home.pk:
            return communes.none()
        return (
            communes.filter(district_id=home.district_id)
            if home.district_id
            else communes.filter(district__isnull=True)
        )
    return communes.filter(commune_scope_q(user))


def transfers_out_of(commune: Commune) -> QuerySet[Transfer]:
    """Officials who moved away from ``commune``: the list the commune keeps after they leave."""
    return (
        Transfer.objects.filter(from_commune=commune)
        .select_related("official", "to_commune")
        .order_by("-effective_date")
    )
