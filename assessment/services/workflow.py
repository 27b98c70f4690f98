"""Workflow transitions: submit, return, approve, confirm, reopen; decisions and the year lock.

Each service locks the assessment row, asks the pure rules in ``assessment.workflow`` whether the
actor may act, changes the state, bumps ``version`` and writes the history, all in one transaction
(like pretix's ``approve_order``). A refusal raises ``AssessmentError`` with the reason in words.
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import notices, workflow
from assessment.classification import points
from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    CriterionScore,
    ProvinceDecision,
    Status,
)
from assessment.models.assessment import SCORE_STEP
from assessment.selectors.review import assessment_classification, with_classification_data
from assessment.services.errors import AssessmentError, StaleEditError
from communes.models import Role, User
from communes.permissions import filter_by_scope, governs_commune, is_commune_staff_of, reviews_commune

Event = AssessmentEvent


def _lock(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update(of=("self",)).select_related("year", "commune").get(pk=assessment.pk)


def _check_scope(actor: User, assessment: Assessment, action: str | None = None) -> None:
    """The unit half of the policy (``communes.permissions``): the submitter's own commune, the
    commune's reviewers for return and approve, its province's staff for the rest."""
    commune = assessment.commune
    if action == workflow.Action.SUBMIT:
        allowed = is_commune_staff_of(actor, commune)
    elif action in (workflow.Action.RETURN, workflow.Action.APPROVE):
        allowed = reviews_commune(actor, commune, has_district_level=assessment.year.has_district_level)
    else:
        allowed = governs_commune(actor, commune)
    if not allowed:
        raise AssessmentError(_("Bản đánh giá này không thuộc phạm vi của bạn."))


def _check_version(assessment: Assessment, expected_version: int | None) -> None:
    """A write names the version it was made on: a missing one is refused like a stale one."""
    if expected_version is None:
        raise StaleEditError(
            _("Thiếu thông tin phiên bản của trang: hãy tải lại trang rồi làm lại."), current=assessment
        )
    if expected_version != assessment.version:
        raise StaleEditError(
            _("Bản đánh giá vừa được người khác thay đổi. Trang đã được tải lại với dữ liệu mới nhất."),
            current=assessment,
        )


def _authorise(assessment: Assessment, actor: User, action: str, comment: str = "") -> None:
    year = assessment.year
    reason = workflow.refusal(
        action,
        assessment.status,
        actor.role,
        year_locked=year.is_locked,
        has_district_level=year.has_district_level,
        comment=comment,
    )
    if reason:
        raise AssessmentError(reason)
    _check_scope(actor, assessment, action)


def may_act(*, assessment: Assessment, actor: User, action: str) -> bool:
    """True when ``actor`` may apply ``action`` to ``assessment`` now (pages show the button only
    then); the same check the transition itself makes, less the comment."""
    return refusal_of(assessment=assessment, actor=actor, action=action) is None


def refusal_of(*, assessment: Assessment, actor: User, action: str) -> str | None:
    """Why ``actor`` may not apply ``action`` to ``assessment`` now (None: they may); a form page shows
    this instead of a form that could only be refused."""
    try:
        _authorise(assessment, actor, action, comment="-")
    except AssessmentError as error:
        return str(error)
    return None


def _move(assessment: Assessment, actor: User, action: str, comment: str = "") -> Status:
    """Apply the transition, bump the version and write the transition event."""
    old = assessment.status
    assessment.status = workflow.target_status(action, old)
    assessment.version += 1
    Event.objects.create(
        assessment=assessment,
        actor=actor,
        kind=Event.Kind.TRANSITION,
        from_status=old,
        to_status=assessment.status,
        comment=comment.strip(),
    )
    return old


def _prepare(
    assessment: Assessment, actor: User, action: str, comment: str = "", *, expected_version: int | None
) -> Assessment:
    locked = _lock(assessment)
    _authorise(locked, actor, action, comment)
    _check_version(locked, expected_version)
    return locked


def assessment_submit(*, assessment: Assessment, actor: User, expected_version: int | None) -> Assessment:
    """Commune staff send their self-assessment to the district once every criterion is complete."""
    from assessment.services.scoring import assessment_completeness_errors

    with transaction.atomic():
        locked = _prepare(assessment, actor, workflow.Action.SUBMIT, expected_version=expected_version)
        errors = assessment_completeness_errors(assessment=locked)
        if errors:
            raise AssessmentError(" ".join([_("Chưa thể nộp:"), *errors]))
        _move(locked, actor, workflow.Action.SUBMIT)
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "version", "submitted_at"])
        notices.transition_notify(assessment=locked, action=workflow.Action.SUBMIT, actor=actor)
    return locked


def assessment_return(
    *,
    assessment: Assessment,
    actor: User,
    comment: str,
    criterion_comments: Mapping[int, str] | None = None,
    expected_version: int | None,
) -> Assessment:
    """The district returns a submission to the commune; the overall comment is required and the
    per-criterion comments (criterion id -> text) are shown to the commune on each criterion."""
    criterion_comments = {k: (v or "").strip() for k, v in (criterion_comments or {}).items()}
    with transaction.atomic():
        locked = _prepare(assessment, actor, workflow.Action.RETURN, comment, expected_version=expected_version)
        _move(locked, actor, workflow.Action.RETURN, comment)
        _store_comments(locked, actor, criterion_comments)
        locked.save(update_fields=["status", "version"])
        notices.transition_notify(assessment=locked, action=workflow.Action.RETURN, actor=actor, comment=comment)
    return locked


def _store_comments(assessment: Assessment, actor: User, comments: Mapping[int, str]) -> None:
    """A return replaces the previous round's comments: criteria not mentioned are cleared."""
    scores = list(assessment.scores.select_related("criterion"))
    events = []
    for score in scores:
        new = comments.get(score.criterion_id, "")
        if new != score.district_comment and new:
            events.append(
                Event(
                    assessment=assessment,
                    actor=actor,
                    kind=Event.Kind.SCORE,
                    criterion=score.criterion,
                    field="district_comment",
                    old_value=score.district_comment,
                    new_value=new,
                )
            )
        score.district_comment = new
    CriterionScore.objects.bulk_update(scores, ["district_comment"])
    Event.objects.bulk_create(events)


def score_problem(value: Decimal | None, max_points: Decimal) -> str | None:
    """Why ``value`` is not a valid score for a criterion of ``max_points`` (None when valid)."""
    if value is None:
        return _("chưa có điểm")
    try:
        in_range = Decimal("0") <= value <= max_points
        on_step = value % SCORE_STEP == 0
    except (InvalidOperation, TypeError):
        return _("điểm không hợp lệ")
    if not (in_range and on_step):
        return _("điểm phải từ 0 đến %(max)s, theo bước 0,25") % {"max": points(max_points)}
    return None


def _district_scores(scores: list[CriterionScore], given: Mapping[int, Decimal]) -> dict[int, Decimal]:
    """Each criterion's district score (prefilled with the self score), or AssessmentError naming
    every criterion whose score is missing or out of range."""
    chosen, errors = {}, []
    for score in scores:
        value = given.get(score.criterion_id, score.self_score)
        problem = score_problem(value, score.criterion.max_points)
        if problem:
            errors.append(_("Tiêu thức %(n)s: %(problem)s.") % {"n": score.criterion.number, "problem": problem})
        chosen[score.criterion_id] = value
    if errors:
        raise AssessmentError(" ".join(errors))
    return chosen


def assessment_approve(
    *,
    assessment: Assessment,
    actor: User,
    district_scores: Mapping[int, Decimal],
    comments: Mapping[int, str] | None = None,
    item_scores: Mapping[int, Decimal] | None = None,
    expected_version: int | None,
) -> Assessment:
    """The district approves: its scores (criterion id -> points; missing ones keep the self score)
    become the final scores, each change kept in the history. A criterion with component items takes
    the sum of the reviewer's item scores (``item_scores``: item id -> points; missing ones keep the
    item's self score)."""
    from assessment.services.items import item_review_apply

    comments = comments or {}
    with transaction.atomic():
        locked = _prepare(assessment, actor, workflow.Action.APPROVE, expected_version=expected_version)
        scores = list(locked.scores.select_related("criterion").order_by("criterion__number"))
        sums = item_review_apply(assessment=locked, actor=actor, scores=scores, given=item_scores or {})
        district_scores = {**district_scores, **sums}
        chosen = _district_scores(scores, district_scores)
        events = [
            _apply_district_score(
                locked, actor, s, chosen[s.criterion_id], (comments.get(s.criterion_id) or "").strip()
            )
            for s in scores
        ]
        CriterionScore.objects.bulk_update(
            scores, ["district_score", "final_score", "district_comment", "version", "updated_by"]
        )
        Event.objects.bulk_create([e for e in events if e])
        _move(locked, actor, workflow.Action.APPROVE)
        locked.final_total = sum(chosen.values(), Decimal("0"))
        locked.approved_at = timezone.now()
        locked.save(update_fields=["status", "version", "final_total", "approved_at"])
        notices.transition_notify(assessment=locked, action=workflow.Action.APPROVE, actor=actor)
    return locked


def _apply_district_score(
    assessment: Assessment, actor: User, score: CriterionScore, value: Decimal, comment: str
) -> Event | None:
    event = None
    if value != score.self_score:
        event = Event(
            assessment=assessment,
            actor=actor,
            kind=Event.Kind.SCORE,
            criterion=score.criterion,
            field="district_score",
            old_value=_plain(score.self_score),
            new_value=_plain(value),
            comment=comment,
        )
    score.district_score = score.final_score = value
    score.district_comment = comment
    score.version += 1
    score.updated_by = actor
    return event


def _plain(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def assessment_confirm(
    *, assessment: Assessment, actor: User, tsvm: bool = False, expected_version: int | None
) -> Assessment:
    """The province confirms the class the final scores give and, only when eligible, recognises
    the commune as "Trong sạch, vững mạnh"."""
    with transaction.atomic():
        locked = _prepare(assessment, actor, workflow.Action.CONFIRM, expected_version=expected_version)
        result = assessment_classification(locked)
        if tsvm and not result.tsvm_eligible:
            raise AssessmentError(
                " ".join(
                    [_("Chưa đủ điều kiện công nhận Trong sạch, vững mạnh:"), *[f"{r}." for r in result.tsvm_reasons]]
                )
            )
        locked.final_class, locked.tsvm, locked.final_total = result.classification, tsvm, result.total
        summary = _("Xếp loại %(label)s") % {"label": result.label}
        if tsvm:
            summary += " · " + _("công nhận Trong sạch, vững mạnh")
        _move(locked, actor, workflow.Action.CONFIRM, summary)
        locked.finalized_at = timezone.now()
        locked.save(update_fields=["status", "version", "final_class", "tsvm", "final_total", "finalized_at"])
        notices.transition_notify(assessment=locked, action=workflow.Action.CONFIRM, actor=actor, comment=summary)
    return locked


def assessment_reopen(*, assessment: Assessment, actor: User, reason: str, expected_version: int | None) -> Assessment:
    """The province reopens a step back (finalized -> approved, approved -> submitted); a reason is
    required and the confirmed class is withdrawn."""
    with transaction.atomic():
        locked = _prepare(assessment, actor, workflow.Action.REOPEN, reason, expected_version=expected_version)
        old = _move(locked, actor, workflow.Action.REOPEN, reason)
        fields = ["status", "version"]
        if old == Status.FINALIZED:
            locked.final_class, locked.tsvm, locked.finalized_at = "", False, None
            fields += ["final_class", "tsvm", "finalized_at"]
        else:
            locked.approved_at = None
            fields += ["approved_at"]
        locked.save(update_fields=fields)
        notices.transition_notify(assessment=locked, action=workflow.Action.REOPEN, actor=actor, comment=reason)
    return locked


def province_decision_record(
    *,
    assessment: Assessment,
    actor: User,
    kind: str,
    number: str,
    date: date,
    reason: str,
    expected_version: int | None,
) -> ProvinceDecision:
    """The province records a criticism or a reminder (decision number, date, reason) against a
    commune's year. A commune already recognised TSVM must be reopened first."""
    with transaction.atomic():
        locked = _lock(assessment)
        _check_province_action(locked, actor)
        _check_version(locked, expected_version)
        if kind not in ProvinceDecision.Kind.values:
            raise AssessmentError(_("Hình thức phải là phê bình hoặc nhắc nhở."))
        if not (number or "").strip() or not (reason or "").strip() or date is None:
            raise AssessmentError(_("Cần ghi số quyết định, ngày quyết định và lý do."))
        if locked.tsvm:
            raise AssessmentError(
                _("Xã đã được công nhận Trong sạch, vững mạnh: mở lại kết quả trước khi ghi phê bình, nhắc nhở.")
            )
        decision = ProvinceDecision.objects.create(
            assessment=locked, kind=kind, number=number.strip(), date=date, reason=reason.strip(), recorded_by=actor
        )
        Event.objects.create(
            assessment=locked,
            actor=actor,
            kind=Event.Kind.DECISION,
            new_value=f"{decision.get_kind_display()} {decision.number}",
            comment=decision.reason,
        )
        locked.version += 1
        locked.save(update_fields=["version"])
    return decision


def _check_province_action(assessment: Assessment, actor: User) -> None:
    if assessment.year.is_locked:
        raise AssessmentError(_("Năm đánh giá đã khóa sổ, không ai được thay đổi."))
    if actor.role != Role.PROVINCE_STAFF:
        raise AssessmentError(_("Vai trò của bạn không được thực hiện thao tác này."))
    _check_scope(actor, assessment)


def assessment_confirm_bulk(
    *,
    year: int,
    actor: User,
    versions: Mapping[int, int],
    tsvm: bool,
) -> tuple[int, list[str]]:
    """Confirm every approved assessment of ``year`` listed in ``versions`` (assessment id -> the version
    the list showed), recognising TSVM for those eligible when ``tsvm``. Each is its own transaction, so
    one refusal (stale, out of scope) leaves the others confirmed. Returns (confirmed, refusals named by
    commune)."""
    queryset = filter_by_scope(
        actor,
        Assessment.objects.filter(
            pk__in=list(versions), year__year=year, status=Status.DISTRICT_APPROVED
        ).select_related("commune"),
    )
    done, failed = 0, []
    for assessment in with_classification_data(queryset):
        eligible = tsvm and assessment_classification(assessment).tsvm_eligible
        try:
            assessment_confirm(
                assessment=assessment, actor=actor, tsvm=eligible, expected_version=versions[assessment.pk]
            )
            done += 1
        except AssessmentError as error:
            failed.append(f"{assessment.commune.name}: {error}")
    return done, failed


def assessment_year_lock(*, year: AssessmentYear, actor: User, lock_anyway: bool = False) -> AssessmentYear:
    """The province locks a year: from then on nothing of that year changes, for anybody.

    While the year's criteria set is provisional (no decision recorded) the lock is refused unless
    ``lock_anyway`` (province staff ticked "lock anyway"); the year then records that it was locked
    with a provisional set, and its reports say so with who locked it and when.
    """
    with transaction.atomic():
        locked = AssessmentYear.objects.select_for_update(of=("self",)).select_related("criteria_set").get(pk=year.pk)
        if actor.role != Role.PROVINCE_STAFF:
            raise AssessmentError(_("Vai trò của bạn không được thực hiện thao tác này."))
        if locked.is_locked:
            raise AssessmentError(_("Năm đánh giá đã khóa sổ, không ai được thay đổi."))
        provisional = locked.criteria_set.is_provisional
        if provisional and not lock_anyway:
            raise AssessmentError(
                _(
                    "Bộ tiêu thức của năm %(year)s còn tạm thời (chưa ghi số, ngày quyết định ban hành). "
                    "Hãy ghi quyết định trước, hoặc đánh dấu “Khóa dù bộ tiêu thức còn tạm thời”."
                )
                % {"year": locked.year}
            )
        locked.is_locked, locked.locked_at, locked.locked_by = True, timezone.now(), actor
        locked.locked_with_provisional_set = provisional
        locked.save(update_fields=["is_locked", "locked_at", "locked_by", "locked_with_provisional_set"])
    return locked
