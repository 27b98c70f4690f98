from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from communes.models import Role
from communes.permissions import ANY_ROLE, get_commune_or_404, get_in_scope_or_404, role_required
from personnel.forms import OfficialFilterForm, OfficialForm, TransferForm
from personnel.hooks import official_sections
from personnel.models import Official, OfficialStatus, Transfer
from personnel.rules import compliance, dimension_rows
from personnel.selectors import (
    commune_overview,
    compliance_of,
    official_history,
    officials_of,
    qualifications_of,
    requirement_of,
    standards_held,
    transfers_out_of,
)
from personnel.services import PersonnelError, official_create, official_transfer, official_update
from personnel.views.common import can_edit_officials

PAGE_SIZE = 50
DETAIL_QUERYSET = Official.objects.select_related(
    "commune__district",
    "commune__province",
    "ethnicity",
    "village",
).prefetch_related(
    "positions",
    "trainings",
    "disciplines",
    "apologies",
    Prefetch("transfers", queryset=Transfer.objects.select_related("from_commune", "to_commune")),
)


def _filter_form(request: HttpRequest) -> OfficialFilterForm:
    """The list's filters; without a status in the query, only officials now serving are listed."""
    data = request.GET.copy()
    data.setdefault("status", OfficialStatus.SERVING)
    return OfficialFilterForm(data)


def _filtered(commune, form: OfficialFilterForm):
    officials = officials_of(commune)
    data = form.cleaned_data if form.is_valid() else {"status": OfficialStatus.SERVING}
    if data.get("status"):
        officials = officials.filter(status=data["status"])
    if data.get("category"):
        officials = officials.filter(category=data["category"])
    return officials.search(data.get("q", "")), data.get("compliance", "")


@require_safe
@role_required(*ANY_ROLE)
def official_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    form = _filter_form(request)
    officials, wanted = _filtered(commune, form)
    day = timezone.localdate()
    officials = list(officials)
    compliance = compliance_of(officials, day)
    rows = [(o, compliance[o.pk]) for o in officials if not wanted or compliance[o.pk].meets == (wanted == "meets")]
    return render(
        request,
        "personnel/official_list.html",
        {
            "commune": commune,
            "form": form,
            "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
            "overview": commune_overview(commune, day),
            "day": day,
            "can_edit": can_edit_officials(request),
            "transfers_out": transfers_out_of(commune)[:10],
            "filtered": bool(request.GET.keys() - {"page"}),
        },
    )


@require_safe
@role_required(*ANY_ROLE)
def official_detail(request: HttpRequest, pk: int) -> HttpResponse:
    official = get_in_scope_or_404(request.user, DETAIL_QUERYSET, pk=pk)
    day = timezone.localdate()
    held = standards_held(official, day)
    return render(
        request,
        "personnel/official_detail.html",
        {
            "official": official,
            "commune": official.commune,
            "day": day,
            "compliance": compliance(qualifications_of(official), [s and requirement_of(s) for _p, s in held]),
            "dimensions": dimension_rows(qualifications_of(official), [requirement_of(s) for _p, s in held if s]),
            "held": held,
            "history": official_history(official),
            "can_edit": can_edit_officials(request),
            "sections": official_sections(request, official),
        },
    )


@role_required(Role.COMMUNE_STAFF)
def official_create_view(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    form = OfficialForm(request.POST or None, commune=commune)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            official = official_create(commune=commune, positions=data.pop("positions"), data=data, user=request.user)
        except PersonnelError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": official.full_name})
            return redirect("personnel:official-detail", pk=official.pk)
    return render(request, "personnel/official_form.html", {"form": form, "commune": commune})


@role_required(Role.COMMUNE_STAFF)
def official_edit(request: HttpRequest, pk: int) -> HttpResponse:
    official = get_in_scope_or_404(request.user, Official.objects.select_related("commune"), pk=pk)
    form = OfficialForm(request.POST or None, instance=official, commune=official.commune)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            official_update(official=official, positions=data.pop("positions"), data=data, user=request.user)
        except PersonnelError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("personnel:official-detail", pk=official.pk)
    return render(
        request, "personnel/official_form.html", {"form": form, "commune": official.commune, "official": official}
    )


@role_required(Role.COMMUNE_STAFF)
def official_transfer_view(request: HttpRequest, pk: int) -> HttpResponse:
    official = get_in_scope_or_404(request.user, Official.objects.select_related("commune"), pk=pk)
    form = TransferForm(request.POST or None, official=official, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            move = official_transfer(official=official, user=request.user, **form.cleaned_data)
        except PersonnelError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Đã ghi nhận %(name)s chuyển đến %(to)s từ ngày %(d)s.")
                % {
                    "name": official.full_name,
                    "to": move.to_commune.name,
                    "d": move.effective_date.strftime("%d/%m/%Y"),
                },
            )
            return redirect("personnel:official-list", code=official.commune.code)
    return render(
        request, "personnel/official_transfer.html", {"form": form, "official": official, "commune": official.commune}
    )
