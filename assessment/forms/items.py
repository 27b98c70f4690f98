"""Reading the component items' inputs of the score page ("c3-i12-value", "c3-i12-note", "c3-i12-version")."""

from collections.abc import Iterable, Mapping

from assessment.models import ComponentItem, CriterionScore
from assessment.services.items import ItemInput


def item_prefix(item: ComponentItem) -> str:
    """The name prefix of an item's inputs: the criterion's number and the item's id."""
    return f"c{item.criterion.number}-i{item.pk}"


def item_input(data: Mapping[str, str], item: ComponentItem) -> ItemInput | None:
    """One item's row as posted (None when the page did not send it)."""
    prefix = item_prefix(item)
    if f"{prefix}-version" not in data:
        return None
    try:
        version = int(data[f"{prefix}-version"])
    except (TypeError, ValueError):
        version = 0  # a tampered version can only be stale
    return ItemInput(
        item_id=item.pk,
        value=data.get(f"{prefix}-value", ""),
        note=data.get(f"{prefix}-note", ""),
        expected_version=version,
    )


def items_input(data: Mapping[str, str], scores: Iterable[CriterionScore]) -> list[ItemInput]:
    """Every item row the score page posted (the scores' criteria and items prefetched)."""
    rows = []
    for score in scores:
        for item in score.criterion.items.all():
            item.criterion = score.criterion
            row = item_input(data, item)
            if row is not None:
                rows.append(row)
    return rows
