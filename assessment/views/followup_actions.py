"""What was done about each computed follow-up: the list of a year's follow-ups, open and done, the
form that records one action, and its evidence file."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from assessment.forms.duties import FollowUpActionForm
from assessment.models import Assessment, AssessmentYear, FollowUpAction, FollowUpKind
from assessment.selectors.followup_actions import followup_items
from assessment.selectors.review import year_or_latest
from assessment.services.errors import AssessmentError
from assessment.services.followup_actions import followup_action_record, followup_action_refusal
from communes.models import year_day
from communes.permissions import ANY_ROLE, filter_by_scope, get_commune_or_404, get_district_or_404, role_required


@require_safe
@role_required(*ANY_ROLE)
def followup_action_list(request: HttpRequest) -> HttpResponse:
    """The year's follow-ups in scope, each open or done with the actions recorded."""
    year = year_or_latest(request.GET.get("nam"))
    code = request.GET.get("huyen") or ""
    district = get_district_or_404(request.user, code) if code else None
    items = followup_items(request.user, year, district) if year else []
    state = request.GET.get("trang_thai") or ""
    shown = [i for i in items if not state or (state == "done") == i.done]
    return render(
        request,
        "assessment/followup_action_list.html",
        {
            "year": year,
            "district": district,
            "items": shown,
            "open_count": sum(1 for i in items if not i.done),
            "done_count": sum(1 for i in items if i.done),
            "state": state,
            "years": list(AssessmentYear.objects.values_list("year", flat=True)),
        },
    )


def _assessment_or_404(request: HttpRequest, year: int, code: str) -> Assessment:
    commune = get_commune_or_404(request.user, code, year_day(year), with_history=request.method != "POST")
    try:
        return Assessment.objects.select_related("year", "commune__district").get(year__year=year, commune=commune)
    except Assessment.DoesNotExist:
        raise Http404(_("Xã chưa có kết quả năm này.")) from None


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(*ANY_ROLE)
def followup_action_create(request: HttpRequest, year: int, code: str, kind: str) -> HttpResponse:
    """GET: the follow-up with its actions and, for who may record, the form. POST: record one."""
    if kind not in FollowUpKind.values:
        raise Http404(_("Không có việc theo dõi này."))
    assessment = _assessment_or_404(request, year, code)
    refusal = followup_action_refusal(user=request.user, assessment=assessment, kind=kind)
    form = FollowUpActionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal)
        if form.is_valid():
            data = form.cleaned_data
            try:
                followup_action_record(
                    assessment=assessment,
                    kind=kind,
                    number=data["number"],
                    day=data["date"],
                    actor_name=data["actor_name"],
                    note=data["note"],
                    upload=data["file"],
                    user=request.user,
                )
            except AssessmentError as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("Đã ghi kết quả thực hiện."))
                return redirect("assessment:followup-action-create", year=year, code=code, kind=kind)
    return render(
        request,
        "assessment/followup_action_form.html",
        {
            "assessment": assessment,
            "commune": assessment.commune,
            "year": assessment.year,
            "kind": FollowUpKind(kind),
            "actions": assessment.followup_actions.filter(kind=kind).select_related("recorded_by"),
            "form": form,
            "refusal": refusal,
        },
    )


@require_safe
@role_required(*ANY_ROLE)
def followup_action_file(request: HttpRequest, pk: int) -> FileResponse:
    """An action's evidence file, for whoever may see the commune."""
    queryset = filter_by_scope(
        request.user, FollowUpAction.objects.exclude(file=""), "assessment__commune", with_history=True
    )
    action = get_object_or_404(queryset, pk=pk)
    try:
        handle = action.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp minh chứng này không còn trên máy chủ; hãy ghi lại kết quả kèm tệp mới.")) from None
    response = FileResponse(handle, content_type=action.content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, action.original_name or "tep")
    response["Cache-Control"] = "private, no-store"
    return response
