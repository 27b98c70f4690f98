"""Writes and rules for component items: item scores, the sum rule, required evidence, review scores.

Where a criterion has items, the commune scores the items and the criterion's self score is their
sum; the review score likewise. Both sums are written here, in the transaction that changes an item,
so whatever reads criterion scores (classification, dashboards, reports) reads them unchanged. A
criterion without items is scored as before, by ``assessment.services.scoring``.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assessment.classification import points
from assessment.models import (
    Assessment,
    AssessmentEvent,
    ComponentItem,
    CriteriaSet,
    Criterion,
    CriterionScore,
    ItemScore,
)
from assessment.models.assessment import SCORE_STEP
from assessment.services.errors import AssessmentError, StaleEditError
from communes.models import User

Event = AssessmentEvent
ZERO = Decimal("0")


class ItemInputError(AssessmentError):
    """A score or note refused for one item; ``field`` is "value" or "note"."""

    def __init__(self, message: str, *, number: int, item_id: int, field: str) -> None:
        super().__init__(message)
        self.number = number
        self.item_id = item_id
        self.field = field


@dataclass(frozen=True)
class ItemInput:
    """One item row as sent: the raw score text, the note and the version the page showed
    (an item never scored shows version 1)."""

    item_id: int
    value: str | Decimal | None
    note: str
    expected_version: int


def item_name(item: ComponentItem) -> str:
    """How messages name an item: "Tiêu thức 3, nội dung 3.2 “…”"."""
    return _("Tiêu thức %(n)s, nội dung %(label)s “%(name)s”") % {
        "n": item.criterion.number,
        "label": item.label,
        "name": item.name,
    }


# --- rules -------------------------------------------------------------------------------------------


def item_score_parse(raw: str | Decimal | int | float | None, *, item: ComponentItem) -> Decimal | None:
    """The score ``raw`` stands for (None when empty), or :class:`ItemInputError` naming criterion and item."""
    from assessment.services.scoring import _to_decimal

    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = _to_decimal(raw)
    if value is None or value.is_signed() or value > item.max_points or value % SCORE_STEP:
        raise ItemInputError(
            _("%(item)s: điểm phải từ 0 đến %(max)s, bước %(step)s")
            % {"item": item_name(item), "max": points(item.max_points), "step": points(SCORE_STEP)},
            number=item.criterion.number,
            item_id=item.pk,
            field="value",
        )
    return value.quantize(Decimal("0.01"))


def item_note_error(*, item: ComponentItem, value: Decimal | None, note: str) -> str | None:
    """A score below the item's maximum must be explained."""
    if value is not None and value < item.max_points and not note.strip():
        return _("%(item)s: điểm %(score)s thấp hơn điểm tối đa %(max)s, cần ghi giải trình") % {
            "item": item_name(item),
            "score": points(value),
            "max": points(item.max_points),
        }
    return None


def item_clean(*, item: ComponentItem, value: str | Decimal | None, note: str) -> tuple[Decimal | None, str]:
    """The parsed score and trimmed note, or :class:`ItemInputError`."""
    parsed = item_score_parse(value, item=item)
    note = (note or "").strip()
    problem = item_note_error(item=item, value=parsed, note=note)
    if problem:
        raise ItemInputError(problem, number=item.criterion.number, item_id=item.pk, field="note")
    return parsed, note


def criteria_set_item_problems(criteria_set: CriteriaSet) -> list[str]:
    """Criteria of the set whose items' maxima do not add up to the criterion's maximum."""
    return item_problems_of(criteria_set.criteria.prefetch_related("items").order_by("number"))


def item_problems_of(criteria: Iterable[Criterion]) -> list[str]:
    """:func:`criteria_set_item_problems` for criteria already read (with their items prefetched)."""
    problems = []
    for criterion in criteria:
        items = list(criterion.items.all())
        if items:
            problem = items_total_problem(criterion.number, criterion.max_points, [i.max_points for i in items])
            if problem:
                problems.append(problem)
    return problems


def items_total_problem(number: int, max_points: Decimal, item_maxima: Iterable[Decimal]) -> str | None:
    """Why items with these maxima cannot make up criterion ``number`` (None when they add up)."""
    total = sum(item_maxima, ZERO)
    if total != max_points:
        return _(
            "Tiêu thức %(n)s: tổng điểm tối đa của các nội dung thành phần là %(total)s, phải bằng điểm tối đa "
            "của tiêu thức (%(max)s)."
        ) % {"n": number, "total": points(total), "max": points(max_points)}
    return None


def item_completeness_errors(*, assessment: Assessment) -> list[str]:
    """What the items stop from being submitted: unscored items, unexplained lower scores, and each
    required piece of evidence not uploaded (naming the criterion, the item and the document)."""
    scores = (
        assessment.scores.select_related("criterion")
        .prefetch_related("criterion__items__requirements", "item_scores", "evidence")
        .order_by("criterion__number")
    )
    errors = []
    for score in scores:
        items = list(score.criterion.items.all())
        if not items:
            continue
        by_item = {s.item_id: s for s in score.item_scores.all()}
        uploaded = {e.requirement_id for e in score.evidence.all()}
        for item in items:
            item.criterion = score.criterion
            item_score = by_item.get(item.pk)
            if item_score is None or item_score.self_score is None:
                errors.append(_("%(item)s chưa chấm điểm.") % {"item": item_name(item)})
            else:
                problem = item_note_error(item=item, value=item_score.self_score, note=item_score.note)
                if problem:
                    errors.append(f"{problem}.")
            for requirement in item.requirements.all():
                if requirement.is_required and requirement.pk not in uploaded:
                    errors.append(
                        _("%(item)s: thiếu minh chứng bắt buộc “%(kind)s: %(document)s”.")
                        % {
                            "item": item_name(item),
                            "kind": requirement.get_kind_display(),
                            "document": requirement.description,
                        }
                    )
    return errors


# --- the commune's item scores -----------------------------------------------------------------------


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _sum(values: Iterable[Decimal | None]) -> Decimal | None:
    given = [v for v in values if v is not None]
    return sum(given, ZERO) if given else None


def _item_events(item_score: ItemScore, actor: User, value: Decimal | None, note: str) -> list[Event]:
    """Set the new values on ``item_score`` (not saved) and return the history rows for what changed."""
    changes = []
    if item_score.self_score != value:
        changes.append(("item_self_score", _text(item_score.self_score), _text(value)))
    if item_score.note != note:
        changes.append(("item_note", item_score.note, note))
    if changes:
        item_score.self_score, item_score.note = value, note
        item_score.version += 1
        item_score.updated_by, item_score.updated_at = actor, timezone.now()
    criterion_score = item_score.score
    return [
        Event(
            assessment_id=criterion_score.assessment_id,
            actor=actor,
            kind=Event.Kind.SCORE,
            criterion_id=criterion_score.criterion_id,
            field=field,
            old_value=old,
            new_value=new,
            comment=f"{item_score.item.label} {item_score.item.name}"[:300],
        )
        for field, old, new in changes
    ]


def _is_stale(item_score: ItemScore, expected_version: int, value: Decimal | None, note: str) -> bool:
    changed = item_score.self_score != value or item_score.note != note
    return item_score.version != expected_version and changed


def item_stale_message(item_score: ItemScore, typed: str | Decimal | None) -> str:
    editor = item_score.updated_by
    who = (editor.get_full_name() or editor.username) if editor else _("người khác")
    when = formats.date_format(timezone.localtime(item_score.updated_at), "H:i d/m/Y")
    return _(
        "%(item)s vừa được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Chưa lưu thay đổi của bạn (bạn đã "
        "nhập: %(typed)s); ô nhập đang hiện giá trị mới nhất, hãy xem lại rồi lưu lại."
    ) % {
        "item": item_name(item_score.item),
        "who": who,
        "when": when,
        "typed": typed if typed not in (None, "") else "–",
    }


def _locked_item_scores(score_ids: Iterable[int]) -> dict[tuple[int, int], ItemScore]:
    rows = (
        ItemScore.objects.select_for_update(of=("self",))
        .select_related("item__criterion", "updated_by")
        .filter(score_id__in=list(score_ids))
    )
    return {(s.score_id, s.item_id): s for s in rows}


def _sync_criterion(score: CriterionScore, item_scores: Iterable[ItemScore], actor: User) -> list[Event]:
    """Make the criterion's self score the sum of its items' (not saved); the history row if it changed."""
    total = _sum(s.self_score for s in item_scores)
    if total == score.self_score:
        return []
    event = Event(
        assessment_id=score.assessment_id,
        actor=actor,
        kind=Event.Kind.SCORE,
        criterion_id=score.criterion_id,
        field="self_score",
        old_value=_text(score.self_score),
        new_value=_text(total),
    )
    score.self_score = total
    score.version += 1
    score.updated_by, score.updated_at = actor, timezone.now()
    return [event]


def items_write(
    *,
    assessment: Assessment,
    actor: User,
    rows: Sequence[ItemInput],
    cleaned: Mapping[int, tuple[Decimal | None, str]],
) -> dict[int, ItemScore]:
    """Inside the caller's transaction, with the assessment locked and editable: save the cleaned item
    rows (item id -> (value, note)), refuse stale ones with :class:`StaleEditError` (``current`` maps
    item id -> saved row), and keep each touched criterion's self score the sum of its items."""
    items = {i.pk: i for i in ComponentItem.objects.select_related("criterion").filter(pk__in=cleaned)}
    scores = {
        s.criterion_id: s
        for s in CriterionScore.objects.select_for_update(of=("self",)).filter(
            assessment=assessment, criterion_id__in={i.criterion_id for i in items.values()}
        )
    }
    existing = _locked_item_scores(s.pk for s in scores.values())
    expected = {row.item_id: row.expected_version for row in rows}
    touched: dict[int, ItemScore] = {}
    stale: dict[int, ItemScore] = {}
    for item_id, (value, note) in cleaned.items():
        item = items[item_id]
        score = scores[item.criterion_id]
        item_score = existing.get((score.pk, item_id)) or ItemScore(score=score, item=item, version=1)
        item_score.item, item_score.score = item, score
        if _is_stale(item_score, expected.get(item_id, 0), value, note):
            stale[item_id] = item_score
        touched[item_id] = item_score
    if stale:
        raise StaleEditError(_("Chưa lưu gì: có nội dung thành phần vừa được người khác lưu."), current=stale)
    events: list[Event] = []
    changed: list[ItemScore] = []
    for item_id, (value, note) in cleaned.items():
        item_score = touched[item_id]
        row_events = _item_events(item_score, actor, value, note)
        events += row_events
        if row_events:
            changed.append(item_score)
    for item_score in changed:
        item_score.save()
    for score in {touched[i].score.pk: touched[i].score for i in touched}.values():
        siblings = [*(s for k, s in existing.items() if k[0] == score.pk), *(s for s in changed if s.score is score)]
        by_item = {s.item_id: s for s in siblings}
        criterion_events = _sync_criterion(score, by_item.values(), actor)
        if criterion_events:
            score.save(update_fields=["self_score", "version", "updated_by", "updated_at"])
            events += criterion_events
    Event.objects.bulk_create(events)
    if events:
        Assessment.objects.filter(pk=assessment.pk).update(version=F("version") + 1)
    return touched


def items_clean(rows: Sequence[ItemInput], items: Mapping[int, ComponentItem]) -> dict[int, tuple[Decimal | None, str]]:
    """Each row's (value, note) by item id, or :class:`ItemsInvalid` with every row's error."""
    cleaned, errors = {}, {}
    for row in rows:
        item = items.get(row.item_id)
        if item is None:
            continue
        try:
            cleaned[row.item_id] = item_clean(item=item, value=row.value, note=row.note)
        except ItemInputError as error:
            errors[row.item_id] = error
    if errors:
        raise ItemsInvalid(errors)
    return cleaned


class ItemsInvalid(AssessmentError):
    def __init__(self, errors: dict[int, ItemInputError]) -> None:
        super().__init__(" ".join(str(e) for e in errors.values()))
        self.errors = errors


def assessment_items(assessment: Assessment) -> dict[int, ComponentItem]:
    """The items of the assessment's criteria set, by id, with their criterion."""
    rows = ComponentItem.objects.select_related("criterion").filter(
        criterion__criteria_set_id=assessment.year.criteria_set_id
    )
    return {i.pk: i for i in rows}


def item_score_save(
    *,
    assessment: Assessment,
    item: ComponentItem,
    actor: User,
    value: str | Decimal | None,
    note: str,
    expected_version: int,
) -> ItemScore:
    """Save one item's self score and note, and the criterion's self score as the items' sum.

    Raises :class:`ItemInputError` (nothing saved), :class:`StaleEditError` (``current`` is the saved
    item row) or :class:`AssessmentError` when the assessment is not editable.
    """
    from assessment.services.scoring import _lock_editable

    parsed, note = item_clean(item=item, value=value, note=note)
    row = ItemInput(item.pk, value, note, expected_version)
    with transaction.atomic():
        locked = _lock_editable(assessment.pk)
        try:
            saved = items_write(assessment=locked, actor=actor, rows=[row], cleaned={item.pk: (parsed, note)})
        except StaleEditError as error:
            current = error.current[item.pk]
            raise StaleEditError(item_stale_message(current, value), current=current) from None
    return saved[item.pk]


# --- the reviewer's item scores ----------------------------------------------------------------------


def item_review_problem(value: Decimal | None, item: ComponentItem) -> str | None:
    """Why ``value`` is not a valid review score for ``item`` (None when valid)."""
    if value is None:
        return _("%(item)s: chưa có điểm.") % {"item": item_name(item)}
    if not (ZERO <= value <= item.max_points) or value % SCORE_STEP:
        return _("%(item)s: điểm phải từ 0 đến %(max)s, theo bước 0,25.") % {
            "item": item_name(item),
            "max": points(item.max_points),
        }
    return None


def item_review_apply(
    *, assessment: Assessment, actor: User, scores: Sequence[CriterionScore], given: Mapping[int, Decimal | None]
) -> dict[int, Decimal]:
    """Inside the reviewer's approval: store each item's review score (item id -> points; a missing
    one keeps the item's self score) and return each criterion with items' review score, the sum
    (criterion id -> points). Raises :class:`AssessmentError` naming every item in error."""
    by_criterion = {s.criterion_id: s for s in scores}
    items = [i for i in assessment_items(assessment).values() if i.criterion_id in by_criterion]
    if not items:
        return {}
    existing = _locked_item_scores(s.pk for s in scores)
    errors, totals, events, rows = [], {}, [], []
    for item in sorted(items, key=lambda i: (i.criterion.number, i.order)):
        score = by_criterion[item.criterion_id]
        item_score = existing.get((score.pk, item.pk)) or ItemScore(score=score, item=item)
        value = given.get(item.pk, item_score.self_score)
        problem = item_review_problem(value, item)
        if problem:
            errors.append(problem)
            continue
        if value != item_score.self_score:
            events.append(
                Event(
                    assessment=assessment,
                    actor=actor,
                    kind=Event.Kind.SCORE,
                    criterion_id=item.criterion_id,
                    field="item_district_score",
                    old_value=_text(item_score.self_score),
                    new_value=_text(value),
                    comment=f"{item.label} {item.name}"[:300],
                )
            )
        item_score.district_score = value
        item_score.version += 1
        item_score.updated_by = actor
        rows.append(item_score)
        totals[item.criterion_id] = totals.get(item.criterion_id, ZERO) + value
    if errors:
        raise AssessmentError(" ".join(errors))
    for item_score in rows:
        item_score.save()
    Event.objects.bulk_create(events)
    return totals
