"""Reading a score sheet the commune filled offline and saving it: all rows or nothing.

The file is checked in order of what can go wrong: size and kind (a real .xlsx, not a renamed or
oversized zip), our template (the signed marker), this commune's and this year's sheet, its shape
(the sheet, at most ``MAX_ROWS`` rows), every row (``excel_sheet.check_rows``), and finally that
nobody changed a criterion on the portal since the file was downloaded. Only then are the scores
saved, through the same service as the score page, in one transaction with an ``import`` event.

The workbook is opened read-only: openpyxl then reads a worksheet's XML only when its rows are
asked for, row by row, so the small hidden marker is checked before the table is read at all, and
the table is read no further than ``MAX_ROWS``.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from assessment.classification import points
from assessment.excel_sheet import (
    FIRST_ROW,
    HEADER_ROW,
    MARKER_SHEET,
    MAX_ROWS,
    SHEET_TITLE,
    CriterionSpec,
    Formula,
    ItemSpec,
    SheetRow,
    check_rows_with_items,
    header_errors,
    marker_payload,
)
from assessment.models import Assessment, AssessmentEvent, CriterionScore, ItemScore
from assessment.selectors import prefetch_items
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.items import ItemInput, item_name
from assessment.services.scoring import ScoreInput, ScoresInvalid, edit_refusal, scores_save_all
from communes.exports.xlsx import (
    DAMAGED,
    NOT_WORKBOOK,
    NOT_ZIP,
    OLD_EXCEL,
    TOO_BIG,
    UNPACKS_TOO_BIG,
    xlsx_problem,
)
from communes.models import User
from communes.permissions import is_commune_staff_of

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The portal's own sheet unpacks to about 200 KB even with 20 notes of 2,000 characters and long
# district comments (re-saving in Excel keeps it the same order); 2 MB is ten times that. A bigger
# package is a table the portal never made, and parsing it would only cost CPU and memory.
MAX_UNZIPPED_BYTES = 2 * 1024 * 1024


class ExcelImportError(AssessmentError):
    """The upload was refused and nothing saved; ``errors`` lists each problem (row and column)."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


@dataclass(frozen=True)
class ImportOutcome:
    changed: list[int] = field(default_factory=list)  # criterion numbers whose score or note changed


def score_sheet_import(*, assessment: Assessment, actor: User, upload: UploadedFile) -> ImportOutcome:
    """Save the scores and notes of an uploaded score sheet for ``assessment``, or raise
    :class:`ExcelImportError` with every problem and save nothing."""
    _check_actor(assessment, actor)
    workbook = open_workbook(upload)
    try:
        payload = _marker(workbook)
        _check_identity(payload, assessment)
        scores = prefetch_items(list(assessment.scores.select_related("criterion").order_by("criterion__number")))
        values, item_values = _checked_values(workbook, scores)
    finally:
        workbook.close()
    changed = [
        s.criterion.number
        for s in scores
        if s.criterion.number in values and (s.self_score, s.note) != values[s.criterion.number]
    ]
    changed += sorted({n for n in _changed_items(scores, item_values)} - set(changed))
    rows = [
        ScoreInput(
            s.pk,
            values[s.criterion.number][0],
            values[s.criterion.number][1],
            _downloaded_version(payload, s.criterion.number),
        )
        for s in scores
        if s.criterion.number in values
    ]
    item_rows = [
        ItemInput(pk, value, note, _downloaded_item_version(payload, pk)) for pk, (value, note) in item_values.items()
    ]
    with transaction.atomic():
        _save(assessment, actor, rows, item_rows)
        AssessmentEvent.objects.create(
            assessment=assessment,
            actor=actor,
            kind=AssessmentEvent.Kind.IMPORT,
            new_value=(upload.name or "")[:200],
            comment=_("%(count)s tiêu thức thay đổi") % {"count": len(changed)},
        )
    return ImportOutcome(changed)


def _check_actor(assessment: Assessment, actor: User) -> None:
    if not is_commune_staff_of(actor, assessment.commune):
        raise ExcelImportError(_("Chỉ cán bộ xã được nhập bảng tự chấm của xã."))
    refusal = edit_refusal(assessment)
    if refusal:
        raise ExcelImportError(refusal)


# --- the file --------------------------------------------------------------------------------------


def open_workbook(upload: UploadedFile) -> Workbook:
    """The uploaded workbook, read-only (the caller closes it), after checking its size and that it
    really is an .xlsx package of a sane unpacked size."""
    if (upload.size or 0) > MAX_UPLOAD_BYTES:
        raise ExcelImportError(
            _("Tệp lớn hơn 5 MB. Bảng tự chấm chỉ khoảng vài chục KB: hãy tải lên đúng tệp đã tải về từ cổng.")
        )
    upload.seek(0)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    problem = xlsx_problem(content, max_bytes=MAX_UPLOAD_BYTES, max_unpacked=MAX_UNZIPPED_BYTES)
    if problem:
        raise ExcelImportError(_package_refusal(problem))
    with _damaged_file_refused():
        return load_workbook(io.BytesIO(content), read_only=True, data_only=False)


@contextmanager
def _damaged_file_refused() -> Iterator[None]:
    """openpyxl raises many kinds of error on a damaged package, when opening it or reading a sheet."""
    try:
        yield
    except ExcelImportError:
        raise
    except Exception:
        raise ExcelImportError(
            _("Không đọc được tệp: tệp Excel bị hỏng. Hãy lưu lại bằng Excel rồi thử lại.")
        ) from None


def _package_refusal(problem: str) -> str:
    """The score sheet's words for what ``communes.exports.xlsx.xlsx_problem`` found."""
    return {
        TOO_BIG: _("Tệp lớn hơn 5 MB. Bảng tự chấm chỉ khoảng vài chục KB: hãy tải lên đúng tệp đã tải về từ cổng."),
        OLD_EXCEL: _(
            "Đây là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel, chọn Lưu thành “Excel "
            "Workbook (.xlsx)” rồi tải lên lại."
        ),
        NOT_ZIP: _("Tệp không phải bảng tính Excel (.xlsx). Hãy tải lên tệp bảng tự chấm đã tải về từ cổng."),
        DAMAGED: _("Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx)."),
        NOT_WORKBOOK: _(
            "Tệp nén này không phải bảng tính Excel (.xlsx) (có thể là tệp Word hoặc tệp "
            "nén khác). Hãy tải lên tệp bảng tự chấm đã tải về từ cổng."
        ),
        UNPACKS_TOO_BIG: _("Tệp giải nén ra quá lớn, không phải bảng tự chấm của cổng."),
    }[problem]


def _marker(workbook: Workbook) -> dict:
    payload = None
    if MARKER_SHEET in workbook.sheetnames:
        with _damaged_file_refused():
            token = next(workbook[MARKER_SHEET].iter_rows(min_row=2, max_row=2, max_col=1, values_only=True), (None,))[
                0
            ]
        payload = marker_payload(token)
    if payload is None:
        raise ExcelImportError(
            _(
                "Tệp này không phải mẫu bảng tự chấm do cổng tạo (hoặc phần nhận dạng ẩn trong tệp "
                "đã bị sửa). Hãy tải mẫu ở trang chấm điểm, điền vào đó rồi tải lên."
            )
        )
    return payload


def _check_identity(payload: dict, assessment: Assessment) -> None:
    if payload.get("c") == assessment.commune.code and payload.get("y") == assessment.year.year:
        return
    raise ExcelImportError(
        _(
            "Tệp này là bảng tự chấm của xã mã %(code)s năm %(year)s, không phải của %(commune)s "
            "năm %(this_year)s. Không có gì được lưu."
        )
        % {
            "code": payload.get("c"),
            "year": payload.get("y"),
            "commune": assessment.commune.name,
            "this_year": assessment.year.year,
        }
    )


def _cell_value(cell: Any) -> Any:
    if cell.data_type == "f":
        return Formula(str(cell.value))
    return cell.value


def _spec(score: CriterionScore) -> CriterionSpec:
    criterion = score.criterion
    items = tuple(
        ItemSpec(i.pk, f"{criterion.number}.{i.order}", i.name, i.max_points, criterion.number)
        for i in criterion.items.all()
    )
    return CriterionSpec(criterion.number, criterion.name, criterion.max_points, items)


def _checked_values(
    workbook: Workbook, scores: list[CriterionScore]
) -> tuple[dict[int, tuple[Decimal | None, str]], dict[int, tuple[Decimal | None, str]]]:
    """Criterion number -> (score, note) for criteria without items and item id -> (score, note) for
    component items, from the sheet, or :class:`ExcelImportError` listing every error."""
    if SHEET_TITLE not in workbook.sheetnames:
        raise ExcelImportError(_("Không thấy trang “%(title)s” trong tệp.") % {"title": SHEET_TITLE})
    header, rows = _sheet_rows(workbook[SHEET_TITLE])
    errors = header_errors(header)
    if not errors:
        values, item_values, errors = check_rows_with_items(rows, [_spec(s) for s in scores])
    if errors:
        raise ExcelImportError(
            _("Chưa lưu gì: tệp có %(count)s lỗi. Sửa từng chỗ dưới đây rồi tải lên lại.") % {"count": len(errors)},
            [str(e) for e in errors],
        )
    return {n: (v.score, v.note) for n, v in values.items()}, {pk: (v.score, v.note) for pk, v in item_values.items()}


def _changed_items(scores: list[CriterionScore], item_values: dict[int, tuple[Decimal | None, str]]) -> set[int]:
    """The numbers of the criteria one of whose items the sheet changes."""
    changed = set()
    for score in scores:
        saved = {s.item_id: (s.self_score, s.note) for s in score.item_scores.all()}
        for item in score.criterion.items.all():
            if item.pk in item_values and saved.get(item.pk, (None, "")) != item_values[item.pk]:
                changed.add(score.criterion.number)
    return changed


def _sheet_rows(ws: Any) -> tuple[list[Any], list[SheetRow]]:
    """The header's cells and the rows below it (columns A to E), read no further than ``MAX_ROWS``.

    The size the sheet declares (``max_row``, absent from some files) is not relied on: every row up
    to ``MAX_ROWS`` is read, and reading stops at the first row past it (a gap before a lone row
    numbered a million is padded only up to there)."""
    declared = ws.max_row or 0
    with _damaged_file_refused():
        cells = list(ws.iter_rows(min_row=HEADER_ROW, max_row=MAX_ROWS + 1, max_col=5))
    last = HEADER_ROW + len(cells) - 1
    if last > MAX_ROWS:
        raise ExcelImportError(
            _("Trang “%(title)s” có quá nhiều dòng (%(count)s).") % {"title": SHEET_TITLE, "count": max(declared, last)}
        )
    values = [tuple(_cell_value(c) for c in row) for row in cells]
    header = list(values[0]) if values else []
    return header, [SheetRow(number, row) for number, row in enumerate(values[1:], start=FIRST_ROW)]


# --- saving ----------------------------------------------------------------------------------------


def _downloaded_version(payload: dict, number: int) -> int:
    version = (payload.get("s") or {}).get(str(number))
    return version if isinstance(version, int) else -1


def _downloaded_item_version(payload: dict, item_id: int) -> int:
    version = (payload.get("i") or {}).get(str(item_id))
    return version if isinstance(version, int) else -1


def _save(assessment: Assessment, actor: User, rows: list[ScoreInput], item_rows: list[ItemInput]) -> None:
    try:
        scores_save_all(assessment=assessment, actor=actor, rows=rows, items=item_rows)
    except StaleEditError as error:
        raise ExcelImportError(
            _(
                "Chưa lưu gì: sau khi bạn tải tệp về, các tiêu thức dưới đây đã được thay đổi trên cổng. Nhập tệp này sẽ "
                "ghi đè những thay đổi đó. Hãy tải bảng điểm mới, chép phần bạn đã sửa sang rồi tải lên lại."
            ),
            [_stale_line(score) for _n, score in sorted(error.current.items())]
            + [_stale_item_line(s) for s in (getattr(error, "items", None) or {}).values()],
        ) from None
    except ScoresInvalid as error:
        lines = [str(e) for e in error.errors.values()] + [str(e) for e in error.item_errors.values()]
        raise ExcelImportError(str(error), lines) from None


def _stale_item_line(item_score: ItemScore) -> str:
    editor = item_score.updated_by
    who = (editor.get_full_name() or editor.username) if editor else _("người khác")
    return _("%(item)s: %(who)s lưu lúc %(when)s, điểm hiện là %(score)s.") % {
        "item": item_name(item_score.item),
        "who": who,
        "score": points(item_score.self_score),
        "when": formats.date_format(timezone.localtime(item_score.updated_at), "H:i d/m/Y"),
    }


def _stale_line(score: CriterionScore) -> str:
    editor = score.updated_by
    who = (editor.get_full_name() or editor.username) if editor else _("người khác")
    return _("Tiêu thức %(n)s: %(who)s lưu lúc %(when)s, điểm hiện là %(score)s.") % {
        "n": score.criterion.number,
        "who": who,
        "score": points(score.self_score),
        "when": formats.date_format(timezone.localtime(score.updated_at), "H:i d/m/Y"),
    }
