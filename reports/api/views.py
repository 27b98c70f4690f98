"""Read-only resources: every list and object is cut to the client's scope by ``communes.permissions``.

Another province's or commune's object answers 404 (not 403), as on the pages.
"""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import generics, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from assessment.models import Assessment, AssessmentYear, CriteriaSet, CriterionScore
from assessment.selectors import followups as followup_selectors
from assessment.selectors.assessments import year_or_404
from assessment.selectors.review import year_or_latest
from communes.models import Commune, District, Succession
from communes.permissions import communes_in_scope, filter_by_scope
from reports.api import selectors, serializers
from reports.api.filters import AssessmentFilter, CommuneFilter
from reports.api.permissions import scope_of


class CommuneViewSet(viewsets.ReadOnlyModelViewSet):
    """Communes of both maps in the client's scope (with predecessors), valid between two dates."""

    serializer_class = serializers.CommuneSerializer
    filterset_class = CommuneFilter

    def get_queryset(self) -> QuerySet[Commune]:
        return (
            communes_in_scope(scope_of(self.request), with_history=True)
            .prefetch_related(
                Prefetch("successions_out", Succession.objects.select_related("successor")),
                Prefetch("successions_in", Succession.objects.only("pk", "predecessor_id", "successor_id")),
            )
            .order_by("code", "valid_from", "pk")
        )


class DistrictViewSet(viewsets.ReadOnlyModelViewSet):
    """District-level units (until 30/06/2025) that hold a commune of the client's scope."""

    serializer_class = serializers.DistrictSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[District]:
        communes = communes_in_scope(scope_of(self.request), with_history=True)
        return (
            District.objects.filter(pk__in=communes.order_by().values("district_id"))
            .select_related("province")
            .prefetch_related("successors")
            .order_by("code", "pk")
        )


class YearViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessment years (the same for every client: they belong to the installation)."""

    serializer_class = serializers.YearSerializer
    queryset = AssessmentYear.objects.order_by("-year")
    lookup_field = "year"
    filter_backends = []


class CriteriaSetViewSet(viewsets.ReadOnlyModelViewSet):
    """Criteria sets with their criteria and the thresholds of each class."""

    serializer_class = serializers.CriteriaSetSerializer
    queryset = CriteriaSet.objects.prefetch_related("criteria", "thresholds").order_by("-year_from", "pk")
    filter_backends = []


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Assessments in the client's scope (with predecessors' earlier years), with scores and classes."""

    serializer_class = serializers.AssessmentSerializer
    filterset_class = AssessmentFilter

    def get_queryset(self) -> QuerySet[Assessment]:
        queryset = filter_by_scope(scope_of(self.request), Assessment.objects.all(), with_history=True)
        return (
            queryset.select_related("year", "commune__district")
            .prefetch_related(
                Prefetch("scores", CriterionScore.objects.select_related("criterion").order_by("criterion__number")),
                "decisions",
            )
            .order_by("-year__year", "commune__code", "pk")
        )


YEAR_PARAMETER = OpenApiParameter("year", OpenApiTypes.INT, description="Assessment year (default: the latest)")


def _year(request: Request) -> AssessmentYear:
    year = year_or_latest(request.query_params.get("year"))
    if year is None:
        raise Http404(_("Chưa có năm đánh giá nào."))
    return year


@extend_schema(parameters=[YEAR_PARAMETER])
class OfficialRatiosView(generics.ListAPIView):
    """Each commune's officials against the standards (plan 703 I.3): the dashboard's ratios, per commune,
    counted on 31 December of the year (today while it runs)."""

    serializer_class = serializers.CommuneRatiosSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[Commune]:
        self.year = _year(self.request)
        return selectors.year_communes(scope_of(self.request), self.year).order_by("code", "pk")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = selectors.commune_ratios(page, selectors.ratios_day(self.year, timezone.localdate()))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


@extend_schema(
    parameters=[
        YEAR_PARAMETER,
        OpenApiParameter(
            "kind",
            OpenApiTypes.STR,
            OpenApiParameter.PATH,
            enum=list(selectors.FOLLOWUP_LISTS),
            description=(
                "criticised, reminded, criticised_two_years (this year and the year before), needing_plan "
                "(results that require an improvement plan), missing_plans (of those, no plan submitted for "
                "the year after)"
            ),
        ),
    ]
)
class FollowUpView(generics.ListAPIView):
    """A follow-up list of a year (the dashboard's and the follow-ups page's), for the client's scope."""

    serializer_class = serializers.FollowUpSerializer
    filter_backends = []

    def get_queryset(self) -> QuerySet[Assessment]:
        kind = self.kwargs["kind"]
        if kind not in selectors.FOLLOWUP_LISTS:
            raise Http404(_("Không có danh sách này."))
        year = _year(self.request)
        return selectors.followup_list(kind, scope_of(self.request), year).select_related("year")


@extend_schema(parameters=[YEAR_PARAMETER])
class ChairReviewView(generics.ListAPIView):
    """Communes whose chairs are to be reviewed after the year's decisions (the follow-ups page's list),
    with what the district should consider; for the client's scope."""

    serializer_class = serializers.ChairReviewSerializer
    filter_backends = []

    def get_queryset(self) -> list:
        year = _year(self.request)
        rows = followup_selectors.followups(scope_of(self.request), year).chairs
        for row in rows:
            row.assessment.year = year  # every row is of this year: no query per row for it
        return rows


class YearSummaryView(generics.GenericAPIView):
    """The year's figures as on the province dashboard, for the client's scope: class counts and TSVM
    (in all and per district or reviewer group), workflow progress, criterion averages, officials'
    ratios and the size of each follow-up list."""

    serializer_class = serializers.YearSummarySerializer
    filter_backends = []
    pagination_class = None

    def get(self, request: Request, year: int) -> Response:
        found = year_or_404(year)
        summary = selectors.year_summary(scope_of(request), found, timezone.localdate())
        return Response(self.get_serializer(summary).data)


class DocsView(SpectacularSwaggerSplitView):
    """The browsable documentation (Swagger UI from the portal's static files; its start script is a
    separate same-origin request, so the page needs no inline script under the portal's CSP)."""

    template_name = "reports/api_docs.html"
    title = gettext_lazy("API cổng đánh giá chính quyền cơ sở")
