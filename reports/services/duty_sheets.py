"""The province workbook's sheets for the plan's other duties (``reports.duties_civic``): one sheet
per duty by district (reviewer group in a year without districts) and one row per commune with
every figure, written by the workbook's one writer (``reports.services.xlsx``)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from communes.models import Commune
from communes.profile.models import CitizenReception, GovernanceYear
from communes.profile.rules import RECEPTION_FIELDS, RULE_PAIRS, coaching_days_by_quarter, mask_months
from communes.profile.selectors import coaching_spans
from reports import duties_civic
from reports.dashboards import Dashboard
from reports.services.xlsx import COUNT, Col, Sheet, ratio_sheet


def civic_sheets(board: Dashboard, heading: list[str], communes: QuerySet[Commune]) -> list[Sheet]:
    """The duties' sheets of ``board`` (a province dashboard built with its ``civic`` part)."""
    civic = board.civic
    if civic is None:
        return []
    units, label, year = [row.unit for row in board.rows], board.unit_label, board.year.year
    return [
        ratio_sheet(
            _("Tiếp công dân"),
            [_("TIẾP CÔNG DÂN, GIẢI QUYẾT ĐƠN THƯ NĂM %(year)s") % {"year": year}],
            civic.reception.by_key,
            civic.reception.total,
            units,
            label,
        ),
        ratio_sheet(
            _("Giao ban, quy chế"),
            [_("GIAO BAN THÔN, BẢN VÀ QUY CHẾ LÀM VIỆC NĂM %(year)s") % {"year": year}],
            civic.governance.by_key,
            civic.governance.total,
            units,
            label,
        ),
        ratio_sheet(
            _("ISO, Một cửa"),
            [_("ISO 9001:2015, PHẦN MỀM QUẢN LÝ VĂN BẢN, BỘ PHẬN MỘT CỬA NĂM %(year)s") % {"year": year}],
            civic.reform.by_key,
            civic.reform.total,
            units,
            label,
        ),
        records_sheet(civic, [_("KỶ LUẬT, XIN LỖI NHÂN DÂN, ĐÀO TẠO, ĐIỀU ĐỘNG NĂM %(year)s") % {"year": year}], label),
        commune_duties_sheet(communes, board, heading),
    ]


def records_sheet(civic: duties_civic.CivicDuties, heading: list[str], unit_label: str) -> Sheet:
    columns = [Col(_("STT"), COUNT, 6), Col(unit_label), *[Col(label, COUNT, 14) for label in civic.record_labels]]
    rows = ([i, name, *counts.as_list()] for i, (name, counts) in enumerate(civic.record_rows, start=1))
    return Sheet(_("Kỷ luật, đào tạo"), heading, columns, rows, [["", _("Toàn tỉnh"), *civic.records.as_list()]])


def _yes(value: bool | None) -> str:
    if value is None:
        return ""
    return _("Có") if value else _("Không")


def commune_duties_sheet(communes: QuerySet[Commune], board: Dashboard, heading: list[str]) -> Sheet:
    """One row per commune: reception figures, months of meetings, rules followed, records and
    coaching days per quarter (four queries whatever the number of communes; the records are the
    dashboard's)."""
    year = board.year.year
    names = {row.unit.pk: row.unit.name for row in board.rows}
    in_scope = communes.values("pk")
    reception = {
        r["commune_id"]: r
        for r in CitizenReception.objects.filter(commune__in=in_scope, year=year).values(
            "commune_id", *RECEPTION_FIELDS
        )
    }
    governance = {g.commune_id: g for g in GovernanceYear.objects.filter(commune__in=in_scope, year=year)}
    records = board.civic.records_by_commune  # counted once, with the unit of each commune
    spans = coaching_spans(communes, year)
    columns = [
        Col(_("STT"), COUNT, 6),
        Col(board.unit_label),
        Col(_("Mã xã")),
        Col(_("Tên xã")),
        *[Col(str(CitizenReception._meta.get_field(f).verbose_name), COUNT, 12) for f in RECEPTION_FIELDS],
        Col(_("Số tháng giao ban"), COUNT, 10),
        Col(_("Quy chế HĐND"), None, 10),
        Col(_("Quy chế UBND"), None, 10),
        Col(_("Quy chế phối hợp"), None, 10),
        *[Col(label, COUNT, 12) for label in duties_civic.record_labels()],
        *[Col(_("Ngày hướng dẫn quý %(q)s") % {"q": q}, COUNT, 12) for q in range(1, 5)],
    ]

    def line(index: int, commune: Commune) -> list[Any]:
        unit, counts = records.get(commune.pk, (None, duties_civic.RecordCounts()))
        figures = reception.get(commune.pk)
        rules = governance.get(commune.pk)
        followed = [getattr(rules, i) and getattr(rules, f) if rules else None for i, f in RULE_PAIRS]
        days = coaching_days_by_quarter(spans.get(commune.pk, []), year)
        return [
            index,
            names.get(unit, ""),
            commune.code,
            commune.name,
            *[figures[f] if figures else None for f in RECEPTION_FIELDS],
            len(mask_months(rules.meeting_months)) if rules else None,
            *[_yes(value) for value in followed],
            *counts.as_list(),
            *[days[q] for q in range(1, 5)],
        ]

    ordered = communes.order_by("code")
    rows = (line(i, c) for i, c in enumerate(ordered, start=1))
    return Sheet(_("Nhiệm vụ theo xã"), [*heading, _("Các nhiệm vụ khác theo Kế hoạch 703, từng xã")], columns, rows)
