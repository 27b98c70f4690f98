"""Training, discipline and public apologies of an official."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from communes.models import Role
from communes.permissions import ANY_ROLE, get_commune_or_404, get_in_scope_or_404, role_required
from personnel.forms import ApologyForm, DisciplineForm, TrainingForm
from personnel.models import Official, PublicApology, Training
from personnel.services import apology_record, discipline_record, training_record, training_update


def _official(request: HttpRequest, pk: int) -> Official:
    return get_in_scope_or_404(request.user, Official.objects.select_related("commune__district"), pk=pk)


def _record_form(request: HttpRequest, official: Official, form, title: str) -> HttpResponse:
    return render(
        request,
        "personnel/record_form.html",
        {"form": form, "official": official, "commune": official.commune, "title": title},
    )


@role_required(Role.COMMUNE_STAFF)
def training_create(request: HttpRequest, pk: int) -> HttpResponse:
    official = _official(request, pk)
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        training = training_record(official=official, data=form.cleaned_data)
        _say_raised(request, training)
        return redirect("personnel:official-detail", pk=official.pk)
    return _record_form(request, official, form, _("Thêm khóa đào tạo, bồi dưỡng"))


@role_required(Role.COMMUNE_STAFF)
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_in_scope_or_404(
        request.user,
        Training.objects.select_related("official__commune__district"),
        commune_path="official__commune",
        pk=pk,
    )
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        was_raised = training.qualification_raised
        training = training_update(training=training, data=form.cleaned_data)
        if not was_raised:
            _say_raised(request, training)
        return redirect("personnel:official-detail", pk=training.official_id)
    return _record_form(request, training.official, form, _("Sửa khóa đào tạo, bồi dưỡng"))


def _say_raised(request: HttpRequest, training: Training) -> None:
    if training.qualification_raised:
        messages.success(request, _("Đã lưu khóa học và nâng trình độ của người học."))
    else:
        messages.success(request, _("Đã lưu khóa học."))


@role_required(Role.COMMUNE_STAFF)
def discipline_create(request: HttpRequest, pk: int) -> HttpResponse:
    official = _official(request, pk)
    form = DisciplineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        discipline_record(official=official, data=form.cleaned_data)
        messages.success(request, _("Đã ghi nhận quyết định kỷ luật."))
        return redirect("personnel:official-detail", pk=official.pk)
    return _record_form(request, official, form, _("Ghi nhận kỷ luật"))


@role_required(Role.COMMUNE_STAFF)
def apology_create(request: HttpRequest, pk: int) -> HttpResponse:
    official = _official(request, pk)
    form = ApologyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apology_record(official=official, data=form.cleaned_data)
        messages.success(request, _("Đã ghi nhận buổi xin lỗi Nhân dân."))
        return redirect("personnel:official-detail", pk=official.pk)
    return _record_form(request, official, form, _("Ghi nhận xin lỗi Nhân dân"))


@require_safe
@role_required(*ANY_ROLE)
def apology_list(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    apologies = PublicApology.objects.filter(commune=commune).select_related("official").order_by("-held_on")
    return render(
        request,
        "personnel/apology_list.html",
        {"commune": commune, "page": Paginator(apologies, 30).get_page(request.GET.get("page"))},
    )
