"""Demo records for every year ``seed_demo`` seeds: a few disciplines, the public apologies that
follow some of them (plan 703 II.9) and short training courses, so the province dashboard's count
of them has something to show each year.

Run after the carry-over of 1 July 2025: an old commune's officials are those who serve there or
were carried over from it. Deterministic (one generator per commune and year) and idempotent: a
commune and year that already have a record of a kind get none of it.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.utils import timezone

from communes.models import Commune, year_day
from communes.profile.demo import NEW_MAP_YEARS, OLD_MAP_YEARS, rng_for
from personnel.models import Discipline, Official, PublicApology, Training, Transfer

REASONS = [
    "Giải quyết chậm hồ sơ chứng thực do lỗi chủ quan.",
    "Vi phạm quy chế văn hóa công sở, không bảo đảm giờ làm việc.",
    "Thiếu trách nhiệm trong quản lý đất đai tại bản.",
]
COURSES = [
    ("Bồi dưỡng kỹ năng tiếp công dân, giải quyết khiếu nại, tố cáo", "Thanh tra tỉnh Điện Biên"),
    ("Bồi dưỡng quản lý nhà nước chương trình chuyên viên", "Trường Chính trị tỉnh Điện Biên"),
    ("Bồi dưỡng nghiệp vụ Bộ phận Một cửa", "Sở Nội vụ tỉnh Điện Biên"),
]


def _officials(communes: list[Commune]) -> dict[int, list[int]]:
    """Commune id -> the officials who serve there or were carried over from it (two queries)."""
    found: dict[int, list[int]] = defaultdict(list)
    ids = [c.pk for c in communes]
    for commune_id, pk in Official.objects.filter(commune__in=ids).order_by("pk").values_list("commune_id", "pk"):
        found[commune_id].append(pk)
    moved = (
        Transfer.objects.filter(from_commune__in=ids)
        .order_by("official_id")
        .values_list("from_commune_id", "official_id")
    )
    for commune_id, pk in moved:
        found[commune_id].append(pk)
    return found


def _year_records(
    communes: list[Commune], year: int, today: date, officials: dict[int, list[int]]
) -> tuple[list, list, list]:
    disciplined = set(Discipline.objects.filter(decided_on__year=year).values_list("commune_id", flat=True))
    demo_courses = Training.objects.filter(start_date__year=year, course__in=[c for c, _i in COURSES])
    trained = set(demo_courses.values_list("official_id", flat=True))
    disciplines, apologies, trainings = [], [], []
    last = min(today, date(year, 12, 31))
    for commune in communes:
        staff = officials.get(commune.pk)
        if not staff:
            continue
        # Every draw is made whatever is skipped, so that a second run draws the same.
        rng = rng_for(commune, f"records{year}")
        day = date(year, 1, 10) + timedelta(days=rng.randint(0, max((last - date(year, 1, 10)).days, 0)))
        punish, apologise, train = rng.random() < 0.06, rng.random() < 0.5, rng.random() < 0.3
        culprit, learner = rng.choice(staff), rng.choice(staff)
        form = rng.choice([Discipline.Form.REPRIMAND, Discipline.Form.REPRIMAND, Discipline.Form.WARNING])
        number, reason, (course, institution) = rng.randint(10, 199), rng.choice(REASONS), rng.choice(COURSES)
        if punish and commune.pk not in disciplined:
            disciplines.append(
                Discipline(
                    official_id=culprit,
                    commune=commune,
                    decided_on=day,
                    form=form,
                    decision_number=f"{number}/QĐ-UBND",
                    authority="UBND xã",
                    reason=reason,
                )
            )
            if apologise:
                apologies.append(
                    PublicApology(
                        official_id=culprit,
                        commune=commune,
                        held_on=min(day + timedelta(days=7), last),
                        violation="Giải quyết chậm hồ sơ của công dân.",
                        apologised_to="Hộ dân có hồ sơ giải quyết chậm",
                        committee_leader="Phó Chủ tịch UBND xã",
                        attendees="Đại diện Đảng ủy, Ban công tác Mặt trận bản, Trưởng bản và các hộ dân.",
                    )
                )
        if train and not trained.intersection(staff):
            trainings.append(
                Training(
                    official_id=learner,
                    course=course,
                    institution=institution,
                    start_date=day,
                    end_date=min(day + timedelta(days=10), last),
                    finished=year < today.year,
                )
            )
    return disciplines, apologies, trainings


def seed_records(today: date | None = None) -> list[str]:
    """Disciplines, apologies and trainings for each year of both maps (idempotent); a line to print
    when something was added."""
    today = today or timezone.localdate()
    made = [0, 0, 0]
    for year in [2019, *OLD_MAP_YEARS, *NEW_MAP_YEARS]:  # the assessment demo starts in 2019
        if year > today.year:
            continue
        communes = list(Commune.objects.valid_on(year_day(year)).order_by("code"))
        disciplines, apologies, trainings = _year_records(communes, year, today, _officials(communes))
        made[0] += len(Discipline.objects.bulk_create(disciplines))
        made[1] += len(PublicApology.objects.bulk_create(apologies))
        made[2] += len(Training.objects.bulk_create(trainings))
    if not any(made):
        return []
    return [f"records: {made[0]} disciplines, {made[1]} public apologies, {made[2]} trainings added"]
