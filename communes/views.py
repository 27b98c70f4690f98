from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from communes.dates import on_day, parse_year
from communes.filters import CommuneFilter
from communes.models import Role
from communes.panels import render_context
from communes.permissions import ANY_ROLE, get_commune_or_404, get_district_or_404, role_required
from communes.selectors import commune_lineage, communes_on_day, districts_on_day

# The first year the list offers: the portal holds results from 2019 on.
FIRST_LISTED_YEAR = 2019


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each user to where their work starts."""
    user = request.user
    if user.role == Role.COMMUNE_STAFF:
        return redirect("communes:commune-detail", code=user.commune.code)
    if user.role == Role.DISTRICT_REVIEWER:
        return redirect("communes:district-detail", code=user.district.code)
    # The dashboard and the review queue are higher apps' pages; communes knows them only by URL name.
    if user.role == Role.PROVINCE_REVIEWER:
        return _redirect_by_name("assessment:review-queue-province")
    if user.role == Role.PROVINCE_STAFF or user.is_superuser:
        return _redirect_by_name("reports:province-dashboard")
    return render(request, "communes/no_role.html", status=403)


def _redirect_by_name(name: str) -> HttpResponse:
    try:
        return redirect(reverse(name))
    except NoReverseMatch:
        return redirect("communes:commune-list")


@require_safe
@role_required(*ANY_ROLE)
def commune_list(request: HttpRequest) -> HttpResponse:
    """The communes in scope that stand on the chosen day (today by default), with the map's filters.

    Commune staff have one commune today: they are sent to its page rather than shown a one-row list
    (a past day, ``?nam=2024``, still lists what their commune was made of)."""
    if request.user.is_commune_staff and request.user.commune_id and not request.GET:
        return redirect("communes:commune-detail", code=request.user.commune.code)
    day = on_day(request)
    districts = districts_on_day(request.user, day)
    filterset = CommuneFilter(request.GET or None, queryset=communes_on_day(request.user, day), districts=districts)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "communes/commune_list.html",
        {
            "filter": filterset,
            "page": page,
            "day": day,
            "today": today,
            "link_day": None if day == today else day,
            "has_districts": "district" in filterset.filters or any(c.district_id for c in page.object_list),
            "years": range(today.year, FIRST_LISTED_YEAR - 1, -1),
            "chosen_year": parse_year(request.GET.get("nam")),
        },
    )


@require_safe
@role_required(*ANY_ROLE)
def commune_detail(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code, on_day(request), with_history=True)
    panels = render_context("commune", request, commune)
    return render(
        request,
        "communes/commune_detail.html",
        {"commune": commune, "lineage": commune_lineage(commune), "panels": panels},
    )


@require_safe
@role_required(Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)
def district_detail(request: HttpRequest, code: str) -> HttpResponse:
    district = get_district_or_404(request.user, code)
    communes = district.communes.order_by("code")
    panels = render_context("district", request, district)
    return render(
        request, "communes/district_detail.html", {"district": district, "communes": communes, "panels": panels}
    )
