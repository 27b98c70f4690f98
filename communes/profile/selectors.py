"""Reads of the commune profile, for pages, panels and the reports app.

Every function takes a queryset (or list) of communes and runs a fixed number of queries,
whatever its size: one commune, a district or the whole province.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from communes.models import Commune
from communes.profile.models import (
    CommuneProfile,
    DialogueConference,
    NewRuralStatus,
    OfficeRecord,
    ProcedureStats,
    ReportPeriod,
    Village,
)
from communes.profile.rules import (
    DialogueState,
    OfficeFacts,
    ProcedureFacts,
    RatioReport,
    dialogue_state,
    has_all_equipment,
    meets_area_standard,
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


def office_ratios(communes: CommuneSet, year: int) -> RatioReport:
    """Plan I.3 office targets for ``communes`` in ``year``: solid (> 95%), floor area (> 75%),
    all equipment (100%). Percentages are of the communes that reported;
    ``report.extra["not_reported"]`` counts the others."""
    district_of = _district_of(communes)
    return office_ratios_rule(_office_facts(communes, year), len(district_of))


def office_ratios_by_district(communes: CommuneSet, year: int) -> dict[int | None, RatioReport]:
    """:func:`office_ratios` for each district of ``communes`` (district id -> report), in 2 queries."""
    district_of = _district_of(communes)
    by_district = _by_district(_office_facts(communes, year), district_of)
    sizes = Counter(district_of.values())
    return {district: office_ratios_rule(by_district[district], sizes[district]) for district in sizes}


def procedure_ratios(communes: CommuneSet, year: int, period: str = ReportPeriod.YEAR) -> RatioReport:
    """Plan I.3 procedure targets for ``communes``: posted (100%) and resolved on time (100%),
    summed over the communes that reported for ``year`` and ``period``."""
    district_of = _district_of(communes)
    return procedure_ratios_rule(_procedure_facts(communes, year, period), len(district_of))


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
