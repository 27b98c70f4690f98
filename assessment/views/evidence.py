"""Evidence files: upload to a criterion, download and delete, each through a scope check."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment.forms import EvidenceUploadForm
from assessment.models import Assessment, CriterionScore, Evidence, EvidenceRequirement
from assessment.scoring_page import can_edit, item_rows
from assessment.selectors import assessment_for_user_or_404, prefetch_items
from assessment.services.errors import AssessmentError
from assessment.services.scoring import evidence_add, evidence_remove
from assessment.views.scoring import score_page_url
from communes.models import Role
from communes.permissions import ANY_ROLE, get_in_scope_or_404, role_required

EVIDENCE_PATH = "score__assessment__commune"


def _evidence_in_scope(request: HttpRequest, pk: int) -> Evidence:
    queryset = Evidence.objects.select_related(
        "score__criterion", "score__assessment__year", "score__assessment__commune"
    )
    return get_in_scope_or_404(request.user, queryset, commune_path=EVIDENCE_PATH, pk=pk)


@require_POST
@role_required(Role.COMMUNE_STAFF)
def evidence_upload(request: HttpRequest, year: int, code: str, number: int) -> HttpResponse:
    """Attach a file to criterion ``number``; the type is checked from the file's content."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    score = get_object_or_404(assessment.scores.select_related("criterion"), criterion__number=number)
    form = EvidenceUploadForm(request.POST, request.FILES)
    error, done = "", ""
    requirement = _requirement(score, request.POST.get("requirement"))
    if not form.is_valid():
        error = " ".join(form.errors.get("file", [_("Tệp không hợp lệ.")]))
    else:
        try:
            evidence = evidence_add(
                score=score, actor=request.user, upload=form.cleaned_data["file"], requirement=requirement
            )
            done = _("Đã tải lên “%(name)s”.") % {"name": evidence.original_name}
        except AssessmentError as refused:
            error = str(refused)
    return _answer(request, assessment, score, error, done)


def _requirement(score: CriterionScore, raw: str | None) -> EvidenceRequirement | None:
    """The evidence requirement of one of the criterion's items the upload names (None: the criterion's own)."""
    if not raw:
        return None
    try:
        return EvidenceRequirement.objects.select_related("item").get(
            pk=int(raw), item__criterion_id=score.criterion_id
        )
    except (ValueError, EvidenceRequirement.DoesNotExist):
        raise Http404(_("Không có minh chứng yêu cầu này.")) from None


@require_POST
@role_required(Role.COMMUNE_STAFF)
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an evidence file while the commune may still edit its assessment."""
    evidence = _evidence_in_scope(request, pk)
    score = evidence.score
    error, done = "", ""
    try:
        evidence_remove(evidence=evidence, actor=request.user)
        done = _("Đã xóa “%(name)s”.") % {"name": evidence.original_name}
    except AssessmentError as refused:
        error = str(refused)
    return _answer(request, score.assessment, score, error, done)


def _answer(request: HttpRequest, assessment: Assessment, score: CriterionScore, error: str, done: str) -> HttpResponse:
    if not request.htmx:
        (messages.error if error else messages.success)(request, error or done)
        return redirect(score_page_url(assessment, score.criterion.number))
    evidence = Evidence.objects.select_related("requirement__item").order_by("uploaded_at")
    score = (
        CriterionScore.objects.select_related("criterion")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
        .get(pk=score.pk)
    )
    prefetch_items([score])
    context = {
        "score": score,
        "assessment": assessment,
        "editable": can_edit(request, assessment),
        "evidence_error": error,
        "evidence_done": done,
        "oob_items": item_rows(score),  # each item's documents, with the file just added or removed
    }
    return render(request, "assessment/score_evidence.html", context)


@require_safe
@role_required(*ANY_ROLE)
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an evidence file as an attachment to users whose scope covers its commune."""
    evidence = _evidence_in_scope(request, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp minh chứng không còn trên máy chủ.")) from None
    return FileResponse(handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type)
