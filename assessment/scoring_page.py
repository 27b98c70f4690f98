"""What the score page shows: each row's state and the page context (no writes here)."""

from dataclasses import dataclass, field

from django.http import HttpRequest

from assessment.classification import points
from assessment.forms.items import item_prefix
from assessment.models import (
    Assessment,
    AssessmentEvent,
    ComponentItem,
    CriterionScore,
    Evidence,
    EvidenceRequirement,
    ItemScore,
    Status,
)
from assessment.selectors import (
    TIMELINE_LIMIT,
    assessment_current_classification,
    assessment_events,
    prefetch_for_page,
    read_only_reason,
    score_rows,
)
from assessment.services.items import ItemInput
from assessment.services.scoring import ScoreInput, edit_refusal
from communes.models import Role
from communes.permissions import has_role


@dataclass
class ItemRow:
    """One component item of a criterion row: its saved score and what its inputs show."""

    item: ComponentItem
    item_score: ItemScore | None
    value: str
    note: str
    version: int
    error: str = ""
    error_field: str = ""
    conflict: str = ""
    just_saved: bool = False
    # Each evidence requirement of the item with the files uploaded for it.
    requirements: list[tuple[EvidenceRequirement, list[Evidence]]] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        return item_prefix(self.item)

    @property
    def saved_value(self) -> str:
        saved = self.item_score.self_score if self.item_score else None
        return "" if saved is None else points(saved)

    @property
    def saved_note(self) -> str:
        return self.item_score.note if self.item_score else ""

    @property
    def score(self) -> ItemScore | None:
        """What the row status template reads (``updated_at``, ``self_score``)."""
        return self.item_score

    @classmethod
    def saved(cls, item: ComponentItem, item_score: ItemScore | None, **extra) -> "ItemRow":
        value = "" if item_score is None or item_score.self_score is None else points(item_score.self_score)
        note = item_score.note if item_score else ""
        version = item_score.version if item_score else 1
        return cls(item=item, item_score=item_score, value=value, note=note, version=version, **extra)

    @classmethod
    def typed(cls, item: ComponentItem, item_score: ItemScore | None, row: ItemInput, **extra) -> "ItemRow":
        value = "" if row.value is None else str(row.value)
        return cls(item=item, item_score=item_score, value=value, note=row.note, version=row.expected_version, **extra)


def item_rows(
    score: CriterionScore,
    typed: dict[int, ItemInput] | None = None,
    errors: dict | None = None,
    stale: dict | None = None,
    message: str = "",
) -> list[ItemRow]:
    """The item rows of a criterion (prefetched items and item scores), typed values after an error."""
    items = score.criterion.items.all()
    if not items:
        return []
    saved = {s.item_id: s for s in score.item_scores.all()}
    files = requirement_files(score)
    rows = []
    for item in items:
        item.criterion = score.criterion
        if stale and item.pk in stale:
            rows.append(ItemRow.saved(item, stale[item.pk], conflict=message))
        elif typed and item.pk in typed:
            error = (errors or {}).get(item.pk)
            rows.append(
                ItemRow.typed(
                    item,
                    saved.get(item.pk),
                    typed[item.pk],
                    error=str(error or ""),
                    error_field=getattr(error, "field", ""),
                )
            )
        else:
            rows.append(ItemRow.saved(item, saved.get(item.pk)))
        rows[-1].requirements = [(r, files.get(r.pk, [])) for r in item.requirements.all()]
    return rows


def requirement_files(score: CriterionScore) -> dict[int | None, list[Evidence]]:
    """The score's evidence files by the requirement each satisfies (None: the criterion's own)."""
    files: dict[int | None, list[Evidence]] = {}
    for evidence in score.evidence.all():
        files.setdefault(evidence.requirement_id, []).append(evidence)
    return files


@dataclass
class RowState:
    """One criterion row: the saved score and what the inputs show (the user's text after an error)."""

    score: CriterionScore
    value: str
    note: str
    version: int
    error: str = ""
    error_field: str = ""
    conflict: str = ""
    just_saved: bool = False
    # After a refused stale save: what this user typed, shown beside the values saved meanwhile.
    mine_value: str = ""
    mine_note: str = ""
    # A criterion with component items: one row per item (its score is their sum).
    items: list[ItemRow] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.score.criterion.number

    @classmethod
    def saved(cls, score: CriterionScore, **extra) -> "RowState":
        value = "" if score.self_score is None else points(score.self_score)
        extra.setdefault("items", item_rows(score))
        return cls(score=score, value=value, note=score.note, version=score.version, **extra)

    @classmethod
    def typed(cls, score: CriterionScore, row: ScoreInput, **extra) -> "RowState":
        extra.setdefault("items", item_rows(score))
        return cls(score=score, value=_typed_value(row), note=row.note, version=row.expected_version, **extra)

    @classmethod
    def stale(cls, current: CriterionScore, row: ScoreInput | None, message: str) -> "RowState":
        """The values saved meanwhile by someone else, with what this user typed kept beside them."""
        mine = {"mine_value": _typed_value(row), "mine_note": row.note} if row else {}
        return cls.saved(current, conflict=message, **mine)

    @property
    def saved_value(self) -> str:
        """The score as saved (what the input shows when nothing is pending)."""
        return "" if self.score.self_score is None else points(self.score.self_score)

    @property
    def has_mine(self) -> bool:
        return bool(self.mine_value or self.mine_note)


def _typed_value(row: ScoreInput | None) -> str:
    return "" if row is None or row.value is None else str(row.value)


def can_edit(request: HttpRequest, assessment: Assessment) -> bool:
    """Commune staff (and administrators) edit while the assessment is a draft or returned and the year open."""
    return has_role(request.user, Role.COMMUNE_STAFF) and edit_refusal(assessment) is None


def page_context(
    request: HttpRequest,
    assessment: Assessment,
    rows: list[RowState] | None = None,
    scores: list[CriterionScore] | None = None,
) -> dict:
    """Everything the score page renders; ``rows`` overrides the saved values after a refused save."""
    prefetch_for_page(assessment)
    scores = scores if scores is not None else score_rows(assessment)
    editable = can_edit(request, assessment)
    rows = rows if rows is not None else [RowState.saved(s) for s in scores]
    return {
        "assessment": assessment,
        "commune": assessment.commune,
        "year": assessment.year,
        "criteria_set": assessment.year.criteria_set,
        "rows": rows,
        # After "Lưu tất cả" is refused, the first row to fix gets the focus (and the browser scrolls to it).
        "first_problem": next(
            (r.number for r in rows if r.error or r.conflict or any(i.error or i.conflict for i in r.items)), None
        ),
        "result": assessment_current_classification(assessment, scores),
        "editable": editable,
        "read_only_reason": "" if editable else read_only_reason(assessment, request.user),
        "return_event": _return_event(assessment),
        **timeline_context(assessment),
    }


def summary_context(assessment: Assessment) -> dict:
    """The running total and class, for the out-of-band update after a row is saved."""
    prefetch_for_page(assessment)
    return {
        "assessment": assessment,
        "criteria_set": assessment.year.criteria_set,
        "result": assessment_current_classification(assessment),
        **timeline_context(assessment),
    }


def timeline_context(assessment: Assessment) -> dict:
    """The last events for the page's timeline, and whether older ones exist."""
    events = list(assessment_events(assessment, TIMELINE_LIMIT + 1))
    return {"events": events[:TIMELINE_LIMIT], "more_events": len(events) > TIMELINE_LIMIT}


def _return_event(assessment: Assessment) -> AssessmentEvent | None:
    if assessment.status != Status.RETURNED:
        return None
    return (
        assessment.events.filter(kind=AssessmentEvent.Kind.TRANSITION, to_status=Status.RETURNED)
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
