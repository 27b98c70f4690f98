"""``/api/v1/``: the read-only web API, its OpenAPI schema and its documentation page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from reports.api import views

app_name = "api"

router = SimpleRouter()
router.register("communes", views.CommuneViewSet, basename="commune")
router.register("districts", views.DistrictViewSet, basename="district")
router.register("years", views.YearViewSet, basename="year")
router.register("criteria-sets", views.CriteriaSetViewSet, basename="criteria-set")
router.register("assessments", views.AssessmentViewSet, basename="assessment")

urlpatterns = [
    # The schema and its page are public: they describe the resources and hold no data.
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("years/<year:year>/summary/", views.YearSummaryView.as_view(), name="year-summary"),
    path("official-ratios/", views.OfficialRatiosView.as_view(), name="official-ratios"),
    path("followups/chair-reviews/", views.ChairReviewView.as_view(), name="chair-reviews"),
    path("followups/<str:kind>/", views.FollowUpView.as_view(), name="followup-list"),
    *router.urls,
]
