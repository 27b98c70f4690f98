from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment.models import AssessmentYear
from assessment.selectors.review import queue_counts, review_queue, year_or_latest
from communes.models import Role
from communes.permissions import communes_in_scope, get_district_or_404, role_required
from reports import dashboards
from reports.forms import ArchiveCheckForm, ReportJobForm
from reports.models import DISTRICT_KINDS, ReportKind
from reports.selectors import jobs_in_scope, progress_states, province_of
from reports.services import archive as archive_services
from reports.services import jobs as job_services
from reports.targets import BANDS

# Province reviewers read the dashboards and reports of the communes they answer for.
REPORT_ROLES = (Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)


def _year(request: HttpRequest, *, has_district_level: bool | None = None) -> AssessmentYear | None:
    return year_or_latest(request.GET.get("nam"), has_district_level=has_district_level)


def _common(year: AssessmentYear | None, *, has_district_level: bool | None = None) -> dict:
    years = AssessmentYear.objects.order_by("-year")
    if has_district_level is not None:
        years = years.filter(has_district_level=has_district_level)
    return {
        "year": year,
        "years": list(years.values_list("year", flat=True)),
        "bands": BANDS,
        "states": progress_states(),
    }


@require_safe
@role_required(Role.PROVINCE_STAFF, Role.PROVINCE_REVIEWER)
def province_dashboard(request: HttpRequest) -> HttpResponse:
    """The province's year (for a province reviewer with a list: the communes assigned to them)."""
    year = _year(request)
    context = _common(year)
    province = province_of(request.user)
    if year is not None and province is not None:
        context["board"] = dashboards.province_dashboard(
            province=province,
            year=year,
            today=timezone.localdate(),
            communes=communes_in_scope(request.user).filter(province=province),
        )
    return render(request, "reports/dashboard_province.html", context)


def _review_queue_url(district_code: str, year: AssessmentYear) -> str | None:
    """The workflow's review queue for the district and year, when that page exists."""
    try:
        return f"{reverse('assessment:review-queue', kwargs={'code': district_code})}?nam={year.year}"
    except NoReverseMatch:
        return None


@require_safe
@role_required(*REPORT_ROLES)
def district_dashboard(request: HttpRequest, code: str) -> HttpResponse:
    district = get_district_or_404(request.user, code)
    # A district has communes only in the years with a district level (until 2024).
    year = _year(request, has_district_level=True)
    context = _common(year, has_district_level=True) | {"district": district}
    if year is not None:
        today = timezone.localdate()
        queue = review_queue(district=district, year=year, today=today)
        context |= {
            "board": dashboards.district_dashboard(district=district, year=year, today=today),
            "queue": [r for r in queue if r.assessment.status == "submitted" or r.late],
            "queue_counts": queue_counts(queue),
            "queue_url": _review_queue_url(district.code, year),
        }
    return render(request, "reports/dashboard_district.html", context)


@role_required(*REPORT_ROLES)
def job_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ReportJobForm(request.POST or None, user=user, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            job = job_services.report_job_start(
                actor=user,
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                province=_province(user, form),
                district=form.cleaned_data["district"],
            )
        except job_services.ReportError as exc:
            messages.error(request, str(exc))
        else:
            _announce(request, job)
            return redirect("reports:job-detail", pk=job.pk)
    page = Paginator(jobs_in_scope(user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/job_list.html",
        {
            "form": form,
            "page": page,
            "district_kinds": DISTRICT_KINDS,
            "may_archive": archive_services.may_archive(user),
        },
    )


def _initial(request: HttpRequest) -> dict:
    kind = request.GET.get("loai")
    initial = {"kind": kind} if kind in ReportKind.values else {}
    if request.GET.get("nam", "").isdigit():
        initial["year"] = int(request.GET["nam"])
    return initial


def _province(user, form: ReportJobForm):  # noqa: ANN001, ANN202 - user and Province
    district = form.cleaned_data.get("district")
    return district.province if district else province_of(user)


def _announce(request: HttpRequest, job) -> None:  # noqa: ANN001 - ReportJob
    if job.status == "failed":
        messages.error(request, job.error)
    elif job.status == "succeeded":
        messages.success(request, _("Báo cáo đã được tạo xong."))
    else:
        messages.info(request, _("Đã gửi yêu cầu. Báo cáo đang được tạo, trang tự cập nhật tiến độ."))


def _job_or_404(request: HttpRequest, pk: int):  # noqa: ANN202 - ReportJob
    return get_object_or_404(jobs_in_scope(request.user), pk=pk)


@require_safe
@role_required(*REPORT_ROLES)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    if request.htmx:
        return render(request, "reports/job_progress.html", {"job": job})
    return render(request, "reports/job_detail.html", {"job": job})


@require_POST
@role_required(*REPORT_ROLES)
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_or_404(request, pk)
    try:
        job = job_services.report_job_retry(job=job, actor=request.user)
    except job_services.ReportError as exc:
        messages.error(request, str(exc))
    else:
        _announce(request, job)
    return redirect("reports:job-detail", pk=job.pk)


@require_safe
@role_required(*REPORT_ROLES)
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _job_or_404(request, pk)
    if not job.is_done:
        raise Http404(_("Báo cáo chưa có tệp."))
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Tệp báo cáo không còn trên máy chủ. Hãy tạo lại báo cáo.")) from None
    return FileResponse(handle, as_attachment=True, filename=job.filename)


# --- the year archive's check ---------------------------------------------------------------------------

ARCHIVE_CHECK_MAX_UNCOMPRESSED = 1024 * 1024 * 1024


@role_required(Role.PROVINCE_STAFF)
def archive_check(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: compare the uploaded archive with its manifest and list the problems."""
    form = ArchiveCheckForm(request.POST, request.FILES) if request.method == "POST" else ArchiveCheckForm()
    check = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # Members unpacking to far more than the upload (a zip bomb) are refused before reading.
        limit = min(ARCHIVE_CHECK_MAX_UNCOMPRESSED, max(50 * 1024 * 1024, 20 * upload.size))
        check = archive_services.archive_check(upload, max_uncompressed=limit)
    return render(
        request,
        "reports/archive_check.html",
        {"form": form, "check": check, "filename": form.cleaned_data["file"].name if check else ""},
        status=400 if form.errors else 200,
    )
