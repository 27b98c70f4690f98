"""District review: the queue, the review page with its two actions, and the assessment detail page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment import deadlines, workflow
from assessment.forms.review import ReturnForm, ReviewForm
from assessment.models import Assessment, AssessmentYear, Status
from assessment.selectors.followups import score_evaluations
from assessment.selectors.review import (
    assessment_classification,
    assessment_in_scope,
    filter_group,
    filter_queue,
    last_return,
    prefetch_for_detail,
    province_review_queue,
    queue_counts,
    reviewer_groups,
    timeline,
    year_or_latest,
)
from assessment.selectors.review import review_queue as review_queue_rows
from assessment.services.errors import AssessmentError
from assessment.services.workflow import assessment_approve, assessment_return, may_act
from communes.models import Role, User
from communes.permissions import ANY_ROLE, REVIEWER_ROLES, get_district_or_404, has_role, role_required

REVIEWERS = REVIEWER_ROLES


@require_safe
@role_required(*REVIEWERS)
def review_queue(request: HttpRequest, code: str) -> HttpResponse:
    """The district's assessments of a year with districts by bucket: waiting, returned, approved, late."""
    district = get_district_or_404(request.user, code)
    year = year_or_latest(request.GET.get("nam"), has_district_level=True)
    rows = review_queue_rows(district=district, year=year, today=timezone.localdate()) if year else []
    return _queue_page(
        request,
        rows,
        year,
        {"district": district, "province": district.province, "years": _years(has_district_level=True)},
    )


@require_safe
@role_required(Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)
def review_queue_province(request: HttpRequest) -> HttpResponse:
    """A year without districts: the assessments of the communes the user reviews, by bucket, and
    for province staff by reviewer group."""
    year = year_or_latest(request.GET.get("nam"), has_district_level=False)
    rows = province_review_queue(user=request.user, year=year, today=timezone.localdate()) if year else []
    context = {"province": request.user.province, "years": _years(has_district_level=False)}
    if has_role(request.user, Role.PROVINCE_STAFF):
        groups = reviewer_groups(r.group_id for r in rows)
        wanted_group = request.GET.get("nhom") or ""
        context |= {"groups": groups, "group_names": {g.pk: g.name for g in groups}, "wanted_group": wanted_group}
        rows = filter_group(rows, wanted_group)
    return _queue_page(request, rows, year, context)


def _years(*, has_district_level: bool) -> list[int]:
    years = AssessmentYear.objects.filter(has_district_level=has_district_level)
    return list(years.values_list("year", flat=True))


def _queue_page(request: HttpRequest, rows: list, year: AssessmentYear | None, context: dict) -> HttpResponse:
    wanted = request.GET.get("loc") or "all"
    page = Paginator(filter_queue(rows, wanted), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assessment/review_queue.html",
        context
        | {"year": year, "counts": queue_counts(rows), "wanted": wanted, "page": page, "buckets": deadlines.Bucket},
    )


def can_act(assessment: Assessment, user: User, action: str) -> bool:
    """True when the workflow and the scope policy let this user apply ``action`` now."""
    return may_act(assessment=assessment, actor=user, action=action)


def _review_page(
    request: HttpRequest, assessment: Assessment, form: ReviewForm | None = None, status: int = 200
) -> HttpResponse:
    form = form or ReviewForm(scores=_scores(assessment), initial={"version": assessment.version})
    return render(
        request,
        "assessment/review_detail.html",
        {
            "assessment": assessment,
            "form": form,
            "can_review": can_act(assessment, request.user, "approve"),
            "last_return": last_return(assessment),
            "self_result": assessment_classification(assessment, field="self_score"),
        },
        status=status,
    )


def _scores(assessment: Assessment) -> list:
    """The assessment's scores (criterion, evidence), decisions and thresholds, loaded once."""
    return list(prefetch_for_detail(assessment).scores.all())


@require_safe
@role_required(*REVIEWERS)
def review(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Self score, note and evidence beside a district score and comment for every criterion."""
    return _review_page(request, assessment_in_scope(request.user, code, year))


@require_POST
@role_required(*REVIEWERS)
def review_return(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Send the submission back to the commune with a required overall comment."""
    assessment = assessment_in_scope(request.user, code, year)
    form = ReturnForm(request.POST, scores=_scores(assessment))
    if not form.is_valid():
        return _review_page(request, assessment, form, status=400)
    return _act(
        request,
        assessment,
        lambda: assessment_return(
            assessment=assessment,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            criterion_comments=form.criterion_comments(),
            expected_version=form.cleaned_data["version"],
        ),
        _("Đã trả lại %(commune)s.") % {"commune": assessment.commune.name},
    )


@require_POST
@role_required(*REVIEWERS)
def review_approve(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Approve with the district scores as final scores."""
    assessment = assessment_in_scope(request.user, code, year)
    form = ReviewForm(request.POST, scores=_scores(assessment))
    if not form.is_valid():
        return _review_page(request, assessment, form, status=400)
    return _act(
        request,
        assessment,
        lambda: assessment_approve(
            assessment=assessment,
            actor=request.user,
            district_scores=form.district_scores(),
            comments=form.criterion_comments(),
            item_scores=form.item_scores(),
            expected_version=form.cleaned_data["version"],
        ),
        _("Đã duyệt kết quả của %(commune)s.") % {"commune": assessment.commune.name},
    )


def _act(request: HttpRequest, assessment: Assessment, service, success: str) -> HttpResponse:
    try:
        service()
    except AssessmentError as error:
        # A stale page or a refused action: reload the review page with the current values.
        messages.error(request, str(error))
        return redirect("assessment:review", code=assessment.commune.code, year=assessment.year.year)
    messages.success(request, success)
    return redirect(_queue_url(assessment))


def _queue_url(assessment: Assessment) -> str:
    """The queue the reviewer came from: the district's, or the province's for a commune without one."""
    if assessment.year.has_district_level and assessment.commune.district_id:
        queue = reverse("assessment:review-queue", kwargs={"code": assessment.commune.district.code})
    else:
        queue = reverse("assessment:review-queue-province")
    return f"{queue}?nam={assessment.year.year}"


@require_safe
@role_required(*ANY_ROLE)
def assessment_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Everything about one commune's year, read-only: status, scores, class, decisions, history."""
    assessment = prefetch_for_detail(assessment_in_scope(request.user, code, year, with_history=True))
    scores = list(assessment.scores.all())
    confirmed = assessment.status in (Status.DISTRICT_APPROVED, Status.FINALIZED)
    return render(
        request,
        "assessment/assessment_detail.html",
        {
            "assessment": assessment,
            "scores": scores,
            "decisions": assessment.decisions.all(),
            "result": assessment_classification(assessment, field="final_score" if confirmed else "self_score"),
            "provisional_result": assessment.status != Status.FINALIZED,
            "rows": zip(scores, score_evaluations(scores, finalized=assessment.status == Status.FINALIZED)),
            "events": timeline(assessment, request.GET.get("page")),
            "last_return": last_return(assessment),
            "actions": {a: can_act(assessment, request.user, a) for a in workflow.Action.values},
        },
    )
