"""The floors each figure is compared with, measured in the same run.

* Pages: the minimal SQL that returns the page's data, straight from a cursor, plus rendering the
  page's own template from its context already in memory (``RenderFloor``: no ORM, no middleware,
  no view), both measured in the same run. The dashboards' SQL returns their numbers (classes, TSVM
  and workflow states per row of the dashboard: district, commune or province, row x criterion
  averages, three-year trends, office, procedure and officials' aggregates, the follow-up lists) on
  the communes of the year's map (valid on 31/12); the page's numbers are checked to equal it.
* Excel: openpyxl in write-only mode writing the very cells the portal's workbook holds, with the
  same number formats and column widths (``workbook_cells`` reads them back from the file).
* PDF: WeasyPrint rendering the very HTML the portal's report renders.
"""

import io
import re
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection

# {scope}: the communes valid on %(day)s (31/12 of the year), of one province or of the whole country;
# {group}: the column a dashboard row stands for (c.district_id, c.id or c.province_id).
CLASSES_SQL = """
SELECT {group}, a.status, a.final_class, a.tsvm, COUNT(*)
FROM assessment_assessment a JOIN communes_commune c ON c.id = a.commune_id
WHERE a.year_id = %(year)s AND {scope}
GROUP BY 1, 2, 3, 4
"""
AVERAGES_SQL = """
SELECT {group}, k.number, ROUND(AVG(s.final_score), 2), COUNT(*)
FROM assessment_criterionscore s
JOIN assessment_assessment a ON a.id = s.assessment_id
JOIN communes_commune c ON c.id = a.commune_id
JOIN assessment_criterion k ON k.id = s.criterion_id
WHERE a.year_id = %(year)s AND a.status IN ('district_approved', 'finalized') AND s.final_score IS NOT NULL
  AND {scope}
GROUP BY 1, 2
"""
TRENDS_SQL = """
SELECT y.year, COUNT(*) FILTER (WHERE a.status = 'finalized'),
       COUNT(*) FILTER (WHERE a.status = 'finalized' AND a.final_class = 'good'),
       COUNT(*) FILTER (WHERE a.status = 'finalized' AND a.final_class = 'fair'),
       COUNT(*) FILTER (WHERE a.status = 'finalized' AND a.final_class = 'average'),
       COUNT(*) FILTER (WHERE a.status = 'finalized' AND a.final_class = 'weak'),
       COUNT(*) FILTER (WHERE a.status = 'finalized' AND a.tsvm)
FROM assessment_assessment a JOIN communes_commune c ON c.id = a.commune_id
JOIN assessment_assessmentyear y ON y.id = a.year_id
WHERE y.year BETWEEN %(number)s - 2 AND %(number)s AND {scope}
GROUP BY 1
"""
OFFICE_SQL = """
SELECT COUNT(*), COUNT(*) FILTER (WHERE o.building_solid), COUNT(*) FILTER (WHERE o.floor_area_m2 >= o.standard_area_m2),
       COUNT(*) FILTER (WHERE o.has_internet_computers AND o.has_printer AND o.has_photocopier AND o.has_telephone)
FROM communes_officerecord o JOIN communes_commune c ON c.id = o.commune_id
WHERE o.year = %(number)s AND {scope}
"""
PROCEDURES_SQL = """
SELECT SUM(p.applicable), SUM(p.posted), SUM(p.received), SUM(p.on_time)
FROM communes_procedurestats p JOIN communes_commune c ON c.id = p.commune_id
WHERE p.year = %(number)s AND p.period = 'year' AND {scope}
"""
OFFICIALS_SQL = """
SELECT o.category, COUNT(DISTINCT o.id),
       COUNT(DISTINCT o.id) FILTER (WHERE o.professional_level >= 2),
       COUNT(DISTINCT o.id) FILTER (WHERE o.professional_level >= 4),
       COUNT(DISTINCT o.id) FILTER (WHERE o.political_theory >= 2),
       COUNT(DISTINCT o.id) FILTER (WHERE o.general_education >= COALESCE(st.min_general_education, 0)
           AND o.professional_level >= COALESCE(st.min_professional_level, 0)
           AND o.political_theory >= COALESCE(st.min_political_theory, 0)
           AND o.it_level >= COALESCE(st.min_it_level, 0))
FROM personnel_official o JOIN communes_commune c ON c.id = o.commune_id
JOIN personnel_official_positions op ON op.official_id = o.id
LEFT JOIN personnel_standard st ON st.position_id = op.position_id
WHERE o.status = 'serving' AND o.category IN ('cadre', 'civil_servant') AND {scope}
GROUP BY 1
"""
FOLLOWUPS_SQL = """
SELECT a.commune_id, a.final_class, MIN(s.final_score), STRING_AGG(DISTINCT d.kind, ','),
       BOOL_OR(p.status = 'submitted')
FROM assessment_assessment a JOIN communes_commune c ON c.id = a.commune_id
JOIN assessment_criterionscore s ON s.assessment_id = a.id
LEFT JOIN assessment_provincedecision d ON d.assessment_id = a.id
LEFT JOIN assessment_improvementplan p ON p.commune_id = a.commune_id AND p.year_id = %(next_year)s
WHERE a.year_id IN (%(year)s, %(previous)s) AND a.status = 'finalized' AND {scope}
GROUP BY a.id, a.commune_id, a.final_class
"""
DIALOGUE_SQL = """
SELECT c.id FROM communes_commune c
LEFT JOIN communes_dialogueconference g ON g.commune_id = c.id AND g.year = %(number)s
WHERE g.id IS NULL AND {scope}
"""
# The duties panels (issue 13): officials' ratings by level, follow-up actions recorded, the
# violations that refuse commendation, citizens' reception, meetings and rules, the personnel
# records, coaching visits of the year (the communes needing them come from the classes and
# decisions above and last year's, in FOLLOWUPS_SQL), the communes named in the lists.
RATINGS_SQL = """
SELECT r.level, COUNT(*), COUNT(*) FILTER (WHERE r.reason <> '')
FROM assessment_officialrating r JOIN communes_commune c ON c.id = r.commune_id
WHERE r.year_id = %(year)s AND {scope}
GROUP BY 1
"""
ACTIONS_SQL = """
SELECT f.kind, COUNT(DISTINCT f.assessment_id)
FROM assessment_followupaction f JOIN assessment_assessment a ON a.id = f.assessment_id
JOIN communes_commune c ON c.id = a.commune_id
WHERE a.year_id = %(year)s AND {scope}
GROUP BY 1
"""
RECEPTION_SQL = """
SELECT {group}, COUNT(*), SUM(g.sessions_total), SUM(g.sessions_by_chair), SUM(g.citizens_received),
       SUM(g.complaints_received + g.denunciations_received + g.petitions_received), SUM(g.resolved),
       SUM(g.resolved_on_time), SUM(g.outstanding), SUM(g.passed_upward),
       COUNT(*) FILTER (WHERE g.outstanding = 0), COUNT(*) FILTER (WHERE g.passed_upward = 0)
FROM communes_citizenreception g JOIN communes_commune c ON c.id = g.commune_id
WHERE g.year = %(number)s AND {scope}
GROUP BY 1
"""
GOVERNANCE_SQL = """
SELECT {group}, COUNT(*), SUM(g.meeting_months), COUNT(*) FILTER (WHERE g.council_rules_issued),
       COUNT(*) FILTER (WHERE g.council_rules_followed), COUNT(*) FILTER (WHERE g.committee_rules_issued),
       COUNT(*) FILTER (WHERE g.committee_rules_followed), COUNT(*) FILTER (WHERE g.coordination_rules_issued),
       COUNT(*) FILTER (WHERE g.coordination_rules_followed)
FROM communes_governanceyear g JOIN communes_commune c ON c.id = g.commune_id
WHERE g.year = %(number)s AND {scope}
GROUP BY 1
"""
RECORDS_SQL = """
SELECT {group},
  (SELECT COUNT(*) FROM personnel_discipline d WHERE d.commune_id = c.id
     AND d.decided_on BETWEEN %(first_day)s AND %(day)s),
  (SELECT COUNT(*) FROM personnel_publicapology p WHERE p.commune_id = c.id
     AND p.held_on BETWEEN %(first_day)s AND %(day)s),
  (SELECT COUNT(*) FROM personnel_training t JOIN personnel_official o ON o.id = t.official_id
     WHERE o.commune_id = c.id AND t.start_date BETWEEN %(first_day)s AND %(day)s),
  (SELECT COUNT(*) FROM personnel_transfer t WHERE (t.from_commune_id = c.id OR t.to_commune_id = c.id)
     AND t.effective_date BETWEEN %(first_day)s AND %(day)s)
FROM communes_commune c WHERE {scope}
"""
COACHING_SQL = """
SELECT v.commune_id, v.start_date, v.end_date
FROM communes_coachingvisit v JOIN communes_commune c ON c.id = v.commune_id
WHERE v.start_date <= %(day)s AND v.end_date >= %(first_day)s AND {scope}
"""
NAMES_SQL = """
SELECT c.id, c.code, c.name, c.district_id FROM communes_commune c WHERE {scope} ORDER BY c.district_id, c.code
"""
DASHBOARD_QUERIES = [
    CLASSES_SQL,
    AVERAGES_SQL,
    TRENDS_SQL,
    OFFICE_SQL,
    PROCEDURES_SQL,
    OFFICIALS_SQL,
    FOLLOWUPS_SQL,
    DIALOGUE_SQL,
    RATINGS_SQL,
    ACTIONS_SQL,
    RECEPTION_SQL,
    GOVERNANCE_SQL,
    RECORDS_SQL,
    COACHING_SQL,
    NAMES_SQL,
]


GROUP_COLUMNS = {"district": "c.district_id", "commune": "c.id", "province": "c.province_id"}
VALID_ON_DAY = "(c.valid_from IS NULL OR c.valid_from <= %(day)s) AND (c.valid_to IS NULL OR c.valid_to >= %(day)s)"


def _params(year, province_id: int | None) -> tuple[dict, str]:  # noqa: ANN001 - AssessmentYear
    from assessment.models import AssessmentYear
    from communes.models import year_day

    ids = dict(AssessmentYear.objects.values_list("year", "pk"))
    params = {
        "year": year.pk,
        "number": year.year,
        "province": province_id,
        "day": year_day(year.year),
        "first_day": date(year.year, 1, 1),
        "previous": ids.get(year.year - 1, 0),
        "next_year": ids.get(year.year + 1, year.pk),
    }
    return params, (f"c.province_id = %(province)s AND {VALID_ON_DAY}" if province_id else VALID_ON_DAY)


def dashboard_sql(year, province_id: int | None, group: str = "district") -> list[list[tuple]]:  # noqa: ANN001
    """Every number the dashboard shows, in raw SQL: one list of rows per query.

    ``group`` is what the dashboard's rows are (``GROUP_COLUMNS``); another grouping (reviewer
    groups, say) is counted as one row and compared with the dashboard's totals."""
    params, scope = _params(year, province_id)
    column = GROUP_COLUMNS.get(group, "NULL")
    results = []
    with connection.cursor() as cursor:
        for sql in DASHBOARD_QUERIES:
            cursor.execute(sql.format(scope=scope, group=column), params)
            results.append(cursor.fetchall())
    return results


def core_numbers_sql(results: list[list[tuple]]) -> dict:
    """The classes per district, averages per district and criterion, and trends, from the SQL rows."""
    classes: dict = defaultdict(lambda: defaultdict(int))
    for district, status, final_class, tsvm, n in results[0]:
        row = classes[district]
        row["assessed"] += n
        if status == "finalized":
            row["finalized"] += n
            row[final_class] += n
            row["tsvm"] += n if tsvm else 0
    averages = {(d, number): Decimal(avg) for d, number, avg, _n in results[1]}
    trends = {y: (fin, good, fair, avg, weak, tsvm) for y, fin, good, fair, avg, weak, tsvm in results[2]}
    keys = ("assessed", "finalized", "good", "fair", "average", "weak", "tsvm")
    return {
        "classes": {d: tuple(row[k] for k in keys) for d, row in classes.items()},
        "averages": averages,
        "trends": trends,
    }


def core_numbers_board(board) -> dict:  # noqa: ANN001 - reports.dashboards.Dashboard
    """The same numbers as the dashboard computed them (per row when the floor groups the same way,
    else the totals)."""
    keys = ("assessed", "finalized", "good", "fair", "average", "weak", "tsvm")
    if board.group not in GROUP_COLUMNS:
        classes = {None: tuple(board.total.count(k) for k in keys)} if board.total.assessed else {}
        averages = {(None, n): v for n, v in board.averages.overall.items() if v is not None}
    else:
        classes = {r.unit.pk: tuple(r.classes.count(k) for k in keys) for r in board.rows if r.classes.assessed}
        averages = {(d, n): v for d, per in board.averages.by_group.items() for n, v in per.items() if v is not None}
    trends = {y: (c.finalized, c.good, c.fair, c.average, c.weak, c.tsvm) for y, c in board.trends if c.assessed}
    return {"classes": classes, "averages": averages, "trends": trends}


# --- Excel ----------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One sheet of a workbook as the floor writes it: rows of (value, number format) and widths."""

    title: str
    rows: list[list[tuple[object, str | None]]]
    widths: dict[str, float]

    @property
    def cells(self) -> int:
        return sum(len(row) for row in self.rows)


COL = re.compile(rb'<col\b[^>]*?\bmin="(\d+)"[^>]*?\bmax="(\d+)"[^>]*?\bwidth="([\d.]+)"')


def workbook_cells(content: bytes) -> list[Sheet]:
    """Every sheet of a workbook the portal produced: its cells' values and number formats (None for
    General) and its column widths (read from the sheet's XML: the read-only reader has none)."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    archive = zipfile.ZipFile(io.BytesIO(content))
    sheets = []
    for ws in workbook.worksheets:
        rows = [
            [(cell.value, None if cell.number_format in (None, "General") else cell.number_format) for cell in row]
            for row in ws.iter_rows()
        ]
        head = archive.read(ws._worksheet_path.lstrip("/")).split(b"<sheetData", 1)[0]
        widths = {}
        for low, high, width in COL.findall(head):
            for index in range(int(low), min(int(high), 200) + 1):
                widths[get_column_letter(index)] = float(width)
        sheets.append(Sheet(ws.title, rows, widths))
    workbook.close()
    return sheets


def openpyxl_floor(sheets: list[Sheet]) -> bytes:
    """openpyxl write-only writing the same cells with the same number formats and column widths
    (fonts, fills and borders aside: the floor of what a workbook cannot avoid writing)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    for sheet in sheets:
        ws = workbook.create_sheet(sheet.title)
        for letter, width in sheet.widths.items():
            ws.column_dimensions[letter].width = width
        for row in sheet.rows:
            out = []
            for value, number_format in row:
                if number_format is None:
                    out.append(value)
                else:
                    cell = WriteOnlyCell(ws, value)
                    cell.number_format = number_format
                    out.append(cell)
            ws.append(out)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- PDF ------------------------------------------------------------------------------------------


class HtmlRecorder:
    """Patches ``reports.services.pdf.HTML`` to keep the HTML strings a job hands to WeasyPrint."""

    def __init__(self) -> None:
        self.documents: list[tuple[str, str]] = []

    def __enter__(self) -> "HtmlRecorder":
        import weasyprint

        from reports.services import pdf

        self._original = weasyprint.HTML
        self._modules = [m for m in (weasyprint, pdf) if getattr(m, "HTML", None) is self._original]
        recorder = self

        def recording_html(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            recorder.documents.append((kwargs.get("string", ""), kwargs.get("base_url", "")))
            return recorder._original(*args, **kwargs)

        for module in self._modules:
            module.HTML = recording_html
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        for module in self._modules:
            module.HTML = self._original


def weasyprint_floor(documents: list[tuple[str, str]]) -> Callable[[], bytes]:
    from weasyprint import HTML

    if not documents:
        raise RuntimeError("the job handed no HTML to WeasyPrint")

    def render() -> bytes:
        return b"".join(HTML(string=html, base_url=base).write_pdf() for html, base in documents)

    return render


def seconds(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


# --- page rendering -------------------------------------------------------------------------------


class RenderFloor:
    """The page's own template rendered again from the context it was rendered with, in memory.

    ``capture(request)`` makes one real request with Django's template instrumentation on, keeps the
    outermost template and its flattened context (context processors included), and ``render()``
    renders that template from that dict: no view, no middleware, no ORM. ``queries`` says how many
    queries such a render still made (a lazy queryset the template evaluates would; 0 is honest)."""

    def __init__(self, drawing: Callable[[dict], object] | None = None, drawn: str = "") -> None:
        # Drawing done in the view that is rendering all the same (a dashboard's SVG charts, from the
        # data in the context): part of the floor, named in its note.
        self.drawing, self.drawn = drawing, drawn
        self.template = None
        self.context: dict = {}
        self.queries = 0

    def capture(self, request: Callable[[], object]) -> "RenderFloor":
        from django.test.signals import template_rendered
        from django.test.utils import setup_test_environment, teardown_test_environment

        def keep(sender, template, context, **kwargs) -> None:  # noqa: ANN001, ANN003
            if self.template is None:
                self.template, self.context = template, context.flatten()

        setup_test_environment()
        template_rendered.connect(keep)
        try:
            request()
        finally:
            template_rendered.disconnect(keep)
            teardown_test_environment()
        if self.template is None:
            raise RuntimeError("the request rendered no template")
        from benchmarks.measure import count_queries

        self.queries = count_queries(self.render)
        return self

    def render(self) -> str:
        from django.template import Context

        if self.drawing is not None:
            self.drawing(self.context)
        return self.template.render(Context(self.context, autoescape=True))

    @property
    def note(self) -> str:
        name = getattr(self.template, "name", "?")
        drawn = f" ({self.drawn} drawn again from it)" if self.drawn else ""
        extra = f"; its render made {self.queries} queries" if self.queries else ""
        return f"floor: its SQL + {name} rendered from the context in memory{drawn}{extra}"
