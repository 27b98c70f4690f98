"""The officials' ratings, follow-up actions and commendation eligibility on the province dashboard,
in the annual PDF and in the province workbook (issue 13 parts 1-3), from the assessment selectors.

One object (:class:`DutiesPanel`) serves all three; it costs a fixed number of queries whatever the
number of communes (ratings: one; follow-ups: one; eligibility: two, or one with the violations
counted by the civic duties' records).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from assessment.models import Assessment, AssessmentYear, FollowUpKind
from assessment.ratings import RatingLevel
from assessment.selectors.eligibility import commendation_eligibility
from assessment.selectors.followup_actions import KindCount, followup_counts, open_followups
from assessment.selectors.ratings import rating_counts
from communes.models import Commune


@dataclass
class DutiesPanel:
    year: AssessmentYear
    ratings: list[tuple[str, int]]  # (level label, count), best level first
    reasons: int  # ratings recorded above their ceiling, with a reason
    followups: list[KindCount]
    refusals: dict[int, list[str]]  # commune id -> why not eligible for commendation
    names: dict[int, Commune]
    communes: QuerySet[Commune]
    limit: int | None = None

    @cached_property
    def open_lists(self) -> list[tuple[str, list[Assessment]]]:
        """(kind label, the assessments whose follow-up is still open): read only by the PDF."""
        found = open_followups(self.year, self.communes, self.limit)
        return [(str(FollowUpKind(kind).label), rows) for kind, rows in found]

    @property
    def rated(self) -> int:
        return sum(n for _label, n in self.ratings)

    @property
    def not_eligible(self) -> list[tuple[Commune, list[str]]]:
        return [(self.names[c], r) for c, r in self.refusals.items() if r]

    @property
    def eligible_count(self) -> int:
        return sum(1 for r in self.refusals.values() if not r)

    @property
    def open_total(self) -> int:
        return sum(c.open for c in self.followups)

    @property
    def done_total(self) -> int:
        return sum(c.done for c in self.followups)


def commune_names(communes: QuerySet[Commune]) -> dict[int, Commune]:
    """Every commune of ``communes`` with its district, by district and commune (one query)."""
    return {c.pk: c for c in communes.select_related("district").order_by("district__code", "code")}


def duties_panel(
    year: AssessmentYear,
    communes: QuerySet[Commune],
    limit: int | None,
    *,
    violations: dict[int, int] | None = None,
    names: dict[int, Commune] | None = None,
    followups: list[KindCount] | None = None,
) -> DutiesPanel:
    """The year's ratings by level, follow-ups open and done (``limit`` open ones named per kind;
    None: all) and commendation eligibility of ``communes`` (``violations``: each one's discipline
    decisions of the year, ``names``: :func:`commune_names`, and ``followups``: the counts of
    ``followup_counts``, when the caller has them)."""
    counts = rating_counts(year, communes)
    names = commune_names(communes) if names is None else names
    return DutiesPanel(
        year,
        [(str(RatingLevel(level).label), counts[level]) for level in RatingLevel.values],
        counts["with_reason"],
        followup_counts(year, communes) if followups is None else followups,
        commendation_eligibility(year, list(names.values()), violations=violations),
        names,
        communes,
        limit,
    )


def duties_sheets(board, heading: list[str]) -> list:  # noqa: ANN001 - a Dashboard; returns Sheets
    """The workbook's sheets: ratings by level, follow-ups open and done, commendation eligibility."""
    from reports.services.xlsx import COUNT, Col, Sheet

    panel: DutiesPanel = board.duties
    return [
        Sheet(
            _("Xếp loại cán bộ"),
            [*heading, _("XẾP LOẠI CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM %(y)s") % {"y": panel.year.year}],
            [Col(_("Mức xếp loại")), Col(_("Số người"), COUNT)],
            panel.ratings,
            [[_("Tổng số"), panel.rated], [_("Trong đó: cao hơn mức tối đa, có lý do"), panel.reasons]],
        ),
        Sheet(
            _("Việc theo dõi"),
            [*heading, _("KẾT QUẢ THỰC HIỆN VIỆC THEO DÕI SAU XẾP LOẠI NĂM %(y)s") % {"y": panel.year.year}],
            [
                Col(_("Việc cần làm")),
                Col(_("Số xã"), COUNT),
                Col(_("Đã thực hiện"), COUNT),
                Col(_("Chưa thực hiện"), COUNT),
            ],
            [[c.label, c.total, c.done, c.open] for c in panel.followups],
        ),
        _eligibility_sheet(panel, heading, with_district=board.group == "district"),
    ]


def _eligibility_sheet(panel: DutiesPanel, heading: list[str], *, with_district: bool):  # noqa: ANN202 - a Sheet
    """One row per commune: eligible or not, and why (the district column only in years with districts)."""
    from reports.services.xlsx import Col, Sheet

    def row(pk: int, commune: Commune) -> list:
        verdict = _("Không đủ điều kiện") if panel.refusals[pk] else _("Đủ điều kiện")
        district = [commune.district.name if commune.district else ""] if with_district else []
        return [commune.code, commune.name, *district, verdict, "; ".join(panel.refusals[pk])]

    district = [Col(_("Đơn vị cấp huyện"))] if with_district else []
    return Sheet(
        _("Khen thưởng"),
        [*heading, _("ĐIỀU KIỆN KHEN THƯỞNG CỦA CÁC XÃ NĂM %(y)s") % {"y": panel.year.year}],
        [Col(_("Mã xã")), Col(_("Xã")), *district, Col(_("Khen thưởng")), Col(_("Lý do"))],
        [row(pk, c) for pk, c in panel.names.items()],
    )
