"""Writes for the commune's self-assessment: scores, notes and evidence files.

Every change is checked first (a score is 0..max in steps of 0.25; below the maximum needs a
note), then applied under ``select_for_update`` with the row's version compared to the one the
user's page carried: a stale page is refused with the current values, never merged. Each change
writes an ``AssessmentEvent`` in the same transaction.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assessment.classification import points
from assessment.filetypes import EvidenceFileError, check_evidence_file
from assessment.models import (
    Assessment,
    AssessmentEvent,
    Criterion,
    CriterionScore,
    Evidence,
    EvidenceRequirement,
    Status,
)
from assessment.models.assessment import SCORE_STEP
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.workflow import EDITABLE_BY_COMMUNE
from communes.models import User

if TYPE_CHECKING:
    from assessment.services.items import ItemInput

Event = AssessmentEvent
# Digits with an optional decimal part, "." or "," (12.5 and 12,5): no sign, no exponent, no spaces inside.
_SCORE_TEXT = re.compile(r"^[0-9]{1,4}(?:[.,][0-9]{1,4})?$")


class ScoreInputError(AssessmentError):
    """A score or note refused for one criterion; ``field`` is "value" or "note"."""

    def __init__(self, message: str, *, number: int, field: str) -> None:
        super().__init__(message)
        self.number = number
        self.field = field


class ScoresInvalid(AssessmentError):
    """A whole-form save refused: ``errors`` maps each criterion number to its error, ``item_errors``
    each component item's id to its error."""

    def __init__(self, errors: dict[int, ScoreInputError], item_errors: dict | None = None) -> None:
        item_errors = item_errors or {}
        count = len(set(errors) | {e.number for e in item_errors.values()})
        super().__init__(_("Chưa lưu gì: %(count)s tiêu thức có lỗi, xem từng dòng.") % {"count": count})
        self.errors = errors
        self.item_errors = item_errors


@dataclass(frozen=True)
class ScoreInput:
    """One row as the user sent it: the raw score text, the note and the version their page showed."""

    score_id: int
    value: str | Decimal | None
    note: str
    expected_version: int


# --- rules ------------------------------------------------------------------------------------


def score_parse(raw: str | Decimal | int | float | None, *, criterion: Criterion) -> Decimal | None:
    """The score ``raw`` stands for (None when empty), or :class:`ScoreInputError` naming the criterion."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = _to_decimal(raw)
    if value is None or value.is_signed() or value > criterion.max_points or value % SCORE_STEP:
        raise ScoreInputError(
            _("Tiêu thức %(n)s: điểm phải từ 0 đến %(max)s, bước %(step)s")
            % {"n": criterion.number, "max": points(criterion.max_points), "step": points(SCORE_STEP)},
            number=criterion.number,
            field="value",
        )
    return value.quantize(Decimal("0.01"))


def _to_decimal(raw: str | Decimal | int | float) -> Decimal | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    text = str(raw).strip()
    if not _SCORE_TEXT.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


def note_error(*, criterion: Criterion, value: Decimal | None, note: str) -> str | None:
    """Why a note is needed and missing: a score below the maximum must be explained."""
    if value is not None and value < criterion.max_points and not note.strip():
        return _("Tiêu thức %(n)s: điểm %(score)s thấp hơn điểm tối đa %(max)s, cần ghi giải trình") % {
            "n": criterion.number,
            "score": points(value),
            "max": points(criterion.max_points),
        }
    return None


def score_clean(*, criterion: Criterion, value: str | Decimal | None, note: str) -> tuple[Decimal | None, str]:
    """The parsed score and trimmed note, or :class:`ScoreInputError` naming the criterion."""
    parsed = score_parse(value, criterion=criterion)
    note = (note or "").strip()
    problem = note_error(criterion=criterion, value=parsed, note=note)
    if problem:
        raise ScoreInputError(problem, number=criterion.number, field="note")
    return parsed, note


def edit_refusal(assessment: Assessment) -> str | None:
    """Why the commune may not change this assessment's scores now (None when it may)."""
    if assessment.year.is_locked:
        return _("Năm đánh giá đã khóa sổ, không ai được thay đổi.")
    if assessment.status not in EDITABLE_BY_COMMUNE:
        return _("Bản đánh giá đang ở trạng thái “%(status)s”: xã không sửa được điểm.") % {
            "status": Status(assessment.status).label
        }
    return None


def assessment_completeness_errors(*, assessment: Assessment) -> list[str]:
    """What still stops the commune from submitting: unscored criteria and unexplained lower scores."""
    from assessment.services.items import item_completeness_errors

    scores = {s.criterion_id: s for s in assessment.scores.all()}
    errors = []
    for criterion in assessment.year.criteria_set.criteria.annotate(n_items=Count("items")).order_by("number"):
        if criterion.n_items:
            continue  # scored item by item: checked below, with the evidence each item requires
        score = scores.get(criterion.pk)
        if score is None or score.self_score is None:
            errors.append(_("Tiêu thức %(n)s chưa chấm điểm.") % {"n": criterion.number})
            continue
        problem = note_error(criterion=criterion, value=score.self_score, note=score.note)
        if problem:
            errors.append(f"{problem}.")
    return errors + item_completeness_errors(assessment=assessment)


def assessment_check_complete(assessment: Assessment) -> list[str]:
    """Alias of :func:`assessment_completeness_errors` (positional form)."""
    return assessment_completeness_errors(assessment=assessment)


# --- writes -----------------------------------------------------------------------------------


def _lock_editable(assessment_id: int) -> Assessment:
    assessment = Assessment.objects.select_for_update(of=("self",)).select_related("year").get(pk=assessment_id)
    refusal = edit_refusal(assessment)
    if refusal:
        raise AssessmentError(refusal)
    return assessment


def _changes(score: CriterionScore, value: Decimal | None, note: str) -> list[tuple[str, str, str]]:
    changes = []
    if score.self_score != value:
        changes.append(("self_score", _text(score.self_score), _text(value)))
    if score.note != note:
        changes.append(("note", score.note, note))
    return changes


def _text(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _apply(score: CriterionScore, actor: User, value: Decimal | None, note: str) -> list[Event]:
    """Set the new values on ``score`` (not saved) and return the history rows for what changed."""
    changes = _changes(score, value, note)
    if changes:
        score.self_score, score.note = value, note
        score.version += 1
        score.updated_by = actor
        score.updated_at = timezone.now()
    return [
        Event(
            assessment_id=score.assessment_id,
            actor=actor,
            kind=Event.Kind.SCORE,
            criterion_id=score.criterion_id,
            field=field,
            old_value=old,
            new_value=new,
        )
        for field, old, new in changes
    ]


def _stale_message(score: CriterionScore, typed: str | Decimal | None) -> str:
    editor = score.updated_by
    who = (editor.get_full_name() or editor.username) if editor else _("người khác")
    when = formats.date_format(timezone.localtime(score.updated_at), "H:i d/m/Y")
    return _(
        "Tiêu thức %(n)s vừa được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Chưa lưu thay đổi của "
        "bạn (bạn đã nhập: %(typed)s); ô nhập đang hiện giá trị mới nhất, hãy xem lại rồi lưu lại."
    ) % {"n": score.criterion.number, "who": who, "when": when, "typed": typed if typed not in (None, "") else "–"}


def _is_stale(score: CriterionScore, expected_version: int, value: Decimal | None, note: str) -> bool:
    # A stale page that sends exactly what is saved overwrites nothing: no conflict.
    return score.version != expected_version and bool(_changes(score, value, note))


def score_save(
    *, score: CriterionScore, actor: User, value: str | Decimal | None, note: str, expected_version: int
) -> CriterionScore:
    """Save one criterion's self score and note; refuse invalid input and stale pages.

    Raises :class:`ScoreInputError` (nothing saved), :class:`StaleEditError` (``current`` is the
    saved row) or :class:`AssessmentError` when the assessment is not editable.
    """
    if score.criterion.items.exists():
        raise AssessmentError(
            _("Tiêu thức %(n)s được chấm theo từng nội dung thành phần.") % {"n": score.criterion.number}
        )
    parsed, note = score_clean(criterion=score.criterion, value=value, note=note)
    with transaction.atomic():
        locked = _lock_row(score.pk)
        refusal = edit_refusal(locked.assessment)
        if refusal:
            raise AssessmentError(refusal)
        if _is_stale(locked, expected_version, parsed, note):
            raise StaleEditError(_stale_message(locked, value), current=locked)
        events = _apply(locked, actor, parsed, note)
        if events:
            locked.save(update_fields=["self_score", "note", "version", "updated_by", "updated_at"])
            Event.objects.bulk_create(events)
            Assessment.objects.filter(pk=locked.assessment_id).update(version=F("version") + 1)
    return locked


def _lock_row(score_id: int) -> CriterionScore:
    """The score row and its assessment's row, locked in one statement (the assessment first: ``OF``
    lists them in the order PostgreSQL locks them, the order every other write locks them in). The
    last editor is read only when a stale page needs their name."""
    return (
        CriterionScore.objects.select_for_update(of=("assessment", "self"))
        .select_related("assessment__year", "criterion")
        .get(pk=score_id)
    )


def scores_save_all(
    *, assessment: Assessment, actor: User, rows: Sequence[ScoreInput], items: Sequence["ItemInput"] = ()
) -> list[CriterionScore]:
    """Save every row of the score page at once: all of them or, on any error, none. Returns the posted rows.

    ``items`` are the component items' rows (criteria with items are scored through them, and rows
    for such criteria in ``rows`` are ignored). Raises :class:`ScoresInvalid` (per-criterion and
    per-item errors), :class:`StaleEditError` (``current`` maps criterion number -> saved row for
    each stale row, and ``items`` item id -> saved item row) or :class:`AssessmentError`.
    """
    from assessment.services.items import ItemsInvalid, assessment_items, items_clean, items_write

    scores = {
        s.pk: s for s in assessment.scores.select_related("criterion").annotate(n_items=Count("criterion__items"))
    }
    scores = {pk: s for pk, s in scores.items() if not s.n_items}
    item_errors: dict = {}
    item_cleaned: dict = {}
    if items:
        try:
            item_cleaned = items_clean(items, assessment_items(assessment))
        except ItemsInvalid as error:
            item_errors = error.errors
    try:
        cleaned = _clean_rows(scores, rows)
    except ScoresInvalid as error:
        raise ScoresInvalid(error.errors, item_errors) from None
    if item_errors:
        raise ScoresInvalid({}, item_errors)
    with transaction.atomic():
        locked_assessment = _lock_editable(assessment.pk)
        if item_cleaned:
            try:
                items_write(assessment=locked_assessment, actor=actor, rows=items, cleaned=item_cleaned)
            except StaleEditError as error:
                _refuse_stale_items(error.current)
        locked = {
            s.pk: s
            for s in CriterionScore.objects.select_for_update(of=("self",))
            .select_related("criterion", "updated_by")
            .filter(pk__in=cleaned)
        }
        _refuse_stale(locked, cleaned)
        events, changed = [], []
        for pk, (value, note, _version) in cleaned.items():
            row_events = _apply(locked[pk], actor, value, note)
            events += row_events
            changed += [locked[pk]] if row_events else []
        CriterionScore.objects.bulk_update(changed, ["self_score", "note", "version", "updated_by", "updated_at"])
        Event.objects.bulk_create(events)
        if events:
            Assessment.objects.filter(pk=assessment.pk).update(version=F("version") + 1)
    return sorted(locked.values(), key=lambda s: s.criterion.number)


def _clean_rows(
    scores: dict[int, CriterionScore], rows: Sequence[ScoreInput]
) -> dict[int, tuple[Decimal | None, str, int]]:
    cleaned, errors = {}, {}
    for row in rows:
        score = scores.get(row.score_id)
        if score is None:
            continue
        try:
            value, note = score_clean(criterion=score.criterion, value=row.value, note=row.note)
        except ScoreInputError as error:
            errors[error.number] = error
            continue
        cleaned[row.score_id] = (value, note, row.expected_version)
    if errors:
        raise ScoresInvalid(errors)
    return cleaned


def _refuse_stale_items(current: dict) -> None:
    numbers = ", ".join(sorted({s.item.label for s in current.values()}))
    error = StaleEditError(
        _(
            "Chưa lưu gì: nội dung %(numbers)s vừa được người khác lưu sau khi bạn mở trang. Các ô đó đang hiện "
            "giá trị mới nhất; hãy xem lại rồi bấm lưu lần nữa."
        )
        % {"numbers": numbers},
        current={},
    )
    error.items = current
    raise error


def _refuse_stale(locked: dict[int, CriterionScore], cleaned: dict[int, tuple[Decimal | None, str, int]]) -> None:
    stale = {s.criterion.number: s for pk, s in locked.items() if _is_stale(s, cleaned[pk][2], *cleaned[pk][:2])}
    if stale:
        numbers = ", ".join(str(n) for n in sorted(stale))
        raise StaleEditError(
            _(
                "Chưa lưu gì: tiêu thức %(numbers)s vừa được người khác lưu sau khi bạn mở trang. Các ô đó đang hiện "
                "giá trị mới nhất; hãy xem lại rồi bấm lưu lần nữa."
            )
            % {"numbers": numbers},
            current=stale,
        )


def evidence_add(
    *, score: CriterionScore, actor: User, upload: UploadedFile, requirement: "EvidenceRequirement | None" = None
) -> Evidence:
    """Attach an evidence file to a criterion after checking its size and real type (from content);
    ``requirement`` is the document of one of the criterion's component items the file is."""
    if requirement is not None and requirement.item.criterion_id != score.criterion_id:
        raise AssessmentError(_("Minh chứng yêu cầu này không thuộc tiêu thức %(n)s.") % {"n": score.criterion.number})
    name = upload.name or "tep"
    try:
        content_type = check_evidence_file(name, upload.size or 0, upload)
    except EvidenceFileError as error:
        raise AssessmentError(str(error)) from None
    with transaction.atomic():
        _lock_editable(score.assessment_id)
        evidence = Evidence(
            score=score,
            original_name=name[:255],
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
            requirement=requirement,
        )
        evidence.file.save(name, upload, save=False)
        evidence.save()
        Event.objects.create(
            assessment_id=score.assessment_id,
            actor=actor,
            kind=Event.Kind.EVIDENCE,
            criterion_id=score.criterion_id,
            field="evidence",
            new_value=evidence.original_name,
        )
    return evidence


def evidence_remove(*, evidence: Evidence, actor: User) -> None:
    """Delete an evidence file (row and stored file) while the commune may still edit."""
    score = evidence.score
    with transaction.atomic():
        _lock_editable(score.assessment_id)
        Event.objects.create(
            assessment_id=score.assessment_id,
            actor=actor,
            kind=Event.Kind.EVIDENCE,
            criterion_id=score.criterion_id,
            field="evidence",
            old_value=evidence.original_name,
        )
        stored = evidence.file.name
        evidence.delete()
        transaction.on_commit(lambda: evidence.file.storage.delete(stored))
