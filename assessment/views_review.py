"""District review: the queue, the review page with its two actions, and the assessment detail page."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import deadlines, workflow
from assessment.forms_review import ReturnForm, ReviewForm
from assessment.models import Assessment, AssessmentYear, Status
from assessment.selectors_followups import score_evaluations
from assessment.selectors_review import (
    assessment_classification,
    assessment_in_scope,
    filter_queue,
    last_return,
    queue_counts,
    prefetch_for_detail,
    review_queue as review_queue_rows,
    timeline,
    year_or_latest,
)
from assessment.services.errors import AssessmentError
from assessment.services.workflow import assessment_approve, assessment_return, may_act
from communes.models import Role, User
from communes.permissions import ANY_ROLE, REVIEWER_ROLES, get_district_or_404, role_required

REVIEWERS = REVIEWER_ROLES


@role_required(*REVIEWERS)
def review_queue(request: HttpRequest, code: str) -> HttpResponse:
    """The district's assessments of a year by bucket: waiting, returned, approved, late."""
    district = get_district_or_404(request.user, code)
    year = year_or_latest(request.GET.get("nam"))
    rows = review_queue_rows(district=district, year=year, today=timezone.localdate()) if year else []
    wanted = request.GET.get("loc") or "all"
    page = Paginator(filter_queue(rows, wanted), 50).get_page(request.GET.get("page"))
    return render(request, "assessment/review_queue.html", {
        "district": district, "year": year, "counts": queue_counts(rows), "wanted": wanted, "page": page,
        "buckets": deadlines.Bucket, "years": AssessmentYear.objects.values_list("year", flat=True),
    })


def can_act(assessment: Assessment, user: User, action: str) -> bool:
    """True when the workflow and the scope policy let this user apply ``action`` now."""
    return may_act(assessment=assessment, actor=user, action=action)


def _review_page(request: HttpRequest, assessment: Assessment, form: ReviewForm | None = None,
                 status: int = 200) -> HttpResponse:
    form = form or ReviewForm(scores=_scores(assessment), initial={"version": assessment.version})
    return render(request, "assessment/review_detail.html", {
        "assessment": assessment, "form": form, "can_review": can_act(assessment, request.user, "approve"),
        "last_return": last_return(assessment),
        "self_result": assessment_classification(assessment, field="self_score"),
    }, status=status)


def _scores(assessment: Assessment) -> list:
    """The assessment's scores (criterion, evidence), decisions and thresholds, loaded once."""
    return list(prefetch_for_detail(assessment).scores.all())


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
    return _act(request, assessment, lambda: assessment_return(
        assessment=assessment, actor=request.user, comment=form.cleaned_data["comment"],
        criterion_comments=form.criterion_comments(), expected_version=form.cleaned_data["version"]),
        _("Đã trả lại %(commune)s.") % {"commune": assessment.commune.name})


@require_POST
@role_required(*REVIEWERS)
def review_approve(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Approve with the district scores as final scores."""
    assessment = assessment_in_scope(request.user, code, year)
    form = ReviewForm(request.POST, scores=_scores(assessment))
    if not form.is_valid():
        return _review_page(request, assessment, form, status=400)
    return _act(request, assessment, lambda: assessment_approve(
        assessment=assessment, actor=request.user, district_scores=form.district_scores(),
        comments=form.criterion_comments(), expected_version=form.cleaned_data["version"]),
        _("Đã duyệt kết quả của %(commune)s.") % {"commune": assessment.commune.name})


def _act(request: HttpRequest, assessment: Assessment, service, success: str) -> HttpResponse:
    try:
        service()
    except AssessmentError as error:
        # A stale page or a refused action: reload the review page with the current values.
        messages.error(request, str(error))
        return redirect("assessment:review", code=assessment.commune.code, year=assessment.year.year)
    messages.success(request, success)
    if assessment.commune.district_id:
        queue = reverse("assessment:review-queue", kwargs={"code": assessment.commune.district.code})
        return redirect(f"{queue}?nam={assessment.year.year}")
    return redirect("assessment:assessment-detail", code=assessment.commune.code, year=assessment.year.year)


@role_required(*ANY_ROLE)
def assessment_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Everything about one commune's year, read-only: status, scores, class, decisions, history."""
    assessment = prefetch_for_detail(assessment_in_scope(request.user, code, year, with_history=True))
    scores = list(assessment.scores.all())
    confirmed = assessment.status in (Status.DISTRICT_APPROVED, Status.FINALIZED)
    return render(request, "assessment/assessment_detail.html", {
        "assessment": assessment, "scores": scores, "decisions": assessment.decisions.all(),
        "result": assessment_classification(assessment, field="final_score" if confirmed else "self_score"),
        "provisional_result": assessment.status != Status.FINALIZED,
        "rows": zip(scores, score_evaluations(scores, finalized=assessment.status == Status.FINALIZED)),
        "events": timeline(assessment, request.GET.get("page")), "last_return": last_return(assessment),
        "actions": {a: can_act(assessment, request.user, a) for a in workflow.Action.values},
    })
