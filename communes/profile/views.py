"""The commune profile: new-rural status, office and equipment, procedures, dialogue, villages."""

from datetime import date

from django.contrib import messages
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
    has_role,
    role_required,
)
from communes.profile.forms import CommuneProfileForm, DialogueForm, OfficeRecordForm, ProcedureStatsForm, VillageForm
from communes.profile.models import (
    CommuneProfile,
    DialogueConference,
    OfficeRecord,
    ProcedureStats,
    ReportPeriod,
    Village,
)
from communes.profile.rules import has_all_equipment, meets_area_standard
from communes.profile.selectors import (
    commune_profile_summary,
    district_overview,
    latest_profile_year,
    procedure_report,
    profile_years,
)
from communes.profile.services import (
    ProfileError,
    commune_profile_save,
    dialogue_save,
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
    if request.method == "POST" and form.is_valid():
        save(commune=commune, year=year, data=form.cleaned_data, user=request.user, **lookup)
        messages.success(request, _("Đã lưu %(what)s năm %(year)s.") % {"what": title.lower(), "year": year})
        return _back(commune, year)
    return render(
        request,
        "communes/profile_form.html",
        {"commune": commune, "form": form, "title": f"{title} · {year}", "year": year},
    )


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
