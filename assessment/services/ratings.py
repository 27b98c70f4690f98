"""Writes of the officials' yearly ratings: the page and the Excel import share one service."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import AssessmentYear, OfficialRating
from assessment.ratings import RatingLevel, rating_problem
from assessment.selectors.ratings import RatingRow, rating_rows
from assessment.services.errors import AssessmentError
from communes.models import Commune, User
from communes.permissions import is_commune_staff_of


class RatingsRefused(AssessmentError):
    """Nothing was saved; ``problems`` maps an official's id to what is wrong with that row."""

    def __init__(self, message: str, problems: dict[int, str]) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass(frozen=True)
class RatingEntry:
    level: str  # empty: no rating (a saved one is removed)
    reason: str = ""


def ratings_refusal(*, year: AssessmentYear, commune: Commune, user: User) -> str | None:
    """Why ``user`` may not record ratings of ``commune`` for ``year`` (None: they may)."""
    if not (user.is_superuser or is_commune_staff_of(user, commune)):
        return _("Chỉ cán bộ của xã được ghi xếp loại cán bộ, công chức của xã.")
    if year.is_locked:
        return _("Năm %(y)s đã khóa sổ: không thay đổi xếp loại được.") % {"y": year.year}
    return None


def official_ratings_save(
    *, year: AssessmentYear, commune: Commune, entries: dict[int, RatingEntry], user: User
) -> int:
    """Record the ratings of ``commune``'s officials for ``year`` (official id -> entry), all or none.

    Each level is checked against the official's ceiling now (plan 703 II.3): above it only with a
    reason. An official the commune does not rate that year is refused. Returns how many changed.
    """
    refused = ratings_refusal(year=year, commune=commune, user=user)
    if refused:
        raise AssessmentError(refused)
    with transaction.atomic():
        list(OfficialRating.objects.select_for_update().filter(year=year, commune=commune))
        rows = {row.official.pk: row for row in rating_rows(year, commune)}
        problems = _problems(rows, entries)
        elsewhere = OfficialRating.objects.filter(year=year, official_id__in=list(entries)).exclude(commune=commune)
        for pk in elsewhere.values_list("official_id", flat=True):
            problems[pk] = _("Người này đã được xã khác xếp loại năm %(y)s.") % {"y": year.year}
        if problems:
            raise RatingsRefused(_("Chưa lưu: có %(n)s dòng cần sửa.") % {"n": len(problems)}, problems)
        return sum(_save(year, commune, rows[pk], entry, user) for pk, entry in entries.items())


def _problems(rows: dict[int, RatingRow], entries: dict[int, RatingEntry]) -> dict[int, str]:
    problems = {}
    for pk, entry in entries.items():
        if pk not in rows:
            problems[pk] = _("Người này không thuộc danh sách xếp loại của xã năm này.")
        elif entry.level and entry.level not in RatingLevel.values:
            problems[pk] = _("Mức xếp loại không hợp lệ.")
        elif entry.level:
            problem = rating_problem(entry.level, rows[pk].ceiling, entry.reason)
            if problem:
                problems[pk] = problem
    return problems


def _save(year: AssessmentYear, commune: Commune, row: RatingRow, entry: RatingEntry, user: User) -> int:
    existing, reason = row.rating, entry.reason.strip()
    if not entry.level:
        if existing is None:
            return 0
        existing.delete()
        return 1
    if existing and (existing.level, existing.reason, existing.ceiling) == (entry.level, reason, row.ceiling or ""):
        return 0
    rating = existing or OfficialRating(year=year, commune=commune, official=row.official)
    rating.level, rating.reason, rating.ceiling = entry.level, reason, row.ceiling or ""
    rating.recorded_by, rating.recorded_at = user, timezone.now()
    rating.save()
    return 1
