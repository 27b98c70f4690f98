"""The demo's criteria set for 2026: the 20 criteria of Decision 34/2011 with component items and the
evidence each requires on three of them (1, 3 and 20), its name marked as a demo ("minh họa").

Called from ``assessment.demo.seed``: the 2026 demo year uses this set, and each 2026 score of a
criterion with items is split into item scores that add up to it (self and review scores alike), so
the pages, the score sheet and the reports agree. Idempotent: nothing is added twice, nothing edited
is overwritten.
"""

from decimal import ROUND_FLOOR, Decimal

from assessment.models import (
    AssessmentYear,
    ComponentItem,
    CriteriaSet,
    Criterion,
    CriterionScore,
    EvidenceKind,
    EvidenceRequirement,
    ItemScore,
    Threshold,
)

NAME = "Bộ tiêu thức năm 2026 (minh họa: có nội dung thành phần)"
LEGAL_BASIS = "Minh họa cho bản trình diễn, dựa trên Quyết định số 34/2011/QĐ-UBND"
YEAR = 2026
STEP = Decimal("0.25")
NOTE = "Còn hạn chế ở nội dung này (minh họa)."

# criterion number -> [(name, max points, [(kind, document, required)])]
ITEMS = {
    1: [
        (
            "Tổ chức các kỳ họp thường lệ đúng luật",
            Decimal("8"),
            [(EvidenceKind.MINUTES, "Biên bản các kỳ họp HĐND trong năm", True)],
        ),
        (
            "Giám sát, tiếp xúc cử tri theo chương trình",
            Decimal("7"),
            [
                (EvidenceKind.REPORT, "Báo cáo kết quả giám sát và tiếp xúc cử tri", True),
                (EvidenceKind.PHOTO, "Ảnh buổi tiếp xúc cử tri", False),
            ],
        ),
        ("Hoạt động của Thường trực, các Ban và đại biểu HĐND", Decimal("5"), []),
    ],
    3: [
        (
            "Lập, trình và chấp hành dự toán ngân sách",
            Decimal("8"),
            [(EvidenceKind.DECISION, "Quyết định giao dự toán ngân sách năm", True)],
        ),
        (
            "Quyết toán ngân sách được HĐND phê chuẩn",
            Decimal("6"),
            [(EvidenceKind.REPORT, "Báo cáo quyết toán ngân sách năm trước", True)],
        ),
        (
            "Công khai ngân sách và quản lý tài sản công",
            Decimal("6"),
            [
                (EvidenceKind.MINUTES, "Biên bản niêm yết công khai ngân sách", True),
                (EvidenceKind.PHOTO, "Ảnh niêm yết tại trụ sở", False),
            ],
        ),
    ],
    20: [
        (
            "Gửi, nhận văn bản điện tử qua phần mềm quản lý văn bản",
            Decimal("10"),
            [(EvidenceKind.REPORT, "Thống kê văn bản điện tử từ phần mềm", True)],
        ),
        (
            "Cung cấp dịch vụ công trực tuyến",
            Decimal("6"),
            [(EvidenceKind.REPORT, "Báo cáo số hồ sơ trực tuyến", False)],
        ),
        (
            "Cập nhật trang thông tin điện tử",
            Decimal("4"),
            [(EvidenceKind.PHOTO, "Ảnh chụp màn hình trang thông tin", False)],
        ),
    ],
}


def criteria_set(default: CriteriaSet) -> CriteriaSet:
    """The demo set for 2026 (a copy of ``default``'s criteria and thresholds, with items), created once."""
    demo, created = CriteriaSet.objects.get_or_create(
        name=NAME,
        defaults={
            "legal_basis": LEGAL_BASIS,
            "year_from": YEAR,
            "year_to": YEAR,
            "is_provisional": True,
            "tsvm_min_class": default.tsvm_min_class,
            "tsvm_min_each": default.tsvm_min_each,
        },
    )
    if not created:
        return demo
    Criterion.objects.bulk_create(
        [
            Criterion(
                criteria_set=demo,
                number=c.number,
                name=c.name,
                guidance=c.guidance,
                max_points=c.max_points,
                responsible_position=c.responsible_position,
            )
            for c in default.criteria.order_by("number")
        ]
    )
    Threshold.objects.bulk_create(
        [
            Threshold(criteria_set=demo, classification=t.classification, min_total=t.min_total, min_each=t.min_each)
            for t in default.thresholds.all()
        ]
    )
    for criterion in demo.criteria.filter(number__in=ITEMS):
        for order, (name, maximum, requirements) in enumerate(ITEMS[criterion.number], start=1):
            item = ComponentItem.objects.create(criterion=criterion, order=order, name=name, max_points=maximum)
            EvidenceRequirement.objects.bulk_create(
                [
                    EvidenceRequirement(item=item, kind=kind, description=document, is_required=required)
                    for kind, document, required in requirements
                ]
            )
    return demo


def split(total: Decimal | None, maxima: list[Decimal]) -> list[Decimal | None]:
    """``total`` shared among items of ``maxima`` in proportion, in steps of 0.25, adding up exactly."""
    if total is None:
        return [None] * len(maxima)
    whole = sum(maxima, Decimal("0"))
    shares = [(total * m / whole / STEP).to_integral_value(ROUND_FLOOR) * STEP for m in maxima]
    rest = total - sum(shares, Decimal("0"))
    for index, maximum in enumerate(maxima):
        room = min(rest, maximum - shares[index])
        shares[index] += room
        rest -= room
    return shares


def split_scores(year: AssessmentYear) -> int:
    """Item scores for the year's scores of criteria with items that have none yet; returns how many."""
    items: dict[int, list[ComponentItem]] = {}
    for item in ComponentItem.objects.filter(criterion__criteria_set_id=year.criteria_set_id).order_by("order"):
        items.setdefault(item.criterion_id, []).append(item)
    if not items:
        return 0
    scores = CriterionScore.objects.filter(
        assessment__year=year, criterion_id__in=items, item_scores__isnull=True
    ).select_related("updated_by")
    rows = []
    for score in scores:
        maxima = [i.max_points for i in items[score.criterion_id]]
        own = split(score.self_score, maxima)
        reviewed = split(score.district_score, maxima)
        for item, value, review in zip(items[score.criterion_id], own, reviewed, strict=True):
            rows.append(
                ItemScore(
                    score=score,
                    item=item,
                    self_score=value,
                    district_score=review,
                    note=NOTE if value is not None and value < item.max_points else "",
                    version=1 + (value is not None),
                    updated_by=score.updated_by,
                )
            )
    ItemScore.objects.bulk_create(rows, batch_size=500)
    return len(rows)
