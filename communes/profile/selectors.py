"""Reads of the commune profile, for pages, panels and the reports app.

Every function takes a queryset (or list) of communes and runs a fixed number of queries,
whatever its size: one commune, a district or the whole province.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, Expression, F, FilteredRelation, Max, OuterRef, Q, QuerySet

from communes.models import Commune
from communes.profile.models import (
    CitizenReception,
    CoachingVisit,
    CommuneProfile,
    DialogueConference,
    GovernanceYear,
    NewRuralStatus,
    OfficeRecord,
    ProcedureStats,
    ReportPeriod,
    Village,
)
from communes.profile.rules import (
    GOVERNANCE_FIELDS,
    RECEPTION_FIELDS,
    REFORM_FIELDS,
    DialogueState,
    GovernanceFacts,
    OfficeFacts,
    ProcedureFacts,
    RatioReport,
    ReceptionFacts,
    ReformFacts,
    coaching_days_by_quarter,
    coaching_quarters,
    dialogue_state,
    governance_ratios,
    has_all_equipment,
    meets_area_standard,
    reception_ratios,
    reform_ratios,
)
from communes.profile.rules import (
    office_ratios as office_ratios_rule,
)
from communes.profile.rules import (
    procedure_ratios as procedure_ratios_rule,
)

CommuneSet = QuerySet[Commune] | Iterable[Commune]

OFFICE_FACT_FIELDS = [
    "commune_id",
    "building_solid",
    "floor_area_m2",
    "standard_area_m2",
    "has_internet_computers",
    "has_printer",
    "has_photocopier",
    "has_telephone",
]
PROCEDURE_FACT_FIELDS = ["commune_id", "applicable", "posted", "on_time", "late"]


def _ids(communes: CommuneSet) -> QuerySet | list[int]:
    if isinstance(communes, QuerySet):
        return communes.values("pk")
    return [c.pk for c in communes]


def _district_of(communes: CommuneSet) -> dict[int, int | None]:
    if isinstance(communes, QuerySet):
        return dict(communes.values_list("pk", "district_id"))
    return {c.pk: c.district_id for c in communes}


def _count(communes: CommuneSet) -> int:
    return len(_district_of(communes))


def new_rural_commune_ids(communes: CommuneSet, day: date) -> set[int]:
    """Communes recognised as meeting or basically meeting the new-rural standard on ``day``."""
    rows = CommuneProfile.objects.filter(
        commune__in=_ids(communes), new_rural_status__in=[NewRuralStatus.BASIC, NewRuralStatus.ACHIEVED]
    ).filter(Q(new_rural_year__isnull=True) | Q(new_rural_year__lte=day.year))
    return set(rows.values_list("commune_id", flat=True))


def _office_facts(communes: CommuneSet, year: int) -> list[OfficeFacts]:
    rows = OfficeRecord.objects.filter(commune__in=_ids(communes), year=year).values(*OFFICE_FACT_FIELDS)
    return [OfficeFacts(**row) for row in rows]


def _procedure_facts(communes: CommuneSet, year: int, period: str) -> list[ProcedureFacts]:
    rows = ProcedureStats.objects.filter(commune__in=_ids(communes), year=year, period=period)
    return [ProcedureFacts(**row) for row in rows.values(*PROCEDURE_FACT_FIELDS)]


def _by_district(facts: Iterable, district_of: dict[int, int | None]) -> dict[int | None, list]:
    """Facts grouped by the district of their commune (one pass, whatever the number of districts)."""
    grouped: dict[int | None, list] = defaultdict(list)
    for fact in facts:
        grouped[district_of[fact.commune_id]].append(fact)
    return grouped


def office_ratios(communes: CommuneSet, year: int, *, count: int | None = None) -> RatioReport:
    """Plan I.3 office targets for ``communes`` in ``year``: solid (> 95%), floor area (> 75%),
    all equipment (100%). Percentages are of the communes that reported;
    ``report.extra["not_reported"]`` counts the others. ``count``: how many ``communes`` there are,
    when the caller knows (a query less)."""
    return office_ratios_rule(_office_facts(communes, year), _count(communes) if count is None else count)


def office_ratios_by_district(communes: CommuneSet, year: int) -> dict[int | None, RatioReport]:
    """:func:`office_ratios` for each district of ``communes`` (district id -> report), in 2 queries."""
    district_of = _district_of(communes)
    by_district = _by_district(_office_facts(communes, year), district_of)
    sizes = Counter(district_of.values())
    return {district: office_ratios_rule(by_district[district], sizes[district]) for district in sizes}


def procedure_ratios(
    communes: CommuneSet, year: int, period: str = ReportPeriod.YEAR, *, count: int | None = None
) -> RatioReport:
    """Plan I.3 procedure targets for ``communes``: posted (100%) and resolved on time (100%),
    summed over the communes that reported for ``year`` and ``period`` (``count``: as in
    :func:`office_ratios`)."""
    facts = _procedure_facts(communes, year, period)
    return procedure_ratios_rule(facts, _count(communes) if count is None else count)


def procedure_report(stats: ProcedureStats | None) -> RatioReport | None:
    """The posted and on-time ratios of one commune's figures for one period."""
    if stats is None:
        return None
    return procedure_ratios_rule([ProcedureFacts(**{f: getattr(stats, f) for f in PROCEDURE_FACT_FIELDS})], 1)


def procedure_ratios_by_district(
    communes: CommuneSet, year: int, period: str = ReportPeriod.YEAR
) -> dict[int | None, RatioReport]:
    """:func:`procedure_ratios` for each district of ``communes`` (district id -> report)."""
    district_of = _district_of(communes)
    by_district = _by_district(_procedure_facts(communes, year, period), district_of)
    sizes = Counter(district_of.values())
    return {district: procedure_ratios_rule(by_district[district], sizes[district]) for district in sizes}


@dataclass(frozen=True)
class DialogueRow:
    commune: Commune
    conference: DialogueConference | None
    state: DialogueState

    @property
    def flagged(self) -> bool:
        return self.state in (DialogueState.MISSING, DialogueState.HELD_OUTSIDE_DECEMBER)


def dialogue_overview(communes: QuerySet[Commune], year: int, today: date) -> list[DialogueRow]:
    """Each commune's dialogue conference of ``year`` and its state (missing after 31 December)."""
    held = {d.commune_id: d for d in DialogueConference.objects.filter(commune__in=_ids(communes), year=year)}
    rows = []
    for commune in communes.order_by("code"):
        conference = held.get(commune.pk)
        rows.append(DialogueRow(commune, conference, dialogue_state(year, conference and conference.held_on, today)))
    return rows


def communes_missing_dialogue(communes: QuerySet[Commune], year: int, today: date) -> QuerySet[Commune]:
    """Communes with no dialogue conference held in ``year`` once the year is over (the MISSING
    state of :func:`~communes.profile.rules.dialogue_state`), by district and code."""
    if dialogue_state(year, None, today) != DialogueState.MISSING:
        return communes.none()
    held = DialogueConference.objects.filter(commune=OuterRef("pk"), year=year, held_on__isnull=False)
    return communes.filter(~Exists(held)).select_related("district").order_by("district__code", "code")


def latest_profile_year(communes: CommuneSet) -> int | None:
    """The most recent year with an office record among ``communes`` (the default year to show)."""
    return OfficeRecord.objects.filter(commune__in=_ids(communes)).aggregate(y=Max("year"))["y"]


@dataclass(frozen=True)
class CommuneProfileSummary:
    profile: CommuneProfile | None
    office: OfficeRecord | None
    procedures: dict[str, ProcedureStats]
    dialogue: DialogueConference | None
    dialogue_state: DialogueState
    villages: int


def commune_profile_summary(commune: Commune, year: int, today: date) -> CommuneProfileSummary:
    """Everything the profile page and the commune panel show about ``commune`` for ``year``."""
    dialogue = DialogueConference.objects.filter(commune=commune, year=year).first()
    return CommuneProfileSummary(
        profile=CommuneProfile.objects.filter(commune=commune).first(),
        office=OfficeRecord.objects.filter(commune=commune, year=year).first(),
        procedures={p.period: p for p in ProcedureStats.objects.filter(commune=commune, year=year)},
        dialogue=dialogue,
        dialogue_state=dialogue_state(year, dialogue and dialogue.held_on, today),
        villages=Village.objects.filter(commune=commune).count(),
    )


def profile_years(commune: Commune, today: date) -> list[int]:
    """Years to offer on the profile page: those with data, this year and last year, newest first."""
    years = set(OfficeRecord.objects.filter(commune=commune).values_list("year", flat=True))
    years |= set(ProcedureStats.objects.filter(commune=commune).values_list("year", flat=True))
    years |= set(DialogueConference.objects.filter(commune=commune).values_list("year", flat=True))
    return sorted(years | {today.year, today.year - 1}, reverse=True)


@dataclass(frozen=True)
class CommuneProfileRow:
    """One commune's line in the district profile table."""

    commune: Commune
    office: OfficeRecord | None
    procedures: ProcedureStats | None
    dialogue: DialogueRow

    @property
    def area_ok(self) -> bool | None:
        return None if self.office is None else meets_area_standard(self.office)

    @property
    def equipment_ok(self) -> bool | None:
        return None if self.office is None else has_all_equipment(self.office)


@dataclass(frozen=True)
class DistrictProfile:
    rows: list[CommuneProfileRow]
    office: RatioReport
    procedures: RatioReport


def district_overview(communes: QuerySet[Commune], year: int, today: date) -> DistrictProfile:
    """Office, yearly procedures and dialogue of each commune for ``year``, with the totals
    against the plan's targets (four queries)."""
    offices = {o.commune_id: o for o in OfficeRecord.objects.filter(commune__in=_ids(communes), year=year)}
    procedures = {
        p.commune_id: p
        for p in ProcedureStats.objects.filter(commune__in=_ids(communes), year=year, period=ReportPeriod.YEAR)
    }
    rows = [
        CommuneProfileRow(row.commune, offices.get(row.commune.pk), procedures.get(row.commune.pk), row)
        for row in dialogue_overview(communes, year, today)
    ]
    office_facts = [OfficeFacts(**{f: getattr(o, f) for f in OFFICE_FACT_FIELDS}) for o in offices.values()]
    procedure_facts = [ProcedureFacts(**{f: getattr(p, f) for f in PROCEDURE_FACT_FIELDS}) for p in procedures.values()]
    return DistrictProfile(
        rows, office_ratios_rule(office_facts, len(rows)), procedure_ratios_rule(procedure_facts, len(rows))
    )


# --- the plan's other duties: reception (II.8), meetings and rules (I.3, II.1), reform (II.5) -------

# kind -> (the commune's relation, the fields read, facts class, rule, extra condition)
DUTY_KINDS = {
    "reception": ("citizen_receptions", RECEPTION_FIELDS, ReceptionFacts, reception_ratios, {}),
    "governance": ("governance_years", GOVERNANCE_FIELDS[1:], GovernanceFacts, governance_ratios, {}),
    "reform": ("procedure_stats", REFORM_FIELDS[1:], ReformFacts, reform_ratios, {"period": ReportPeriod.YEAR}),
}


@dataclass(frozen=True)
class DutyRatios:
    total: RatioReport
    by_key: dict  # group key (district id, reviewer group...) -> RatioReport


def duty_ratios(communes: QuerySet[Commune], year: int, key: Expression | None = None) -> dict[str, DutyRatios]:
    """Kind ("reception", "governance", "reform") -> its ratios for ``communes`` in ``year``, in total
    and per group (``key``: an expression on the commune naming its group; default its district).
    One query for all three: each is at most one row per commune and year."""
    relations = {
        kind: FilteredRelation(
            relation, condition=Q(**{f"{relation}__year": year}, **{f"{relation}__{k}": v for k, v in extra.items()})
        )
        for kind, (relation, _fields, _facts, _rule, extra) in DUTY_KINDS.items()
    }
    names = ["pk", "unit_key"] + [
        f"{kind}__{name}" for kind, (_r, fields, _f, _rule, _e) in DUTY_KINDS.items() for name in ["pk", *fields]
    ]
    rows = list(communes.order_by().annotate(unit_key=key or F("district_id"), **relations).values(*names))
    sizes = Counter(row["unit_key"] for row in rows)
    found = {}
    for kind, (_relation, fields, facts_class, rule, _extra) in DUTY_KINDS.items():
        facts = [
            (row["unit_key"], facts_class(row["pk"], *[row[f"{kind}__{name}"] for name in fields]))
            for row in rows
            if row[f"{kind}__pk"] is not None
        ]
        grouped: dict = defaultdict(list)
        for unit, fact in facts:
            grouped[unit].append(fact)
        found[kind] = DutyRatios(
            rule([fact for _unit, fact in facts], len(rows)),
            {unit: rule(grouped[unit], n) for unit, n in sizes.items()},
        )
    return found


def reception_flagged(communes: QuerySet[Commune], year: int) -> QuerySet[CitizenReception]:
    """The year's figures of the communes with petitions outstanding or passed upward, worst first."""
    return (
        CitizenReception.objects.filter(commune__in=_ids(communes), year=year)
        .filter(Q(outstanding__gt=0) | Q(passed_upward__gt=0))
        .select_related("commune", "commune__district")
        .order_by("-outstanding", "-passed_upward", "commune__code")
    )


def coaching_spans(communes: CommuneSet, year: int) -> dict[int, list[tuple[date, date]]]:
    """Commune id -> (start, end) of each coaching visit that touches ``year`` (one query)."""
    found: dict[int, list[tuple[date, date]]] = defaultdict(list)
    rows = CoachingVisit.objects.filter(
        commune__in=_ids(communes), start_date__lte=date(year, 12, 31), end_date__gte=date(year, 1, 1)
    ).values_list("commune_id", "start_date", "end_date")
    for commune_id, start, end in rows:
        found[commune_id].append((start, end))
    return found


@dataclass(frozen=True)
class CommuneDuties:
    """What the commune's duties page shows for one year."""

    reception: CitizenReception | None
    reception_report: RatioReport | None
    governance: GovernanceYear | None
    visits: list[CoachingVisit]
    quarters: list


def _petition_shares(reception: CitizenReception) -> RatioReport:
    """One commune's petitions resolved and on time (its backlog is shown as a count, not a share)."""
    facts = ReceptionFacts(reception.commune_id, **{f: getattr(reception, f) for f in RECEPTION_FIELDS})
    report = reception_ratios([facts], 1)
    return RatioReport(tuple(r for r in report if r.key in ("resolved", "on_time")), report.extra)


def commune_duties(commune: Commune, year: int, today: date) -> CommuneDuties:
    """The commune's reception figures, meetings and rules, and coaching visits of ``year`` (three queries)."""
    reception = CitizenReception.objects.filter(commune=commune, year=year).first()
    governance = GovernanceYear.objects.filter(commune=commune, year=year).first()
    visits = list(
        CoachingVisit.objects.filter(
            commune=commune, start_date__lte=date(year, 12, 31), end_date__gte=date(year, 1, 1)
        ).order_by("start_date", "pk")
    )
    return CommuneDuties(
        reception,
        _petition_shares(reception) if reception else None,
        governance,
        visits,
        coaching_quarters(coaching_days_by_quarter([(v.start_date, v.end_date) for v in visits], year), year, today),
    )
