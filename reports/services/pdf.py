"""The PDF reports' builders: what each report says, from the dashboards' selectors.

The page, the title block, the serif and the signature block are the export layer's
(:mod:`communes.exports.pdf`, ``templates/exports/pdf_frame.html``); each report's template
``templates/reports/pdf_*.html`` extends that frame.

They are summaries: tables of counts, averages and short lists of names; the one list of every
commune is the annual reports' annex (one compact row per commune, one query). The dashboards'
selectors and charts give the numbers, so the file says what the page says.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import FilteredRelation, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import AssessmentYear, Status
from assessment.selectors import followups as followup_selectors
from communes.exports.pdf import Letterhead, lower_first, place_name, render_pdf
from communes.models import Commune, District, ReportPeriod
from communes.profile import selectors as profile
from personnel import selectors as personnel_selectors
from reports import charts, dashboards, selectors
from reports.models import ReportJob
from reports.services.files import BuiltFile, Progress
from reports.targets import (
    annual_report_due,
    evaluate_targets,
    half_year_report_due,
    targets_by_year,
    term_of,
    term_years,
)


def _year(number: int) -> AssessmentYear:
    year = AssessmentYear.objects.select_related("criteria_set").filter(year=number).first()
    if year is None:
        raise ValueError(_("chưa có năm đánh giá %(year)s") % {"year": number})
    return year


def _today(job: ReportJob) -> date:
    return timezone.localdate(job.created_at)


def _province_letterhead(job: ReportJob, title: str, subtitle: str) -> Letterhead:
    province = job.province.name
    return Letterhead(
        parent=_("UBND %(province)s") % {"province": province.upper()},
        issuer=_("SỞ NỘI VỤ"),
        author=_("Sở Nội vụ %(province)s") % {"province": lower_first(province)},
        symbol="BC-SNV",
        place=place_name(province),
        day=_today(job),
        title=title,
        subtitle=subtitle,
        recipient=_("Ủy ban nhân dân %(province)s") % {"province": lower_first(province)},
    )


def _district_letterhead(job: ReportJob, district: District, title: str, subtitle: str) -> Letterhead:
    return Letterhead(
        parent="",
        issuer=_("ỦY BAN NHÂN DÂN\n%(district)s") % {"district": district.name.upper()},
        author=_("UBND %(district)s") % {"district": lower_first(district.name)},
        symbol="BC-UBND",
        place=place_name(district.name),
        day=_today(job),
        title=title,
        subtitle=subtitle,
        recipient=_("Sở Nội vụ %(province)s") % {"province": lower_first(district.province.name)},
    )


def _file(job: ReportJob, stem: str) -> str:
    unit = f"-{job.district.code}" if job.district_id else ""
    return f"{stem}{unit}-{job.year}.pdf"


# --- the province's annual report ---------------------------------------------------------------


def build_province_annual(job: ReportJob, progress: Progress) -> BuiltFile:
    """Sở Nội vụ's yearly report on the communes' classification (kind province_annual_pdf)."""
    progress(5, _("Đang tổng hợp số liệu"))
    year = _year(job.year)
    communes = Commune.objects.filter(province=job.province)
    board = dashboards.province_dashboard(
        province=job.province, year=year, today=_today(job), communes=communes, list_limit=None
    )
    progress(35, _("Đang lập danh sách xếp loại theo %(units)s") % {"units": board.unit_label.lower()})
    in_year = selectors.communes_of_year(communes, year.year)
    lists = selectors.class_lists(year, in_year, board.group)
    annex = commune_annex(year, in_year, board.group)
    context = {
        "head": _province_letterhead(
            job, _("BÁO CÁO"), _("Kết quả đánh giá, xếp loại chính quyền cơ sở năm %(year)s") % {"year": year.year}
        ),
        "board": board,
        "year": year,
        "job": job,
        "class_lists": [(row.unit, lists.get(row.unit.pk)) for row in board.rows],
        "decisions": list(selectors.decisions_of([year.year], in_year)),
        "criteria_rows": criteria_summary(board),
        "states": selectors.progress_states(),
        "has_districts": board.group == "district",
        "annex": annex,
    }
    progress(55, _("Đang dựng tệp PDF"))
    content = render_pdf("reports/pdf_province_annual.html", context)
    progress(95, _("Đang lưu tệp"))
    return BuiltFile(content, _file(job, "bao-cao-xep-loai-chinh-quyen-co-so"))


@dataclass(frozen=True)
class CriterionSummary:
    number: int
    name: str
    average: object
    lowest: tuple[str, object] | None
    highest: tuple[str, object] | None


def criteria_summary(board: dashboards.Dashboard) -> list[CriterionSummary]:
    """Each criterion's province average with the weakest and the strongest district (reviewer group)."""
    found = []
    for index, criterion in enumerate(board.averages.criteria):
        values = [(row.unit.name, row.averages[index]) for row in board.rows if row.averages[index] is not None]
        found.append(
            CriterionSummary(
                criterion.number,
                criterion.name,
                board.averages.overall.get(criterion.number),
                min(values, key=lambda v: v[1], default=None),
                max(values, key=lambda v: v[1], default=None),
            )
        )
    return found


@dataclass(frozen=True)
class AnnexRow:
    """One commune in the annex: its result, or the state it has reached."""

    name: str
    unit: str  # its district or reviewer group; "" in a district's own report
    status: str
    total: Decimal | None
    final_class: str
    tsvm: bool


def commune_annex(year: AssessmentYear, communes: QuerySet[Commune], group: str) -> list[AnnexRow]:
    """Every commune of ``communes`` with its status in ``year``, its total once reviewed and its
    class and TSVM once confirmed; grouped as the report's tables are ("district", "reviewer", or
    "commune" for no group column). One query for the rows, one for the groups' names."""
    rows = list(
        communes.annotate(result=FilteredRelation("assessments", condition=Q(assessments__year=year)))
        .annotate(unit_key=selectors.group_key(group))
        .order_by("code")
        .values_list("name", "unit_key", "result__status", "result__final_total", "result__final_class", "result__tsvm")
    )
    units = [] if group == "commune" else selectors.group_units(group, {row[1] for row in rows})
    order = {unit.pk: (index, unit.name) for index, unit in enumerate(units)}
    labels = dict(selectors.progress_states())
    found = []
    for name, key, status, total, final_class, tsvm in rows:
        position, unit = order.get(key, (len(order), ""))
        finalized = status == Status.FINALIZED
        row = AnnexRow(
            name,
            unit,
            labels[status or selectors.MISSING],
            total if status in selectors.SCORED else None,
            final_class if finalized else "",
            bool(tsvm) and finalized,
        )
        found.append((position, row))
    return [row for _position, row in sorted(found, key=lambda pair: pair[0])]


# --- the district's reports ---------------------------------------------------------------------


def build_district_annual(job: ReportJob, progress: Progress) -> BuiltFile:
    """A district's year-end report to Sở Nội vụ, due before 20/01 of the next year."""
    progress(5, _("Đang tổng hợp số liệu"))
    year, district = _year(job.year), job.district
    board = dashboards.district_dashboard(district=district, year=year, today=_today(job), list_limit=None)
    progress(40, _("Đang lập danh sách"))
    communes = selectors.communes_of_year(district.communes.all(), year.year)
    context = {
        "head": _district_letterhead(
            job,
            district,
            _("BÁO CÁO"),
            _("Tổng kết năm %(year)s thực hiện Kế hoạch xây dựng chính quyền cơ sở “Trong sạch vững mạnh”")
            % {"year": year.year},
        ),
        "board": board,
        "year": year,
        "district": district,
        "job": job,
        "class_list": selectors.class_lists(year, communes).get(district.pk),
        "annex": commune_annex(year, communes, "commune"),
        "decisions": list(selectors.decisions_of([year.year], communes)),
        "due": annual_report_due(year.year),
    }
    progress(55, _("Đang dựng tệp PDF"))
    content = render_pdf("reports/pdf_district_annual.html", context)
    progress(95, _("Đang lưu tệp"))
    return BuiltFile(content, _file(job, "bao-cao-nam-huyen"))


def build_district_half_year(job: ReportJob, progress: Progress) -> BuiltFile:
    """A district's six-month report to Sở Nội vụ, due before 19/6: last year's results, the
    improvement plans they call for, this year's progress so far, officials, office, procedures."""
    progress(5, _("Đang tổng hợp số liệu"))
    district, today = job.district, _today(job)
    communes = selectors.communes_of_year(district.communes.all(), job.year)
    on_date = min(today, date(job.year, 6, 30))
    context = {
        "head": _district_letterhead(
            job,
            district,
            _("BÁO CÁO"),
            _("Kết quả 6 tháng đầu năm %(year)s thực hiện Kế hoạch xây dựng chính quyền cơ sở “Trong sạch vững mạnh”")
            % {"year": job.year},
        ),
        "district": district,
        "job": job,
        "due": half_year_report_due(job.year),
        "on_date": on_date,
        "officials": personnel_selectors.standard_ratios(communes, on_date),
        "office": profile.office_ratios(communes, job.year),
        "procedures": profile.procedure_ratios(communes, job.year, ReportPeriod.FIRST_HALF),
    }
    progress(30, _("Đang tổng hợp kết quả năm trước"))
    context |= _half_year_results(job, district, communes, today)
    progress(55, _("Đang dựng tệp PDF"))
    content = render_pdf("reports/pdf_district_half_year.html", context)
    progress(95, _("Đang lưu tệp"))
    return BuiltFile(content, _file(job, "bao-cao-6-thang-huyen"))


def _half_year_results(job: ReportJob, district: District, communes, today: date) -> dict:  # noqa: ANN001
    found: dict = {}
    previous = AssessmentYear.objects.select_related("criteria_set").filter(year=job.year - 1).first()
    if previous is not None:
        sizes = selectors.commune_counts(communes, "district")
        found["previous"] = previous
        found["previous_total"] = selectors.total_of(selectors.class_counts(previous, communes, "district", sizes))
        followups = followup_selectors.followups(job.created_by, previous, district)
        found["need_plan"], found["missing_plans"] = followups.need_plan, followups.missing_plans
    current = AssessmentYear.objects.filter(year=job.year).first()
    if current is not None:
        sizes = selectors.commune_counts(communes, "district")
        found["current"] = current
        found["progress"] = selectors.progress_total(
            selectors.workflow_progress(current, communes, "district", sizes, today)
        )
        found["states"] = selectors.progress_states()
    return found


# --- the end-of-term summary -----------------------------------------------------------------------


def build_term_summary(job: ReportJob, progress: Progress) -> BuiltFile:
    """The province's summary of the term (2021-2026): each year against the plan's targets, the
    communes that rose or fell since the year before the term, criticisms, officials and office."""
    progress(5, _("Đang tổng hợp số liệu các năm trong nhiệm kỳ"))
    start, end = term_of(job.year)
    years = term_years(job.year)
    communes = Commune.objects.filter(province=job.province)
    trend = selectors.class_trends(communes, [start - 1, *years])
    targets = targets_by_year(years)
    rows = [
        (y, c, evaluate_targets(c.as_dict(), finalized=c.finalized, communes=c.finalized, targets=targets.get(y, [])))
        for y, c in trend
        if y in years
    ]
    progress(35, _("Đang so sánh kết quả đầu và cuối nhiệm kỳ"))
    baseline = next(((y, c) for y, c in trend if y == start - 1 and c.finalized), None)
    first = baseline[0] if baseline else years[0]
    up, down = selectors.class_movements(communes, first, years[-1])
    today = _today(job)
    last_year = AssessmentYear.objects.filter(year=years[-1]).first()
    context = {
        "head": _province_letterhead(
            job,
            _("BÁO CÁO"),
            _("Tổng kết công tác xây dựng chính quyền cơ sở “Trong sạch vững mạnh” nhiệm kỳ %(start)s-%(end)s")
            % {"start": start, "end": end},
        ),
        "job": job,
        "start": start,
        "end": end,
        "years": years,
        "rows": rows,
        "baseline": baseline,
        "first": first,
        "last": years[-1],
        "up": up,
        "down": down,
        "decisions": list(selectors.decisions_of(years, communes)),
        "chart": charts.trends_chart([y for y, _c in trend], [c for _y, c in trend], _("Kết quả xếp loại qua các năm")),
        "ratios": dashboards.ratios_for(selectors.communes_of_year(communes, years[-1]), last_year, today)
        if last_year
        else None,
    }
    progress(55, _("Đang dựng tệp PDF"))
    content = render_pdf("reports/pdf_term_summary.html", context)
    progress(95, _("Đang lưu tệp"))
    return BuiltFile(content, f"tong-ket-nhiem-ky-{start}-{end}.pdf")
