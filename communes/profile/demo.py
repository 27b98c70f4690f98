"""Demo commune profiles for ``seed_demo``: villages, new-rural status, office, procedures, dialogue.

The 129 old communes report for 2020-2024, the 45 new ones (from 1 July 2025) for 2025 and 2026; a
new commune's villages are its predecessors' villages, which stayed what they were in the merger.
Deterministic (one random generator per commune and map) and idempotent: each kind of record is
created only for communes that have none yet. Written with bulk_create so the province seeds in
about a second.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction

from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune, Succession
from communes.profile.models import (
    CommuneProfile,
    DialogueConference,
    NewRuralStatus,
    OfficeRecord,
    OneStopStatus,
    ProcedureStats,
    ReportPeriod,
    Village,
)

OLD_MAP_YEARS = (2020, 2021, 2022, 2023, 2024)
NEW_MAP_YEARS = (2025, 2026)

# People's names as they are common in Điện Biên, by ethnic group (family names, middle, given).
NAMES = {
    "Thái": (
        ["Lò", "Lường", "Quàng", "Cà", "Tòng", "Lù", "Điêu", "Vì", "Lèo", "Hoàng"],
        ["Văn", "Thị"],
        [
            "Thắng",
            "Pánh",
            "Chung",
            "Xuân",
            "Hương",
            "Ơn",
            "Inh",
            "Thanh",
            "Biên",
            "Phong",
            "Mai",
            "Ngọc",
            "Tuấn",
            "Hùng",
            "Lan",
            "Hoa",
            "Dung",
            "Sơn",
            "Kiên",
            "Thương",
        ],
    ),
    "Mông": (
        ["Giàng", "Sùng", "Vừ", "Mùa", "Thào", "Lầu", "Hờ", "Lý", "Chang", "Tráng"],
        ["A", "Thị"],
        [
            "Sử",
            "Páo",
            "Dính",
            "Chứ",
            "Lử",
            "Tủa",
            "Dơ",
            "Của",
            "Sình",
            "Vàng",
            "Dế",
            "Mỷ",
            "Dua",
            "Pàng",
            "Chía",
            "Lầu",
            "Tồng",
            "Già",
        ],
    ),
    "Kinh": (
        ["Nguyễn", "Trần", "Phạm", "Lê", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"],
        ["Văn", "Thị"],
        [
            "Hùng",
            "Hoa",
            "Tuấn",
            "Lan",
            "Minh",
            "Hạnh",
            "Dũng",
            "Hương",
            "Quang",
            "Thủy",
            "Long",
            "Nga",
            "Hải",
            "Yến",
            "Đức",
            "Trang",
        ],
    ),
    "Khơ Mú": (["Quàng", "Lò", "Vì", "Cầm"], ["Văn", "Thị"], ["Pấu", "Xôm", "Khăm", "Phăn", "Nhọt", "Bun"]),
    "Dao": (["Triệu", "Đặng", "Bàn", "Phàn", "Lý"], ["Văn", "Thị"], ["Quý", "Sinh", "Kiều", "Mẩy", "Tài"]),
    "Hà Nhì": (["Lỳ", "Pờ", "Chu", "Sừng", "Lò"], ["A", "Thị"], ["Xá", "Phì", "Gió", "Chừ", "Hừ"]),
}
# Weights roughly as the province's population (Thái and Mông make up most of it).
ETHNIC_WEIGHTS = {"Thái": 36, "Mông": 36, "Kinh": 18, "Khơ Mú": 5, "Dao": 3, "Hà Nhì": 2}
VILLAGE_FIRST = [
    "Na",
    "Huổi",
    "Pá",
    "Nà",
    "Co",
    "Hua",
    "Phiêng",
    "Pom",
    "Nậm",
    "Tà",
    "Púng",
    "Sái",
    "Lả",
    "Ten",
    "Xá",
    "Pắc",
    "Hát",
    "Phì",
]
VILLAGE_SECOND = [
    "Sang",
    "Lếch",
    "Khoang",
    "Pen",
    "Mùn",
    "Lanh",
    "Chăn",
    "Dạo",
    "Xôm",
    "Cang",
    "Nghịu",
    "Ban",
    "Lót",
    "Há",
    "Hẹ",
    "Luông",
    "Bó",
    "Lứa",
    "Tấu",
    "Ngựu",
    "Hịa",
    "Pẩu",
]


def rng_for(commune: Commune, salt: str = "") -> random.Random:
    """A generator per commune: codes are reused on the new map, so a new unit adds its first year."""
    key = commune.code if commune.valid_from is None else f"{commune.code}@{commune.valid_from:%Y}"
    return random.Random(f"{key}:{salt}")


def person_name(rng: random.Random, female: bool, group: str | None = None) -> tuple[str, str]:
    """A plausible full name and its ethnic group."""
    group = group or rng.choices(list(ETHNIC_WEIGHTS), weights=list(ETHNIC_WEIGHTS.values()))[0]
    families, middles, givens = NAMES[group]
    middle = middles[1] if female else middles[0]
    return f"{rng.choice(families)} {middle} {rng.choice(givens)}", group


def _villages(commune: Commune) -> list[Village]:
    rng = rng_for(commune, "villages")
    if commune.kind != Commune.Kind.COMMUNE:
        return [
            Village(
                commune=commune,
                kind=Village.Kind.RESIDENTIAL_GROUP,
                name=f"Tổ dân phố {n}",
                households=rng.randint(80, 220),
                **_village_heads(rng),
            )
            for n in range(1, rng.randint(6, 12))
        ]
    names: set[str] = set()
    wanted = rng.randint(7, 14)
    while len(names) < wanted:
        names.add(f"{rng.choice(VILLAGE_FIRST)} {rng.choice(VILLAGE_SECOND)}")
    return [
        Village(
            commune=commune, kind=Village.Kind.HAMLET, name=name, households=rng.randint(40, 160), **_village_heads(rng)
        )
        for name in sorted(names)
    ]


def village_copies(
    successor: Commune, predecessors: list[Commune], villages: dict[int, list[Village]]
) -> list[tuple[Village, Village]]:
    """Each predecessor's villages (``villages``: commune id -> its villages by name) paired with an
    unsaved copy in ``successor``; a name already taken there gets its old commune's name in brackets."""
    taken: set[str] = set()
    pairs = []
    for old in sorted(predecessors, key=lambda c: c.code):
        for village in villages.get(old.pk, []):
            name = village.name if village.name not in taken else f"{village.name} ({_short(old.name)})"
            taken.add(name)
            pairs.append(
                (
                    village,
                    Village(
                        commune=successor,
                        kind=village.kind,
                        name=name,
                        head_name=village.head_name,
                        party_secretary_name=village.party_secretary_name,
                        households=village.households,
                    ),
                )
            )
    return pairs


def _short(name: str) -> str:
    for prefix in ("Thị trấn ", "Phường ", "Xã "):
        name = name.removeprefix(prefix)
    return name


def _new_villages(communes: list[Commune]) -> list[Village]:
    """Villages of the new communes that have none: their main predecessors' villages, copied."""
    successions = list(Succession.objects.filter(successor__in=communes, is_main=True).select_related("predecessor"))
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(commune__in={s.predecessor_id for s in successions}).order_by("name"):
        villages.setdefault(village.commune_id, []).append(village)
    predecessors: dict[int, list[Commune]] = {}
    for succession in successions:
        predecessors.setdefault(succession.successor_id, []).append(succession.predecessor)
    return [copy for c in communes for _old, copy in village_copies(c, predecessors.get(c.pk, []), villages)]


def _village_heads(rng: random.Random) -> dict[str, str]:
    head, group = person_name(rng, rng.random() < 0.15)
    # Plan II.2 encourages one person to hold both posts: about a third of villages do.
    secretary = head if rng.random() < 0.35 else person_name(rng, rng.random() < 0.2, group)[0]
    return {"head_name": head, "party_secretary_name": secretary}


def _profile(commune: Commune) -> CommuneProfile:
    rng = rng_for(commune, "profile")
    status = NewRuralStatus.NONE
    if commune.kind == Commune.Kind.COMMUNE and rng.random() < 0.3:
        status = rng.choice([NewRuralStatus.BASIC, NewRuralStatus.ACHIEVED])
    year = rng.randint(2016, 2021) if status != NewRuralStatus.NONE else None
    return CommuneProfile(commune=commune, new_rural_status=status, new_rural_year=year)


def _office(commune: Commune, year: int) -> OfficeRecord:
    rng = rng_for(commune, f"office{year}")
    standard = Decimal(rng.choice([350, 400, 450, 500]))
    share = rng.uniform(1.0, 1.3) if rng.random() < 0.7 else rng.uniform(0.6, 0.97)
    area = (standard * Decimal(share)).quantize(Decimal("1"))
    full_kit = rng.random() < (0.8 if year == 2020 else 0.88)
    return OfficeRecord(
        commune=commune,
        year=year,
        building_solid=rng.random() < 0.93,
        floor_area_m2=area,
        standard_area_m2=standard,
        year_built=rng.randint(1998, 2018),
        year_renovated=rng.choice([None, None, rng.randint(2019, year)]),
        computers=rng.randint(8, 22),
        has_internet_computers=True,
        has_printer=True,
        has_photocopier=full_kit or rng.random() < 0.4,
        has_telephone=full_kit or rng.random() < 0.7,
    )


def _procedures(commune: Commune, year: int, period: str) -> ProcedureStats:
    rng = rng_for(commune, f"tthc{year}{period}")
    applicable = rng.randint(105, 135)
    received = rng.randint(150, 900) // (2 if period == ReportPeriod.FIRST_HALF else 1)
    late = rng.choice([0] * 8 + [1, 2, 3, 5])
    pending = rng.randint(0, 12)
    return ProcedureStats(
        commune=commune,
        year=year,
        period=period,
        applicable=applicable,
        posted=applicable if rng.random() < 0.9 else applicable - rng.randint(1, 6),
        received=received,
        on_time=received - late - pending,
        late=late,
        one_stop_status=rng.choices(list(OneStopStatus.values), weights=[80, 17, 3])[0],
        uses_iso_9001=rng.random() < 0.6,
        uses_e_office=rng.random() < 0.95,
    )


def _dialogue(commune: Commune, year: int) -> DialogueConference | None:
    rng = rng_for(commune, f"dialogue{year}")
    roll = rng.random()
    if roll < 0.06:
        return None  # not held: the district page flags it
    month = 11 if roll < 0.12 else 12
    chair, _group = person_name(rng, False)
    raised = rng.randint(8, 35)
    return DialogueConference(
        commune=commune,
        year=year,
        held_on=date(year, month, rng.randint(5, 28)),
        chaired_by=chair,
        participants=rng.randint(60, 180),
        issues_raised=raised,
        issues_answered=raised - rng.randint(0, 3),
        summary="Đất đai, giao thông nông thôn, nước sinh hoạt, chính sách hỗ trợ hộ nghèo.",
    )


def _missing(model: type, communes: list[Commune], **lookup) -> list[Commune]:
    done = set(model.objects.filter(commune__in=communes, **lookup).values_list("commune_id", flat=True))
    return [c for c in communes if c.pk not in done]


@transaction.atomic
def seed_profiles() -> list[str]:
    """Give every commune a demo profile (idempotent); return lines to print."""
    communes = list(Commune.objects.order_by("code"))
    old = [c for c in communes if c.is_valid_on(OLD_MAP_LAST_DAY)]
    new = [c for c in communes if c.is_valid_on(NEW_MAP_FIRST_DAY)]
    villages = Village.objects.bulk_create([v for c in _missing(Village, old) for v in _villages(c)], batch_size=1000)
    villages += Village.objects.bulk_create(_new_villages(_missing(Village, new)), batch_size=1000)
    CommuneProfile.objects.bulk_create([_profile(c) for c in _missing(CommuneProfile, communes)])
    created = {"office": 0, "tthc": 0, "dialogue": 0}
    for year, units in [(y, old) for y in OLD_MAP_YEARS] + [(y, new) for y in NEW_MAP_YEARS]:
        offices = [_office(c, year) for c in _missing(OfficeRecord, units, year=year)]
        created["office"] += len(OfficeRecord.objects.bulk_create(offices))
        for period in ReportPeriod.values:
            stats = [_procedures(c, year, period) for c in _missing(ProcedureStats, units, year=year, period=period)]
            created["tthc"] += len(ProcedureStats.objects.bulk_create(stats))
        dialogues = [d for c in _missing(DialogueConference, units, year=year) if (d := _dialogue(c, year))]
        created["dialogue"] += len(DialogueConference.objects.bulk_create(dialogues))
    return [
        f"commune profiles: {len(villages)} villages, {created['office']} office records, "
        f"{created['tthc']} procedure reports, {created['dialogue']} dialogue conferences added"
    ]
