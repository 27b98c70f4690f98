"""Component items for tests: ``add_items(criteria_set, [3, 7])`` gives each named criterion (max 20)
three items of 8, 7 and 5 points; the first requires a decision, the second minutes (and optionally
a photo), the third nothing."""

from collections.abc import Iterable
from decimal import Decimal

from assessment.models import ComponentItem, CriteriaSet, EvidenceKind, EvidenceRequirement

ITEMS = [
    ("Ban hành kế hoạch thực hiện", Decimal("8"), [(EvidenceKind.DECISION, "Quyết định ban hành kế hoạch", True)]),
    (
        "Tổ chức hội nghị triển khai",
        Decimal("7"),
        [(EvidenceKind.MINUTES, "Biên bản hội nghị", True), (EvidenceKind.PHOTO, "Ảnh hội nghị", False)],
    ),
    ("Báo cáo kết quả", Decimal("5"), []),
]


def add_items(criteria_set: CriteriaSet, numbers: Iterable[int]) -> list[ComponentItem]:
    """Three items (8 + 7 + 5 = 20 points) under each criterion ``numbers`` of ``criteria_set``."""
    created = []
    for criterion in criteria_set.criteria.filter(number__in=list(numbers)).order_by("number"):
        for order, (name, maximum, requirements) in enumerate(ITEMS, start=1):
            item = ComponentItem.objects.create(criterion=criterion, order=order, name=name, max_points=maximum)
            for kind, description, required in requirements:
                EvidenceRequirement.objects.create(item=item, kind=kind, description=description, is_required=required)
            created.append(item)
    return created


def item_of(criteria_set: CriteriaSet, number: int, order: int) -> ComponentItem:
    return ComponentItem.objects.select_related("criterion").get(
        criterion__criteria_set=criteria_set, criterion__number=number, order=order
    )
