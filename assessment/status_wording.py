"""Two statuses that must not be confused: a criteria set's and a commune's result's.

A criteria set is provisional until province staff record the decision it follows (number and
date); that status belongs where the set and its thresholds are shown and in a report's legal basis.
A result is self-scored, reviewed, confirmed or locked; its wording never says "tạm thời", and a
confirmed or locked result reads as official whatever the state of the set. Pure functions: no
database, the same words on the pages, the PDF and the workbook.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from django.utils import timezone
from django.utils.translation import gettext as _


class ResultState(StrEnum):
    SELF_SCORED = "self_scored"
    REVIEWED = "reviewed"
    CONFIRMED = "confirmed"
    LOCKED = "locked"


@dataclass(frozen=True)
class ResultStatus:
    state: ResultState
    label: str  # a short badge
    note: str  # one sentence: how far the result can be relied on
    official: bool = False  # confirmed by the province (and perhaps locked since)


def result_status(status: str, *, year_locked: bool, has_district_level: bool = True) -> ResultStatus:
    """The wording of a result in workflow ``status`` ("draft", ... "finalized") of a year that is or
    is not locked."""
    finalized = status == "finalized"
    if year_locked:
        if finalized:
            return ResultStatus(
                ResultState.LOCKED,
                _("Kết quả chính thức · năm đã khóa sổ"),
                _("Tỉnh đã công nhận kết quả và năm đã khóa sổ: kết quả không thay đổi nữa."),
                official=True,
            )
        return ResultStatus(
            ResultState.LOCKED,
            _("Chưa được công nhận · năm đã khóa sổ"),
            _("Năm đã khóa sổ trước khi tỉnh công nhận kết quả này: kết quả dừng ở bước hiện tại."),
        )
    if finalized:
        return ResultStatus(
            ResultState.CONFIRMED,
            _("Kết quả chính thức · tỉnh đã công nhận"),
            _("Tỉnh đã công nhận: đây là kết quả chính thức của năm."),
            official=True,
        )
    if status == "district_approved":
        return ResultStatus(
            ResultState.REVIEWED,
            _("Đã thẩm định · chờ tỉnh công nhận"),
            _("Xếp loại theo điểm thẩm định; trở thành chính thức khi tỉnh công nhận."),
        )
    return _self_scored(status, has_district_level)


def _self_scored(status: str, has_district_level: bool) -> ResultStatus:
    if status == "submitted":
        label = _("Tự chấm · chờ huyện thẩm định") if has_district_level else _("Tự chấm · chờ Sở Nội vụ thẩm định")
    elif status == "returned":
        label = _("Tự chấm · trả lại xã sửa")
    else:
        label = _("Tự chấm · xã chưa nộp")
    note = _("Xếp loại dự kiến theo điểm xã tự chấm, chưa được thẩm định.")
    return ResultStatus(ResultState.SELF_SCORED, label, note)


class DecisionHolder(Protocol):
    is_provisional: bool
    decision_number: str
    decision_date: date | None


def criteria_set_status(criteria_set: DecisionHolder) -> str:
    """The set's status in one phrase: the decision it follows, or provisional without one."""
    if criteria_set.is_provisional:
        return _("Bộ tiêu thức tạm thời: Sở Nội vụ chưa ghi số, ngày quyết định ban hành.")
    if criteria_set.decision_number and criteria_set.decision_date:
        return _("Bộ tiêu thức theo Quyết định số %(number)s ngày %(day)s.") % {
            "number": criteria_set.decision_number,
            "day": criteria_set.decision_date.strftime("%d/%m/%Y"),
        }
    return _("Bộ tiêu thức đã được Sở Nội vụ xác nhận.")


class LockedYear(Protocol):
    year: int
    is_locked: bool
    locked_with_provisional_set: bool
    locked_at: datetime | None


def year_lock_note(year: LockedYear, locked_by_name: str = "") -> str:
    """What a report of ``year`` says about its lock when province staff locked it while the criteria
    set was still provisional; "" otherwise."""
    if not (year.is_locked and year.locked_with_provisional_set):
        return ""
    when = timezone.localtime(year.locked_at).strftime("%d/%m/%Y %H:%M") if year.locked_at else ""
    return _("Năm %(year)s được khóa sổ lúc %(when)s dù bộ tiêu thức còn tạm thời (người khóa: %(who)s).") % {
        "year": year.year,
        "when": when,
        "who": locked_by_name or "–",
    }


def report_basis_lines(year: object) -> list[str]:
    """What a report of ``year`` (an AssessmentYear with its criteria set) says in its legal basis:
    the criteria set's status, and the lock made while the set was provisional if there was one."""
    who = year.locked_by.get_full_name() or year.locked_by.username if year.locked_by_id else ""
    return [line for line in (criteria_set_status(year.criteria_set), year_lock_note(year, who)) if line]
