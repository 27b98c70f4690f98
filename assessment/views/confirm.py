"""Province confirmation: confirm classes and TSVM, record criticisms and reminders, reopen, lock a year."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment.forms.review import BulkConfirmForm, ConfirmForm, DecisionForm, ReopenForm, YearLockForm
from assessment.models import Assessment, AssessmentYear, Status
from assessment.selectors import year_or_404
from assessment.selectors.review import (
    UNASSIGNED,
    ReviewerGroup,
    assessment_in_scope,
    confirm_queryset,
    confirm_rows,
    reviewer_group_key,
    reviewer_groups,
    status_counts,
    with_classification_data,
    year_or_latest,
)
from assessment.services.errors import AssessmentError
from assessment.services.workflow import (
    assessment_confirm,
    assessment_confirm_bulk,
    assessment_reopen,
    assessment_year_lock,
    province_decision_record,
    refusal_of,
)
from assessment.workflow import Action
from communes.models import District, Role, User
from communes.permissions import districts_in_scope, filter_by_scope, get_district_or_404, role_required

TABS = {"waiting": (Status.DISTRICT_APPROVED,), "finalized": (Status.FINALIZED,)}


def _list_url(year: int, district_code: str | None = None, tab: str = "waiting") -> str:
    query = {"nam": year, "tab": tab, **({"huyen": district_code} if district_code else {})}
    return f"{reverse('assessment:confirm-list')}?{urlencode(query)}"


def _back_to_list(assessment: Assessment) -> HttpResponse:
    district = assessment.commune.district if assessment.year.has_district_level else None
    return redirect(_list_url(assessment.year.year, district.code if district else None))


@require_safe
@role_required(Role.PROVINCE_STAFF)
def confirm_list(request: HttpRequest) -> HttpResponse:
    """Approved assessments of a year with their computed class: the whole province, or one district
    (years with districts) or one reviewer group (years without)."""
    year = year_or_latest(request.GET.get("nam"))
    by_district = year is None or year.has_district_level
    code = request.GET.get("huyen") or "" if by_district else ""
    district = get_district_or_404(request.user, code) if code else None
    group = "" if by_district else request.GET.get("nhom") or ""
    tab = request.GET.get("tab") if request.GET.get("tab") in TABS else "waiting"
    page = rows = None
    if year:
        queryset = _in_group(confirm_queryset(request.user, year, district, TABS[tab]), group, by_district)
        page = Paginator(with_classification_data(queryset), 50).get_page(request.GET.get("page"))
        rows = confirm_rows(list(page.object_list))
    bulk_ids = ",".join(
        f"{r.assessment.pk}:{r.assessment.version}"
        for r in rows or []
        if r.assessment.status == Status.DISTRICT_APPROVED
    )
    groups = [] if by_district else _groups(request.user, year)
    return render(
        request,
        "assessment/confirm_list.html",
        {
            "year": year,
            "district": district,
            "tab": tab,
            "page": page,
            "rows": rows,
            "counts": _counts(request.user, year, district, group) if year else {},
            "districts": districts_in_scope(request.user).order_by("code") if by_district else [],
            "groups": groups,
            "group_names": {g.pk: g.name for g in groups},
            "wanted_group": group,
            "years": AssessmentYear.objects.values_list("year", flat=True),
            "bulk_form": BulkConfirmForm(initial={"ids": bulk_ids}) if bulk_ids else None,
        },
    )


def _in_group(queryset: QuerySet[Assessment], group: str, by_district: bool) -> QuerySet[Assessment]:
    """A year without districts: each row's reviewer group, and only group ``group`` when one is asked
    for (a reviewer id, or UNASSIGNED); unchanged in a year with districts."""
    if by_district:
        return queryset
    queryset = queryset.annotate(group_id=reviewer_group_key())
    if group == UNASSIGNED:
        return queryset.filter(group_id__isnull=True)
    return queryset.filter(group_id=int(group)) if group.isdigit() else queryset


def _groups(user: User, year: AssessmentYear | None) -> list[ReviewerGroup]:
    """The reviewer groups of the year's communes in the user's scope (two queries)."""
    if year is None:
        return []
    keys = _in_group(filter_by_scope(user, Assessment.objects.filter(year=year)), "", False)
    return reviewer_groups(keys.values_list("group_id", flat=True).distinct())


def _counts(user: User, year: AssessmentYear, district: District | None, group: str) -> dict[str, int]:
    """The status counts of the list's scope: a reviewer group's own when one is chosen."""
    if not group:
        return status_counts(user, year, district)
    queryset = _in_group(filter_by_scope(user, Assessment.objects.filter(year=year)), group, False)
    counts = {s.value: 0 for s in Status} | dict(queryset.values_list("status").annotate(n=Count("pk")).order_by())
    return counts | {"all": sum(counts.values())}


@require_POST
@role_required(Role.PROVINCE_STAFF)
def confirm(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Confirm one assessment's class, recognising TSVM when ticked (and eligible)."""
    assessment = assessment_in_scope(request.user, code, year)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("%(commune)s: dữ liệu gửi lên không hợp lệ, chưa công nhận. Hãy tải lại trang rồi công nhận lại.")
            % {"commune": assessment.commune.name},
        )
        return _back_to_list(assessment)
    try:
        assessment_confirm(
            assessment=assessment,
            actor=request.user,
            tsvm=form.cleaned_data["tsvm"],
            expected_version=form.cleaned_data["version"],
        )
    except AssessmentError as error:
        messages.error(request, f"{assessment.commune.name}: {error}")
    else:
        messages.success(request, _("Đã công nhận kết quả của %(commune)s.") % {"commune": assessment.commune.name})
    return _back_to_list(assessment)


@require_POST
@role_required(Role.PROVINCE_STAFF)
def confirm_bulk(request: HttpRequest, year: int) -> HttpResponse:
    """Confirm every assessment listed on the page; TSVM for those eligible when ticked."""
    form = BulkConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Danh sách không hợp lệ, hãy tải lại trang."))
        return redirect(_list_url(year))
    done, failed = assessment_confirm_bulk(
        year=year, actor=request.user, versions=form.cleaned_data["ids"], tsvm=form.cleaned_data["tsvm"]
    )
    _bulk_messages(request, done, failed)
    return redirect(request.POST.get("back") if _safe_back(request) else _list_url(year))


def _bulk_messages(request: HttpRequest, done: int, failed: list[str]) -> None:
    if done:
        messages.success(request, _("Đã công nhận kết quả của %(n)s xã.") % {"n": done})
    for text in failed:
        messages.error(request, text)
    if not done and not failed:
        messages.info(request, _("Không còn xã nào chờ công nhận trong danh sách."))


def _safe_back(request: HttpRequest) -> bool:
    back = request.POST.get("back") or ""
    return back.startswith(reverse("assessment:confirm-list")) and "//" not in back


def _posted(request: HttpRequest) -> QueryDict | None:
    """The POST data to bind a form to (even when empty), None on GET."""
    return request.POST if request.method == "POST" else None


@role_required(Role.PROVINCE_STAFF)
def decision_create(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Record a criticism or a reminder against the commune's year."""
    assessment = assessment_in_scope(request.user, code, year)
    form = DecisionForm(_posted(request), initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            decision = province_decision_record(
                assessment=assessment, actor=request.user, expected_version=data.pop("version"), **data
            )
        except AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã ghi %(decision)s đối với %(commune)s.")
                % {"decision": decision.get_kind_display().lower(), "commune": assessment.commune.name},
            )
            return redirect("assessment:assessment-detail", code=code, year=year)
    return render(
        request,
        "assessment/confirm_decision.html",
        {"assessment": assessment, "form": form},
        status=400 if form.errors else 200,
    )


@role_required(Role.PROVINCE_STAFF)
def reopen(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Move the assessment one step back; a reason is required."""
    assessment = assessment_in_scope(request.user, code, year)
    form = ReopenForm(_posted(request), initial={"version": assessment.version})
    if request.method == "POST" and form.is_valid():
        try:
            assessment_reopen(
                assessment=assessment,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã mở lại kết quả của %(commune)s.") % {"commune": assessment.commune.name})
            return redirect("assessment:assessment-detail", code=code, year=year)
    return render(
        request,
        "assessment/confirm_reopen.html",
        {
            "assessment": assessment,
            "form": form,
            "refusal": refusal_of(assessment=assessment, actor=request.user, action=Action.REOPEN),
        },
        status=400 if form.errors else 200,
    )


@role_required(Role.PROVINCE_STAFF)
def year_lock(request: HttpRequest, year: int) -> HttpResponse:
    """Ask for confirmation, then lock the year for everybody."""
    assessment_year = year_or_404(year)
    form = YearLockForm(_posted(request), provisional=assessment_year.criteria_set.is_provisional)
    if request.method == "POST" and form.is_valid():
        try:
            assessment_year_lock(
                year=assessment_year, actor=request.user, lock_anyway=form.cleaned_data.get("lock_anyway", False)
            )
        except AssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã khóa sổ năm %(year)s.") % {"year": year})
            return redirect(_list_url(year, tab="finalized"))
    return render(
        request,
        "assessment/confirm_year_lock.html",
        {
            "year": assessment_year,
            "form": form,
            "counts": status_counts(request.user, assessment_year, None),
        },
        status=400 if form.errors else 200,
    )
