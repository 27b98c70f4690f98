"""Writes of the officials' yearly ratings: the page and the Excel import share one service."""

import hashlib
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
    # What the page showed for this row (``seen_mark`` of the saved rating then; None: not known, as
    # in a workbook): a row left as it was shown is not written back over a newer save, and a row
    # changed on a page older than the saved rating is refused (two clerks never overwrite silently).
    seen: str | None = None


def seen_mark(rating: OfficialRating | None) -> str:
    """The saved rating as a page shows it: when it was recorded, its level and a digest of its reason."""
    if rating is None:
        return "-"
    digest = hashlib.sha256(rating.reason.strip().encode()).hexdigest()[:12]
    return f"{rating.recorded_at.isoformat()}|{rating.level}|{digest}"


def _shown_as(entry: RatingEntry) -> str:
    """The mark ``entry`` would have if it were the saved rating the page showed (time aside)."""
    digest = hashlib.sha256(entry.reason.strip().encode()).hexdigest()[:12]
    return f"{entry.level}|{digest}" if entry.level else "-"


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
        # The commune's row serialises two saves of its ratings (the first ever has no rating to lock).
        Commune.objects.select_for_update(no_key=True).filter(pk=commune.pk).first()
        rows = {row.official.pk: row for row in rating_rows(year, commune)}
        entries = {
            pk: entry for pk, entry in entries.items() if not _untouched(entry) and not _as_saved(entry, rows.get(pk))
        }
        problems = _problems(rows, entries)
        problems.update(_stale(rows, entries))
        elsewhere = OfficialRating.objects.filter(year=year, official_id__in=list(entries)).exclude(commune=commune)
        for pk in elsewhere.values_list("official_id", flat=True):
            problems[pk] = _("Người này đã được xã khác xếp loại năm %(y)s.") % {"y": year.year}
        if problems:
            raise RatingsRefused(_("Chưa lưu: có %(n)s dòng cần sửa.") % {"n": len(problems)}, problems)
        return sum(_save(year, commune, rows[pk], entry, user) for pk, entry in entries.items())


def _untouched(entry: RatingEntry) -> bool:
    """The row is as the page showed it: the user did not change it (nothing to write)."""
    if entry.seen is None:
        return False
    shown = entry.seen if entry.seen == "-" else entry.seen.split("|", 1)[-1]
    return shown == _shown_as(entry)


def _as_saved(entry: RatingEntry, row: RatingRow | None) -> bool:
    """The entry says what is saved now (a sheet uploaded again, a form sent twice): nothing to
    write, and nothing stale to refuse."""
    if entry.seen is None or row is None:
        return False
    saved = seen_mark(row.rating)
    return _shown_as(entry) == (saved if saved == "-" else saved.split("|", 1)[1])


def _stale(rows: dict[int, RatingRow], entries: dict[int, RatingEntry]) -> dict[int, str]:
    """Rows changed on a page older than the rating saved since (by someone else, or in another tab)."""
    problems = {}
    for pk, entry in entries.items():
        row = rows.get(pk)
        if entry.seen is None or row is None or seen_mark(row.rating) == entry.seen:
            continue
        if row.rating is None:
            problems[pk] = _("Xếp loại của người này vừa được người khác xóa; kiểm tra lại rồi lưu.")
        else:
            problems[pk] = _(
                "Người khác vừa lưu xếp loại của người này lúc %(at)s: “%(level)s”. Kiểm tra lại rồi lưu."
            ) % {
                "at": timezone.localtime(row.rating.recorded_at).strftime("%H:%M %d/%m/%Y"),
                "level": row.rating.get_level_display(),
            }
    return problems


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
