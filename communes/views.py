from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from communes.dates import on_day
from communes.filters import CommuneFilter
from communes.models import Role
from communes.panels import render_context
from communes.permissions import (
    ANY_ROLE,
    communes_in_scope,
    districts_in_scope,
    get_commune_or_404,
    get_district_or_404,
    role_required,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to where their work starts."""
    user = request.user
    if user.role == Role.COMMUNE_STAFF:
        return redirect("communes:commune-detail", code=user.commune.code)
    if user.role == Role.DISTRICT_REVIEWER:
        return redirect("communes:district-detail", code=user.district.code)
    if user.role == Role.PROVINCE_STAFF or user.is_superuser:
        # The dashboard is the reports app's; communes knows it only by URL name.
        try:
            return redirect(reverse("reports:province-dashboard"))
        except NoReverseMatch:
            return redirect("communes:commune-list")
    return render(request, "communes/no_role.html", status=403)


@role_required(*ANY_ROLE)
def commune_list(request: HttpRequest) -> HttpResponse:
    districts = districts_in_scope(request.user).order_by("code")
    queryset = communes_in_scope(request.user).order_by("district__code", "code")
    filterset = CommuneFilter(request.GET or None, queryset=queryset, districts=districts)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "communes/commune_list.html",
        {"filter": filterset, "page": page, "show_filters": districts.exists() or request.user.is_superuser},
    )


@role_required(*ANY_ROLE)
def commune_detail(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code, on_day(request), with_history=True)
    panels = render_context("commune", request, commune)
    return render(request, "communes/commune_detail.html", {"commune": commune, "panels": panels})


@role_required(Role.DISTRICT_REVIEWER, Role.PROVINCE_STAFF)
def district_detail(request: HttpRequest, code: str) -> HttpResponse:
    district = get_district_or_404(request.user, code)
    communes = district.communes.order_by("code")
    panels = render_context("district", request, district)
    return render(
        request, "communes/district_detail.html", {"district": district, "communes": communes, "panels": panels}
    )
