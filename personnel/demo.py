"""Demo rosters for ``seed_demo``: every commune of the old map gets about 20 cadres and civil
servants, its part-time workers and its village workers, with a realistic mix of qualifications
(some short of the standards), plus a little training, one transfer, one discipline and one public
apology. On 1 July 2025 they all carry over to their commune's main successor (the reorganisation's
transfers, by the same service as ``manage.py carry_over_officials``), so the 45 new communes have
the merged rosters, and village workers keep their village (copied to the new commune by the
profile seed).

Deterministic (a random generator per commune code) and idempotent: only old communes no official
ever served in are seeded. bulk_create keeps the whole province to a few seconds.
"""

import random
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune, Succession, Village, fold
from communes.profile.demo import NAMES, person_name, rng_for, village_copies
from personnel.demo_records import seed_records
from personnel.models import (
    Category,
    Discipline,
    Ethnicity,
    Gender,
    Official,
    Position,
    PublicApology,
    Training,
    Transfer,
)
from personnel.models.levels import Dimension
from personnel.services.carry_over import officials_carry_over

# Each seat: the positions one person holds (several when concurrent). Built per commune below.
CADRE_SEATS = [
    "pho-chu-tich-hdnd",
    "pho-chu-tich-ubnd",
    "chu-tich-mttq",
    "bi-thu-doan",
    "chu-tich-hoi-phu-nu",
    "chu-tich-hoi-ccb",
]
SERVANT_SEATS = [
    "chi-huy-truong-quan-su",
    "van-phong-thong-ke",
    "van-phong-thong-ke",
    "tai-chinh-ke-toan",
    "tu-phap-ho-tich",
    "tu-phap-ho-tich",
    "van-hoa-xa-hoi",
    "van-hoa-xa-hoi",
]
PART_TIME_SEATS = [
    "pho-chi-huy-truong-quan-su",
    "van-phong-dang-uy",
    "pho-chu-tich-mttq",
    "pho-bi-thu-doan",
    "pho-chu-tich-hoi-phu-nu",
    "pho-chu-tich-hoi-ccb",
    "chu-tich-hoi-nguoi-cao-tuoi",
    "chu-tich-hoi-chu-thap-do",
    "van-thu-thu-quy",
]
FIELDS = {
    "cadre": [
        "Xây dựng Đảng và chính quyền nhà nước",
        "Luật",
        "Quản lý nhà nước",
        "Kinh tế nông nghiệp",
        "Hành chính học",
        "Chính trị học",
    ],
    "chi-huy-truong-quan-su": ["Chỉ huy tham mưu"],
    "van-phong-thong-ke": ["Hành chính học", "Quản trị văn phòng"],
    "dia-chinh-nong-nghiep": ["Quản lý đất đai", "Nông học"],
    "dia-chinh-do-thi": ["Quản lý đất đai", "Xây dựng"],
    "tai-chinh-ke-toan": ["Kế toán", "Tài chính - ngân hàng"],
    "tu-phap-ho-tich": ["Luật"],
    "van-hoa-xa-hoi": ["Văn hóa học", "Công tác xã hội"],
}
# (level, weight) per qualification and category; the weights give ratios near the plan's targets.
MIX = {
    "cadre": {
        "general_education": [(3, 93), (2, 7)],
        "professional_level": [(4, 58), (3, 5), (2, 29), (1, 4), (0, 4)],
        "political_theory": [(2, 82), (3, 5), (1, 10), (0, 3)],
        "state_management": [(1, 60), (2, 22), (0, 18)],
        "it_level": [(1, 85), (2, 5), (0, 10)],
        "foreign_language": [(0, 50), (1, 30), (2, 20)],
    },
    "civil_servant": {
        "general_education": [(3, 97), (2, 3)],
        "professional_level": [(4, 63), (3, 6), (2, 29), (1, 2)],
        "political_theory": [(2, 52), (1, 33), (0, 15)],
        "state_management": [(1, 55), (2, 15), (0, 30)],
        "it_level": [(1, 86), (2, 6), (0, 8)],
        "foreign_language": [(0, 45), (1, 35), (2, 20)],
    },
    "part_time": {
        "general_education": [(3, 60), (2, 32), (1, 8)],
        "professional_level": [(2, 40), (1, 15), (0, 45)],
        "political_theory": [(1, 55), (0, 45)],
        "state_management": [(0, 100)],
        "it_level": [(1, 40), (0, 60)],
        "foreign_language": [(0, 100)],
    },
    "village": {
        "general_education": [(3, 25), (2, 50), (1, 25)],
        "professional_level": [(0, 85), (1, 15)],
        "political_theory": [(1, 40), (0, 60)],
        "state_management": [(0, 100)],
        "it_level": [(0, 90), (1, 10)],
        "foreign_language": [(0, 100)],
    },
}


@dataclass
class Roster:
    officials: list[Official] = field(default_factory=list)
    seats: list[list[str]] = field(default_factory=list)


def _pick(rng: random.Random, pairs: list[tuple[int, int]]) -> int:
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def _group_of(name: str) -> str:
    family = name.split()[0]
    return next(group for group, (families, _m, _g) in NAMES.items() if family in families)


class RosterBuilder:
    """Builds one commune's officials in memory (saved later in bulk)."""

    def __init__(self, commune: Commune, ethnicities: dict[str, Ethnicity]) -> None:
        self.commune, self.ethnicities = commune, ethnicities
        self.rng = rng_for(commune, "roster")
        self.roster = Roster()

    def add(
        self,
        category: str,
        codes: list[str],
        *,
        name: str | None = None,
        village: Village | None = None,
        young: bool = False,
    ) -> None:
        rng = self.rng
        female = rng.random() < (0.6 if "phu-nu" in codes[0] else 0.28)
        if name is None:
            name, group = person_name(rng, female)
        else:
            group, female = _group_of(name), " Thị " in f" {name} "
        year = rng.randint(1990, 1998) if young else rng.randint(1968, 1992)
        born = date(year, rng.randint(1, 12), rng.randint(1, 28))
        start = date(min(born.year + rng.randint(21, 30), 2020), rng.randint(1, 12), 1)
        levels = {key: _pick(rng, pairs) for key, pairs in MIX[category].items()}
        fields = FIELDS.get(codes[0], FIELDS["cadre"] if category == "cadre" else [""])
        self.roster.officials.append(
            Official(
                commune=self.commune,
                village=village,
                full_name=name,
                search_name=fold(name),
                gender=Gender.FEMALE if female else Gender.MALE,
                date_of_birth=born,
                ethnicity=self.ethnicities[group],
                party_member=category == "cadre" or "bi-thu-chi-bo" in codes or rng.random() < 0.6,
                category=category,
                start_date=start,
                professional_field=rng.choice(fields) if levels["professional_level"] >= 2 else "",
                ethnic_language_certificate=group == "Kinh" and rng.random() < 0.3,
                ethnic_language="Tiếng Thái" if group == "Kinh" else "",
                **levels,
            )
        )
        self.roster.seats.append(codes)

    def build(self, villages: list[Village]) -> Roster:
        rng, rural = self.rng, self.commune.kind == Commune.Kind.COMMUNE
        # Plan II.3: party secretary as people's council chair, deputy secretary as committee chair.
        if rng.random() < 0.65:
            self.add("cadre", ["bi-thu-dang-uy", "chu-tich-hdnd"])
        else:
            self.add("cadre", ["bi-thu-dang-uy"])
            self.add("cadre", ["chu-tich-hdnd"])
        self.add("cadre", ["pho-bi-thu-dang-uy", "chu-tich-ubnd"])
        for code in CADRE_SEATS + (["chu-tich-hoi-nong-dan", "pho-chu-tich-ubnd"] if rural else []):
            self.add("cadre", [code], young=code == "bi-thu-doan")
        land = "dia-chinh-nong-nghiep" if rural else "dia-chinh-do-thi"
        for code in SERVANT_SEATS + [land, land] + (["tai-chinh-ke-toan"] if rng.random() < 0.5 else []):
            self.add("civil_servant", [code])
        for code in PART_TIME_SEATS + (["thu-y-khuyen-nong", "pho-chu-tich-hoi-nong-dan"] if rural else []):
            self.add("part_time", [code])
        for village in villages:
            self._village_workers(village)
        return self.roster

    def _village_workers(self, village: Village) -> None:
        if village.party_secretary_name == village.head_name:
            self.add("village", ["truong-thon", "bi-thu-chi-bo"], name=village.head_name, village=village)
            return
        self.add("village", ["truong-thon"], name=village.head_name, village=village)
        self.add("village", ["bi-thu-chi-bo"], name=village.party_secretary_name, village=village)


def _save(rosters: list[Roster], positions: dict[str, Position]) -> int:
    officials = [o for r in rosters for o in r.officials]
    Official.objects.bulk_create(officials, batch_size=1000)
    through = Official.positions.through
    links = [
        through(official_id=o.pk, position_id=positions[code].pk)
        for r in rosters
        for o, codes in zip(r.officials, r.seats)
        for code in codes
    ]
    through.objects.bulk_create(links, batch_size=2000)
    return len(officials)


def _trainings(officials: list[Official]) -> list[Training]:
    """Some cadres short of intermediate political theory are on the course; a few finished IT."""
    found = []
    for official in officials:
        rng = random.Random(f"training:{official.pk}")
        if official.category == Category.CADRE and official.political_theory < 2 and rng.random() < 0.6:
            found.append(
                Training(
                    official=official,
                    course="Trung cấp lý luận chính trị - hành chính",
                    institution="Trường Chính trị tỉnh Điện Biên",
                    dimension=Dimension.POLITICAL_THEORY,
                    level_reached=2,
                    start_date=date(2021, 3, 1),
                )
            )
        if official.it_level >= 1 and rng.random() < 0.15:
            found.append(
                Training(
                    official=official,
                    course="Ứng dụng công nghệ thông tin cơ bản",
                    institution="Trung tâm Giáo dục nghề nghiệp - GDTX",
                    dimension=Dimension.IT,
                    level_reached=1,
                    start_date=date(2019, 6, 3),
                    end_date=date(2019, 8, 30),
                    finished=True,
                    qualification_raised=True,
                )
            )
    return found


def _examples(commune_codes: tuple[str, str]) -> list[str]:
    """One transfer between two communes of huyện Điện Biên, a discipline and an apology."""
    if Transfer.objects.exists():
        return []
    source, target = (Commune.objects.valid_on(date(2021, 7, 1)).filter(code=c).first() for c in commune_codes)
    if not (source and target):
        return []
    moved = Official.objects.filter(commune=source, category=Category.CIVIL_SERVANT).order_by("pk").first()
    Transfer.objects.create(
        official=moved,
        kind=Transfer.Kind.ROTATION,
        from_commune=source,
        to_commune=target,
        effective_date=date(2021, 7, 1),
        decision_number="1234/QĐ-UBND",
        note="Luân chuyển theo kế hoạch của UBND huyện.",
    )
    Official.objects.filter(pk=moved.pk).update(commune=target)
    other = Official.objects.filter(commune=target, category=Category.PART_TIME).order_by("pk").first()
    Discipline.objects.create(
        official=other,
        commune=target,
        decided_on=date(2021, 9, 15),
        form=Discipline.Form.REPRIMAND,
        decision_number="56/QĐ-UBND",
        authority="UBND xã",
        reason="Giải quyết chậm hồ sơ chứng thực do lỗi chủ quan.",
    )
    PublicApology.objects.create(
        official=other,
        commune=target,
        held_on=date(2021, 9, 20),
        violation="Giải quyết chậm hồ sơ chứng thực.",
        apologised_to="Hộ ông Lò Văn Pọm, bản Co Mận",
        committee_leader="Phó Chủ tịch UBND xã",
        attendees="Đại diện Đảng ủy, Ban công tác Mặt trận bản, Trưởng bản và 5 hộ dân.",
    )
    return [f"examples: {moved.full_name} rotated {source.name} → {target.name}, one discipline, one apology"]


def _carry_over() -> list[str]:
    """The reorganisation: officials move to the main successors; village workers keep their village."""
    homes = dict(
        Official.objects.filter(
            category=Category.VILLAGE, village__isnull=False, commune__valid_to__lt=NEW_MAP_FIRST_DAY
        ).values_list("pk", "village_id")
    )
    result = officials_carry_over(effective_date=NEW_MAP_FIRST_DAY)
    if not result.officials:
        return []
    copies = _village_copies()
    moved = list(Official.objects.filter(pk__in=homes, village__isnull=True))
    for official in moved:
        official.village_id = copies.get(homes[official.pk])
    Official.objects.bulk_update(moved, ["village"], batch_size=1000)
    return [
        f"carry-over: {result.officials} officials of {result.communes} merged communes moved to their "
        f"main successors on {NEW_MAP_FIRST_DAY:%d/%m/%Y}"
    ]


def _village_copies() -> dict[int, int]:
    """Old village id -> the id of its copy in the commune's main successor."""
    successions = list(Succession.objects.filter(is_main=True).select_related("predecessor", "successor"))
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(commune__in={s.predecessor_id for s in successions}).order_by("name"):
        villages.setdefault(village.commune_id, []).append(village)
    saved = {
        (v.commune_id, v.name): v.pk for v in Village.objects.filter(commune__in={s.successor_id for s in successions})
    }
    by_successor: dict[Commune, list[Commune]] = {}
    for succession in successions:
        by_successor.setdefault(succession.successor, []).append(succession.predecessor)
    return {
        old.pk: saved[(successor.pk, copy.name)]
        for successor, predecessors in by_successor.items()
        for old, copy in village_copies(successor, predecessors, villages)
        if (successor.pk, copy.name) in saved
    }


@transaction.atomic
def seed() -> list[str]:
    """Give every old-map commune no official ever served in a demo roster, then carry everyone over
    to the new map (idempotent); return lines to print."""
    done = set(Official.objects.values_list("commune_id", flat=True).distinct()) | set(
        Transfer.objects.values_list("from_commune_id", flat=True).distinct()
    )
    communes = [c for c in Commune.objects.valid_on(OLD_MAP_LAST_DAY).order_by("code") if c.pk not in done]
    ethnicities = {e.name: e for e in Ethnicity.objects.all()}
    positions = {p.code: p for p in Position.objects.all()}
    villages: dict[int, list[Village]] = {}
    for village in Village.objects.filter(commune__in=communes).order_by("name"):
        villages.setdefault(village.commune_id, []).append(village)
    rosters = [RosterBuilder(c, ethnicities).build(villages.get(c.pk, [])) for c in communes]
    count = _save(rosters, positions)
    trainings = Training.objects.bulk_create(_trainings([o for r in rosters for o in r.officials]))
    lines = [f"officials: {count} added in {len(communes)} communes, {len(trainings)} training records"]
    return lines + _examples(("3316", "3334")) + _carry_over() + seed_records()
