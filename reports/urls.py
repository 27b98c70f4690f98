from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.province_dashboard, name="province-dashboard"),
    path("huyen/<str:code>/", views.district_dashboard, name="district-dashboard"),
    path("tep/", views.job_list, name="job-list"),
    path("tep/<int:pk>/", views.job_detail, name="job-detail"),
    path("tep/<int:pk>/thu-lai/", views.job_retry, name="job-retry"),
    path("tep/<int:pk>/tai-ve/", views.job_download, name="job-download"),
    path("tep/kiem-tra-luu-tru/", views.archive_check, name="archive-check"),
]
