"""The commune profile: new-rural status, office and equipment, procedures, dialogue, villages."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from communes.models import Commune, Role, year_day
from communes.permissions import (
    ANY_ROLE,
    REVIEWER_ROLES,
    get_commune_or_404,
    get_district_or_404,
    governs_commune,
    has_role,
    role_required,
)
from communes.profile import excel
from communes.profile.forms import (
    CitizenReceptionForm,
    CoachingVisitForm,
    CommuneProfileForm,
    DialogueForm,
    GovernanceYearForm,
    OfficeRecordForm,
    ProcedureStatsForm,
    VillageForm,
)
from communes.profile.models import (
    CitizenReception,
    CoachingLevel,
    CoachingVisit,
    CommuneProfile,
    DialogueConference,
    GovernanceYear,
    OfficeRecord,
    ProcedureStats,
    ReportPeriod,
    Village,
)
from communes.profile.rules import RULE_PAIRS, has_all_equipment, meets_area_standard, months_label
from communes.profile.selectors import (
    commune_duties,
    commune_profile_summary,
    district_overview,
    latest_profile_year,
    procedure_report,
    profile_years,
)
from communes.profile.services import (
    ProfileError,
    StaleRecordError,
    citizen_reception_save,
    coaching_visit_delete,
    coaching_visits_add,
    commune_duties_save,
    commune_profile_save,
    dialogue_save,
    governance_year_save,
    office_record_save,
    procedure_stats_save,
    village_delete,
    village_save,
)

FIRST_YEAR = 2000


def _checked_year(year: int, today: date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise Http404(_("Năm không hợp lệ."))
    return year


def _chosen_year(request: HttpRequest, communes, today: date) -> int:
    """``?nam=`` when valid, else the latest year with an office record, else this year."""
    raw = request.GET.get("nam", "")
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= today.year:
        return int(raw)
    return latest_profile_year(communes) or today.year


def _back(commune: Commune, year: int) -> HttpResponse:
    return redirect(f"{reverse('communes:profile-detail', args=[commune.code])}?nam={year}")


@require_safe
@role_required(*ANY_ROLE)
def profile_detail(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    today = timezone.localdate()
    year = _chosen_year(request, [commune], today)
    summary = commune_profile_summary(commune, year, today)
    return render(
        request,
        "communes/profile_detail.html",
        {
            "commune": commune,
            "year": year,
            "years": profile_years(commune, today),
            "summary": summary,
            "area_ok": summary.office and meets_area_standard(summary.office),
            "equipment_ok": summary.office and has_all_equipment(summary.office),
            "can_edit": has_role(request.user, Role.COMMUNE_STAFF),
            "procedure_rows": [
                (value, label, stats, procedure_report(stats))
                for value, label in ReportPeriod.choices
                for stats in [summary.procedures.get(value)]
            ],
        },
    )


@role_required(Role.COMMUNE_STAFF)
def profile_edit(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    instance = CommuneProfile.objects.filter(commune=commune).first()
    form = CommuneProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        commune_profile_save(commune=commune, data=form.cleaned_data)
        messages.success(request, _("Đã lưu tình trạng nông thôn mới của xã."))
        return redirect("communes:profile-detail", code=commune.code)
    return render(
        request, "communes/profile_form.html", {"commune": commune, "form": form, "title": _("Nông thôn mới")}
    )


def _year_form(
    request: HttpRequest, code: str, year: int, model: type, form_class: type, lookup: dict, save, title: str
) -> HttpResponse:
    """The shared GET-form / POST-save flow of the yearly profile records."""
    commune = get_commune_or_404(request.user, code, year_day(year))
    year = _checked_year(year, timezone.localdate())
    instance = model.objects.filter(commune=commune, year=year, **lookup).first()
    form = form_class(request.POST or None, instance=instance, year=year)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(form, save, commune=commune, year=year, user=request.user, **lookup)
    ):
        messages.success(request, _("Đã lưu %(what)s năm %(year)s.") % {"what": title.lower(), "year": year})
        return _back(commune, year)
    return render(
        request,
        "communes/profile_form.html",
        {"commune": commune, "form": form, "title": f"{title} · {year}", "year": year},
    )


def _saved(form, save, **where) -> bool:  # noqa: ANN001 - a YearForm and its service
    """Save the yearly record the form holds; False when someone saved it since the form was opened
    (the form then says so and keeps what the user typed)."""
    data = dict(form.cleaned_data)
    seen = data.pop("seen", None) or None
    try:
        save(data=data, seen=seen, **where)
    except StaleRecordError as error:
        form.refuse_stale(error)
        return False
    return True


@role_required(Role.COMMUNE_STAFF)
def office_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _year_form(
        request, code, year, OfficeRecord, OfficeRecordForm, {}, office_record_save, _("Trụ sở và trang thiết bị")
    )


@role_required(Role.COMMUNE_STAFF)
def procedure_edit(request: HttpRequest, code: str, year: int, period: str) -> HttpResponse:
    if period not in ReportPeriod.values:
        raise Http404(_("Kỳ báo cáo không hợp lệ."))
    title = _("Thủ tục hành chính %(p)s") % {"p": ReportPeriod(period).label.lower()}
    return _year_form(
        request, code, year, ProcedureStats, ProcedureStatsForm, {"period": period}, procedure_stats_save, title
    )


@role_required(Role.COMMUNE_STAFF)
def dialogue_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _year_form(
        request, code, year, DialogueConference, DialogueForm, {}, dialogue_save, _("Hội nghị đối thoại với Nhân dân")
    )


@require_safe
@role_required(*ANY_ROLE)
def village_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    villages = Village.objects.filter(commune=commune).order_by("name")
    return render(
        request,
        "communes/profile_villages.html",
        {"commune": commune, "villages": villages, "can_edit": has_role(request.user, Role.COMMUNE_STAFF)},
    )


def _village_form(request: HttpRequest, commune: Commune, village: Village | None) -> HttpResponse:
    form = VillageForm(request.POST or None, instance=village, commune=commune)
    if request.method == "POST" and form.is_valid():
        saved = village_save(commune=commune, village=village, data=form.cleaned_data)
        messages.success(request, _("Đã lưu %(v)s.") % {"v": saved})
        return redirect("communes:village-list", code=commune.code)
    title = _("Sửa thôn, bản") if village else _("Thêm thôn, bản, tổ dân phố")
    return render(
        request, "communes/profile_form.html", {"commune": commune, "form": form, "title": title, "back": "villages"}
    )


@role_required(Role.COMMUNE_STAFF)
def village_create(request: HttpRequest, code: str) -> HttpResponse:
    return _village_form(request, get_commune_or_404(request.user, code), None)


@role_required(Role.COMMUNE_STAFF)
def village_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    return _village_form(request, commune, get_object_or_404(Village, commune=commune, pk=pk))


@require_POST
@role_required(Role.COMMUNE_STAFF)
def village_delete_view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    village = get_object_or_404(Village, commune=commune, pk=pk)
    try:
        village_delete(village=village)
    except ProfileError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Đã xóa %(v)s.") % {"v": village})
    return redirect("communes:village-list", code=commune.code)


@require_safe
@role_required(*REVIEWER_ROLES)
def district_profile(request: HttpRequest, code: str) -> HttpResponse:
    district = get_district_or_404(request.user, code)
    today = timezone.localdate()
    communes = district.communes.order_by("code")
    year = _chosen_year(request, communes, today)
    profile = district_overview(communes, year, today)
    return render(
        request,
        "communes/profile_district.html",
        {
            "district": district,
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
            "rows": profile.rows,
            "office": profile.office,
            "procedures": profile.procedures,
        },
    )


# --- the plan's other duties: reception, meetings and rules, coaching (plan II.1, II.3, II.8) ------


def _duties_url(commune: Commune, year: int) -> str:
    return reverse("communes:duties-detail", args=[commune.code, year])


@require_safe
@role_required(*ANY_ROLE)
def duties_detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    commune = get_commune_or_404(request.user, code, year_day(year))
    today = timezone.localdate()
    year = _checked_year(year, today)
    duties = commune_duties(commune, year, today)
    return render(
        request,
        "communes/duties_detail.html",
        {
            "commune": commune,
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
            "duties": duties,
            "months_label": months_label(duties.governance.meeting_months) if duties.governance else "",
            "rules": _rules(duties.governance),
            "can_edit": has_role(request.user, Role.COMMUNE_STAFF),
            "can_coach": has_role(request.user, *REVIEWER_ROLES),
        },
    )


def _rules(governance: GovernanceYear | None) -> list[tuple[str, bool, bool]]:
    """Each set of working rules: its name, issued, followed."""
    if governance is None:
        return []
    names = [
        _("Quy chế làm việc của HĐND"),
        _("Quy chế làm việc của UBND"),
        _("Quy chế phối hợp giữa UBND với Thường trực HĐND, MTTQ và các đoàn thể"),
    ]
    return [
        (name, getattr(governance, issued), getattr(governance, issued) and getattr(governance, followed))
        for name, (issued, followed) in zip(names, RULE_PAIRS, strict=True)
    ]


@role_required(Role.COMMUNE_STAFF)
def reception_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _duty_form(
        request,
        code,
        year,
        CitizenReception,
        CitizenReceptionForm,
        citizen_reception_save,
        _("Tiếp công dân, giải quyết đơn thư"),
    )


@role_required(Role.COMMUNE_STAFF)
def governance_edit(request: HttpRequest, code: str, year: int) -> HttpResponse:
    return _duty_form(
        request,
        code,
        year,
        GovernanceYear,
        GovernanceYearForm,
        governance_year_save,
        _("Giao ban thôn, bản và quy chế làm việc"),
    )


def _duty_form(
    request: HttpRequest, code: str, year: int, model: type, form_class: type, save, title: str
) -> HttpResponse:  # noqa: ANN001
    commune = get_commune_or_404(request.user, code, year_day(year))
    year = _checked_year(year, timezone.localdate())
    instance = model.objects.filter(commune=commune, year=year).first()
    form = form_class(request.POST or None, instance=instance, year=year)
    if (
        request.method == "POST"
        and form.is_valid()
        and _saved(form, save, commune=commune, year=year, user=request.user)
    ):
        messages.success(request, _("Đã lưu %(what)s năm %(year)s.") % {"what": title.lower(), "year": year})
        return redirect(_duties_url(commune, year))
    return render(
        request,
        "communes/duties_form.html",
        {"commune": commune, "form": form, "title": f"{title} · {year}", "back_url": _duties_url(commune, year)},
    )


def _xlsx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_safe
@role_required(Role.COMMUNE_STAFF)
def duties_template(request: HttpRequest, code: str, year: int) -> HttpResponse:
    commune = get_commune_or_404(request.user, code, year_day(year))
    year = _checked_year(year, timezone.localdate())
    return _xlsx(excel.duties_template(commune, year), f"nhiem-vu-{commune.code}-{year}.xlsx")


@role_required(Role.COMMUNE_STAFF)
def duties_import(request: HttpRequest, code: str, year: int) -> HttpResponse:
    commune = get_commune_or_404(request.user, code, year_day(year))
    year = _checked_year(year, timezone.localdate())
    context = {
        "commune": commune,
        "title": _("Nhập từ Excel: tiếp công dân, giao ban, quy chế năm %(year)s") % {"year": year},
        "template_url": reverse("communes:duties-template", args=[commune.code, year]),
        "back_url": _duties_url(commune, year),
    }
    if request.method == "POST":
        try:
            read = excel.duties_read(commune, year, _upload(request))
        except excel.WorkbookRefused as refusal:
            context |= {"refusal": str(refusal), "errors": refusal.errors}
        else:
            commune_duties_save(
                commune=commune, year=year, reception=read.reception, governance=read.governance, user=request.user
            )
            messages.success(request, _("Đã nhập số liệu năm %(year)s từ tệp Excel.") % {"year": year})
            return redirect(_duties_url(commune, year))
    return render(request, "communes/duties_import.html", context)


def _upload(request: HttpRequest) -> bytes:
    upload = request.FILES.get("file")
    if upload is None:
        raise excel.WorkbookRefused(_("Chọn tệp Excel để tải lên."))
    if (upload.size or 0) > excel.MAX_UPLOAD_BYTES:
        raise excel.WorkbookRefused(_("Tệp quá lớn (tối đa 1 MB). Hãy tải lên đúng mẫu đã tải về từ cổng."))
    return upload.read(excel.MAX_UPLOAD_BYTES + 1)


def _coached_commune(request: HttpRequest, code: str) -> Commune:
    """The commune a reviewer or province staff member records coaching for (404 outside their scope)."""
    return get_commune_or_404(request.user, code, _on_day(request))


def _on_day(request: HttpRequest) -> date:
    raw = request.GET.get("nam", "")
    return (
        year_day(int(raw))
        if raw.isdigit() and FIRST_YEAR <= int(raw) <= timezone.localdate().year
        else timezone.localdate()
    )


def _coaching_back(commune: Commune, request: HttpRequest) -> str:
    raw = request.GET.get("nam", "")
    year = (
        int(raw) if raw.isdigit() and FIRST_YEAR <= int(raw) <= timezone.localdate().year else timezone.localdate().year
    )
    return _duties_url(commune, year)


@role_required(*REVIEWER_ROLES)
def coaching_create(request: HttpRequest, code: str) -> HttpResponse:
    commune = _coached_commune(request, code)
    level = CoachingLevel.DISTRICT if request.user.role == Role.DISTRICT_REVIEWER else CoachingLevel.PROVINCE
    form = CoachingVisitForm(request.POST or None, initial={"level": level})
    if request.method == "POST" and form.is_valid():
        coaching_visits_add(commune=commune, visits=[form.cleaned_data], user=request.user)
        messages.success(request, _("Đã ghi nhận đợt hướng dẫn tại %(commune)s.") % {"commune": commune.name})
        return redirect(_duties_url(commune, form.cleaned_data["start_date"].year))
    return render(
        request,
        "communes/duties_form.html",
        {
            "commune": commune,
            "form": form,
            "title": _("Ghi nhận đợt hướng dẫn tại xã"),
            "back_url": _coaching_back(commune, request),
        },
    )


@require_safe
@role_required(*REVIEWER_ROLES)
def coaching_template(request: HttpRequest, code: str) -> HttpResponse:
    commune = _coached_commune(request, code)
    return _xlsx(excel.coaching_template(commune), f"huong-dan-{commune.code}.xlsx")


@role_required(*REVIEWER_ROLES)
def coaching_import(request: HttpRequest, code: str) -> HttpResponse:
    commune = _coached_commune(request, code)
    context = {
        "commune": commune,
        "title": _("Nhập từ Excel: các đợt hướng dẫn tại %(commune)s") % {"commune": commune.name},
        "template_url": reverse("communes:coaching-template", args=[commune.code]),
        "back_url": _coaching_back(commune, request),
    }
    if request.method == "POST":
        try:
            visits = excel.coaching_read(commune, _upload(request))
        except excel.WorkbookRefused as refusal:
            context |= {"refusal": str(refusal), "errors": refusal.errors}
        else:
            coaching_visits_add(commune=commune, visits=visits, user=request.user)
            messages.success(request, _("Đã nhập %(n)s đợt hướng dẫn từ tệp Excel.") % {"n": len(visits)})
            return redirect(_coaching_back(commune, request))
    return render(request, "communes/duties_import.html", context)


@require_POST
@role_required(*REVIEWER_ROLES)
def coaching_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    commune = _coached_commune(request, code)
    visit = get_object_or_404(CoachingVisit, commune=commune, pk=pk)
    # Who recorded a visit may take it back; otherwise only the province staff who govern the commune.
    if visit.recorded_by_id != request.user.pk and not governs_commune(request.user, commune):
        raise PermissionDenied(_("Chỉ người đã ghi đợt hướng dẫn này hoặc Sở Nội vụ được xóa."))
    coaching_visit_delete(visit=visit)
    messages.success(request, _("Đã xóa đợt hướng dẫn."))
    return redirect(_duties_url(commune, visit.start_date.year))
