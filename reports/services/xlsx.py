"""The province workbook (Excel), like pretix's exporters: each sheet is a header and rows that a
generator yields; one writer turns every sheet into an openpyxl write-only worksheet with a frozen,
filtered header, number formats, widths that fit, and formula-like text kept as text (``communes.exports.xlsx.guard``).
"""

import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from assessment.models import Assessment, AssessmentYear, Classification, CriterionScore, ProvinceDecision, Status
from assessment.status_wording import report_basis_lines
from communes.exports.xlsx import FORMULA_PREFIXES, guard, guarded
from communes.models import Commune
from communes.profile.rules import RatioReport
from reports import dashboards, duties_civic, selectors
from reports.duties_ratings import duties_panel, duties_sheets
from reports.models import ReportJob
from reports.services.files import BuiltFile, Progress

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=13)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
POINTS = "0.00"
COUNT = "0"
PERCENT = "0.0%"
MAX_WIDTH = 48
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Col:
    title: str
    number_format: str | None = None
    width: float | None = None  # None: fit the content


@dataclass
class Sheet:
    title: str
    heading: list[str]
    columns: list[Col]
    rows: Iterable[Sequence[Any]]
    footer: list[Sequence[Any]] = field(default_factory=list)  # totals, in bold, outside the filter


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name (31 characters, none of []:*?/\\)."""
    base = _BAD_TITLE.sub("-", text)[:31]
    title, n = base, 2
    while title.lower() in taken:
        title = f"{base[:28]}-{n}"
        n += 1
    taken.add(title.lower())
    return title


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _cell(ws, value: Any, column: Col | None = None, font: Font | None = None) -> Any:  # noqa: ANN001, ANN401
    """What to append for ``value``: the plain value, or a styled cell when it needs a format or font
    (openpyxl takes plain values fastest: a cell object costs it a failed assignment first)."""
    value = _plain(value)
    number_format = column.number_format if column is not None and isinstance(value, int | float) else None
    if not number_format and font is None:
        return guarded(ws, value)
    cell = WriteOnlyCell(ws, value=value)
    cell._style = copy(_style(ws, number_format, font))  # noqa: SLF001 - a cached style, see _style
    return guard(cell)


def _row(ws, row: Sequence[Any], styles: Sequence[StyleArray | None]) -> list:  # noqa: ANN001
    """A data row's cells (the hot loop: the country's workbook has 660,000 of them), as ``_cell``
    without a font: an empty text is no cell at all (Excel shows both as blank) unless it ends the
    row (a program reading the row gets it as long as before), a number in a formatted column
    shares its column's style array (no copy: a number is never guarded) and only text is checked
    for a formula."""
    out: list = []
    for value, style in zip(row, styles, strict=False):
        if value is None or value == "":
            out.append(None)
        elif isinstance(value, str):
            out.append(guarded(ws, value) if value.startswith(FORMULA_PREFIXES) else value)
        elif style is not None and isinstance(value, int | float | Decimal):
            cell = WriteOnlyCell(ws, value=float(value) if isinstance(value, Decimal) else value)
            cell._style = style  # noqa: SLF001 - cached, see _style
            out.append(cell)
        else:
            out.append(_plain(value))
    for index in range(len(out) - 1, -1, -1):  # the row's last value written, even an empty text
        if row[index] is not None:
            if out[index] is None:
                out[index] = ""
            break
    return out


def _style(ws, number_format: str | None, font: Font | None, *, header: bool = False) -> StyleArray:  # noqa: ANN001
    """The style array of a cell with ``number_format`` and ``font`` (and the header's fill and
    alignment), built once per workbook.

    Setting a cell's format or font looks it up in the workbook's lists on every cell: for the
    country's 660,000 cells that is seconds of the writing time. Cells share a copy instead."""
    cache = ws.parent.__dict__.setdefault("_portal_styles", {})
    key = (number_format, id(font), header)
    if key not in cache:
        template = WriteOnlyCell(ws)
        if number_format:
            template.number_format = number_format
        if font is not None:
            template.font = font
        if header:
            template.fill, template.alignment = HEADER_FILL, WRAP
        cache[key] = template._style  # noqa: SLF001
    return cache[key]


def _widths(columns: Sequence[Col], rows: Sequence[Sequence[Any]]) -> list[float]:
    widths = []
    for index, column in enumerate(columns):
        if column.width:
            widths.append(column.width)
            continue
        longest = max((len(str(r[index])) for r in rows if index < len(r) and r[index] is not None), default=0)
        title = max((len(w) for w in column.title.split()), default=4)
        widths.append(min(MAX_WIDTH, max(longest, title, 4) + 2))
    return widths


def write_sheet(workbook: Workbook, sheet: Sheet, taken: set[str]) -> None:
    """The one writer: title lines, a frozen filtered header, the rows, then the footer rows."""
    ws = workbook.create_sheet(sheet_title(sheet.title, taken))
    rows = list(sheet.rows)
    for letter_index, width in enumerate(_widths(sheet.columns, [*rows, *sheet.footer]), start=1):
        ws.column_dimensions[get_column_letter(letter_index)].width = width
    header_row = len(sheet.heading) + 2
    ws.freeze_panes = f"A{header_row + 1}"
    for index, line in enumerate(sheet.heading):
        ws.append([_cell(ws, line, font=TITLE_FONT if index == 0 else None)])
    ws.append([])
    ws.append([_header(ws, c.title) for c in sheet.columns])
    styles = [_style(ws, c.number_format, None) if c.number_format else None for c in sheet.columns]
    for row in rows:
        ws.append(_row(ws, row, styles))
    last = get_column_letter(len(sheet.columns))
    ws.auto_filter.ref = f"A{header_row}:{last}{header_row + max(len(rows), 1)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    for row in sheet.footer:
        ws.append([_cell(ws, v, c, BOLD) for v, c in zip(row, sheet.columns, strict=False)])


def _header(ws, title: str) -> WriteOnlyCell:  # noqa: ANN001
    cell = WriteOnlyCell(ws, value=title)
    cell._style = copy(_style(ws, None, HEADER_FONT, header=True))  # noqa: SLF001 - cached, see _style
    return cell


def workbook_bytes(sheets: Iterable[Sheet], progress: Progress, start: int = 40, end: int = 95) -> bytes:
    workbook = Workbook(write_only=True)
    workbook.properties.creator = _("Cổng đánh giá chính quyền cơ sở tỉnh Điện Biên")
    sheets, taken = list(sheets), set()
    for index, sheet in enumerate(sheets):
        progress(
            start + (end - start) * index // max(len(sheets), 1),
            _("Đang ghi trang “%(title)s”") % {"title": sheet.title},
        )
        write_sheet(workbook, sheet, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the rows ---------------------------------------------------------------------------------------


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def summary_sheet(board: dashboards.Dashboard, heading: list[str]) -> Sheet:
    """Per district (reviewer group in a year without districts): communes, confirmed results, each
    class, TSVM and shares, with totals."""
    columns = [
        Col(_("STT"), COUNT, 6),
        Col(board.unit_label),
        Col(_("Số xã"), COUNT),
        Col(_("Đã công nhận"), COUNT),
        *[Col(str(label), COUNT) for label in Classification.labels],
        Col(_("TSVM"), COUNT),
        Col(_("Tỷ lệ Tốt"), PERCENT),
        Col(_("Tỷ lệ Khá"), PERCENT),
        Col(_("Tỷ lệ TSVM"), PERCENT),
    ]

    def line(first: Any, name: str, c: selectors.ClassCounts) -> list:
        return [
            first,
            name,
            c.communes,
            c.finalized,
            *[c.count(k) for k in selectors.CLASS_KEYS],
            c.tsvm,
            _share(c.good, c.finalized),
            _share(c.fair, c.finalized),
            _share(c.tsvm, c.finalized),
        ]

    rows = (line(i, r.unit.name, r.classes) for i, r in enumerate(board.rows, start=1))
    return Sheet(_("Tổng hợp"), heading, columns, rows, [line("", _("Tổng cộng"), board.total)])


def targets_sheet(board: dashboards.Dashboard, heading: list[str]) -> Sheet:
    columns = [
        Col(_("Chỉ tiêu năm %(year)s") % {"year": board.year.year}),
        Col(_("Kế hoạch")),
        Col(_("Kết quả")),
        Col(_("Số xã"), COUNT),
        Col(_("Đánh giá")),
        Col(_("Nguồn chỉ tiêu")),
    ]
    rows = (
        [
            str(r.target.label),
            str(r.target),
            r.actual_text,
            r.count,
            _("Đạt") if r.met else _("Chưa đạt"),
            r.target.source + (" " + str(_("(giá trị minh họa)")) if r.target.is_demo else ""),
        ]
        for r in board.targets or []
    )
    return Sheet(_("Chỉ tiêu"), heading, columns, rows)


@dataclass
class CommuneLine:
    unit_id: int | None  # the commune's district, or its reviewer group in a year without districts
    unit: str
    code: str
    name: str
    status: str
    scores: dict[int, Decimal | None]
    total: Decimal | None
    final_class: str
    tsvm: bool
    decisions: str


def commune_lines(
    year: AssessmentYear,
    communes,
    group: str = "district",  # noqa: ANN001 - QuerySet[Commune]
    unit_names: dict[int | None, str] | None = None,
) -> Iterator[CommuneLine]:
    """One line per commune of the year (four queries), in district (or reviewer group) and code order;
    ``unit_names`` names the reviewer groups."""
    assessments = {
        a["commune_id"]: a
        for a in Assessment.objects.filter(year=year, commune__in=communes).values(
            "pk", "commune_id", "status", "final_total", "final_class", "tsvm"
        )
    }
    scores: dict[int, dict[int, Decimal | None]] = defaultdict(dict)
    for assessment_id, number, score in CriterionScore.objects.filter(
        assessment__year=year,
        assessment__commune__in=communes,
        assessment__status__in=selectors.SCORED,
    ).values_list("assessment_id", "criterion__number", "final_score"):
        scores[assessment_id][number] = score
    decisions: dict[int, list[str]] = defaultdict(list)
    for assessment_id, kind, number in ProvinceDecision.objects.filter(
        assessment__year=year, assessment__commune__in=communes
    ).values_list("assessment_id", "kind", "number"):
        decisions[assessment_id].append(f"{ProvinceDecision.Kind(kind).label} {number}")
    labels = dict(Status.choices)
    for commune, unit_id, unit in _communes_by_unit(communes, group, unit_names or {}):
        a = assessments.get(commune.pk)
        yield CommuneLine(
            unit_id,
            unit,
            commune.code,
            commune.name,
            str(labels[a["status"]]) if a else _("Chưa mở bản đánh giá"),
            scores.get(a["pk"], {}) if a else {},
            a["final_total"] if a and a["status"] in selectors.SCORED else None,
            str(Classification(a["final_class"]).label) if a and a["final_class"] else "",
            bool(a and a["tsvm"]),
            "; ".join(decisions.get(a["pk"], [])) if a else "",
        )


def _communes_by_unit(communes, group: str, unit_names: dict[int | None, str]):  # noqa: ANN001, ANN202
    """(commune, unit id, unit name) in unit and code order (one query); ``unit_names`` gives the order
    and names of the reviewer groups (or provinces)."""
    if group == "district":
        for commune in communes.select_related("district").order_by("district__code", "code"):
            yield commune, commune.district_id, commune.district.name if commune.district else ""
        return
    order = {key: index for index, key in enumerate(unit_names)}
    rows = communes.annotate(unit_key=selectors.group_key(group)).order_by("code")
    for commune in sorted(rows, key=lambda c: order.get(c.unit_key, len(order))):
        yield commune, commune.unit_key, unit_names.get(commune.unit_key, "")


def commune_columns(numbers: Sequence[int], unit_label: str | None = None) -> list[Col]:
    return [
        Col(_("STT"), COUNT, 6),
        Col(unit_label or _("Đơn vị cấp huyện")),
        Col(_("Mã xã"), None, 8),
        Col(_("Tên xã")),
        Col(_("Trạng thái")),
        *[Col(_("TT%(n)s") % {"n": n}, POINTS, 7) for n in numbers],
        Col(_("Tổng điểm"), POINTS, 10),
        Col(_("Xếp loại")),
        Col(_("TSVM")),
        Col(_("Phê bình, nhắc nhở")),
    ]


def commune_row(index: int, line: CommuneLine, numbers: Sequence[int]) -> list:
    return [
        index,
        line.unit,
        line.code,
        line.name,
        line.status,
        *[line.scores.get(n) for n in numbers],
        line.total,
        line.final_class,
        _("Có") if line.tsvm else "",
        line.decisions,
    ]


def _average_row(lines: list[CommuneLine], numbers: Sequence[int], label: str) -> list:
    def mean(values: list[Decimal]) -> Decimal | None:
        return (sum(values) / len(values)).quantize(Decimal("0.01")) if values else None

    per = [mean([ln.scores[n] for ln in lines if ln.scores.get(n) is not None]) for n in numbers]
    return ["", label, "", "", "", *per, mean([ln.total for ln in lines if ln.total is not None]), "", "", ""]


def commune_sheets(
    year: AssessmentYear,
    communes,
    heading: list[str],  # noqa: ANN001
    units: list,
    *,
    group: str = "district",
) -> list[Sheet]:
    """The communes x criteria sheet (one row per commune) and one sheet per unit of ``units``: the
    districts, or the reviewer groups of a year without districts."""
    numbers = list(year.criteria_set.criteria.order_by("number").values_list("number", flat=True))
    names = {unit.pk: unit.name for unit in units}
    lines = list(commune_lines(year, communes, group, names))
    columns = commune_columns(numbers, str(dashboards.GROUP_LABELS[group]))
    sheets = [
        Sheet(
            _("Xã - tiêu thức"), heading, columns, (commune_row(i, ln, numbers) for i, ln in enumerate(lines, start=1))
        )
    ]
    by_unit: dict[int | None, list[CommuneLine]] = defaultdict(list)
    for line in lines:
        by_unit[line.unit_id].append(line)
    average = str(dashboards.GROUP_AVERAGE_LABELS[group])
    for unit in units:
        own = by_unit[unit.pk]
        sheets.append(
            Sheet(
                unit.name,
                [heading[0], unit.name],
                columns,
                (commune_row(i, ln, numbers) for i, ln in enumerate(own, start=1)),
                [_average_row(own, numbers, average)],
            )
        )
    return sheets


def ratio_sheet(
    title: str,
    heading: list[str],
    by_district: dict[int | None, RatioReport],
    total: RatioReport,
    districts: list,
    unit_label: str | None = None,
) -> Sheet:
    """Per district (or reviewer group: ``districts`` are the units, ``by_district`` their reports),
    each ratio's count, base and percentage against the plan's target."""
    columns = [Col(_("STT"), COUNT, 6), Col(unit_label or _("Đơn vị cấp huyện"))]
    for ratio in total:
        columns += [
            Col(f"{ratio.label} ({ratio.target})", COUNT, 14),
            Col(_("Tổng số"), COUNT, 9),
            Col(_("Tỷ lệ"), PERCENT, 9),
        ]

    def line(first: Any, name: str, report: RatioReport) -> list:
        values = [first, name]
        for ratio in report:
            values += [ratio.numerator, ratio.denominator, _share(ratio.numerator, ratio.denominator)]
        return values

    rows = (line(i, d.name, by_district[d.pk]) for i, d in enumerate(districts, start=1) if d.pk in by_district)
    met = [
        f"{r.label}: {_('Đạt') if r.met else _('Chưa đạt') if r.met is False else _('Chưa có dữ liệu')}" for r in total
    ]
    return Sheet(title, heading, columns, rows, [line("", _("Toàn tỉnh"), total), ["", "; ".join(met)]])


# --- the workbook ------------------------------------------------------------------------------------


def build_province_workbook(job: ReportJob, progress: Progress) -> BuiltFile:
    """The province's workbook: summary, targets, communes x criteria, one sheet per district (per
    reviewer group in a year without districts), officials' statistics, office and procedures."""
    progress(5, _("Đang tổng hợp số liệu"))
    year = AssessmentYear.objects.select_related("criteria_set").filter(year=job.year).first()
    if year is None:
        raise ValueError(_("chưa có năm đánh giá %(year)s") % {"year": job.year})
    with translation.override(settings.LANGUAGE_CODE):
        content = _workbook(job, year, progress)
    return BuiltFile(content, f"tong-hop-xep-loai-chinh-quyen-co-so-{job.year}.xlsx")


def _workbook(job: ReportJob, year: AssessmentYear, progress: Progress) -> bytes:
    today = timezone.localdate(job.created_at)
    communes = selectors.communes_of_year(Commune.objects.filter(province=job.province), year.year)
    board = dashboards.province_dashboard(province=job.province, year=year, today=today, communes=communes, page=False)
    units, label = [row.unit for row in board.rows], board.unit_label
    board.duties = duties_panel(year, communes, None)
    board.civic = duties_civic.civic_duties(
        communes=communes, year=year, group=board.group, units=units, today=today, limit=None, lists=False
    )
    heading = [
        _("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHÍNH QUYỀN CƠ SỞ NĂM %(year)s") % {"year": year.year},
        _("%(province)s · lập ngày %(day)s") % {"province": job.province.name, "day": today.strftime("%d/%m/%Y")},
    ]
    progress(20, _("Đang tổng hợp đội ngũ cán bộ, công chức"))
    on_date = board.ratios.on_date
    by_unit = selectors.group_ratios(
        communes, board.group, year.year, on_date, officials=board.ratios.officials_by_district
    )
    sheets = [
        summary_sheet(board, [*heading, *report_basis_lines(year)]),
        targets_sheet(board, heading),
        *commune_sheets(year, communes, heading, units, group=board.group),
        ratio_sheet(
            _("Đội ngũ cán bộ"),
            [_("CÁN BỘ, CÔNG CHỨC CẤP XÃ ĐẠT TIÊU CHUẨN (đến ngày %(day)s)") % {"day": on_date.strftime("%d/%m/%Y")}],
            by_unit.officials,
            board.ratios.officials,
            units,
            label,
        ),
        ratio_sheet(
            _("Trụ sở"),
            [_("TRỤ SỞ VÀ TRANG THIẾT BỊ NĂM %(year)s") % {"year": year.year}],
            by_unit.office,
            board.ratios.office,
            units,
            label,
        ),
        ratio_sheet(
            _("Thủ tục hành chính"),
            [_("THỦ TỤC HÀNH CHÍNH NĂM %(year)s") % {"year": year.year}],
            by_unit.procedures,
            board.ratios.procedures,
            units,
            label,
        ),
        *duties_sheets(board, heading),
    ]
    from reports.services.duty_sheets import civic_sheets  # noqa: PLC0415 - it builds on this module's writer

    sheets += civic_sheets(board, heading, communes)
    return workbook_bytes(sheets, progress)
