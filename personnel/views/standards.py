"""The standards per position: everyone may read them, province staff edit them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from communes.models import Role
from communes.permissions import ANY_ROLE, has_role, role_required
from personnel.forms import StandardForm
from personnel.models import Category, Standard
from personnel.services import standard_save


@require_safe
@role_required(*ANY_ROLE)
def standard_list(request: HttpRequest) -> HttpResponse:
    standards = list(Standard.objects.select_related("position").order_by("position__order", "-valid_from"))
    groups = [(label, [s for s in standards if s.position.category == value]) for value, label in Category.choices]
    return render(
        request,
        "personnel/standard_list.html",
        {
            "groups": groups,
            "can_edit": has_role(request.user, Role.PROVINCE_STAFF),
            "provisional": any(s.is_provisional for s in standards),
        },
    )


def _edit(request: HttpRequest, standard: Standard) -> HttpResponse:
    form = StandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        try:
            standard_save(standard=standard, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Đã lưu tiêu chuẩn của chức danh %(p)s.") % {"p": standard.position})
            return redirect("personnel:standard-list")
    return render(request, "personnel/standard_form.html", {"form": form, "standard": standard})


@role_required(Role.PROVINCE_STAFF)
def standard_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, Standard())


@role_required(Role.PROVINCE_STAFF)
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(Standard, pk=pk))
