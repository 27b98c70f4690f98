"""URLs of the assessment app, under /danh-gia/ (the review side's URLs are appended from urls_review)."""

from django.urls import path

from assessment import urls_excel, views_evidence, views_responsibility, views_scoring, views_submit, views_years
from assessment.urls_review import urlpatterns as review_urlpatterns

app_name = "assessment"

urlpatterns = [
    path("nam/", views_years.year_list, name="year-list"),
    path("nam/them/", views_years.year_create, name="year-create"),
    path("nam/<int:year>/sua/", views_years.year_edit, name="year-edit"),
    path("nam/<int:year>/chi-tieu/", views_years.year_targets, name="year-targets"),
    path("bo-tieu-thuc/", views_years.criteria_set_list, name="criteria-set-list"),
    path("bo-tieu-thuc/<int:pk>/", views_years.criteria_set_detail, name="criteria-set-detail"),
    path("bo-tieu-thuc/<int:pk>/xac-nhan/", views_years.criteria_set_mark_confirmed, name="criteria-set-confirm"),
    path("cham-diem/", views_scoring.score_current, name="score-current"),
    path("minh-chung/<int:pk>/", views_evidence.evidence_download, name="evidence-download"),
    path("minh-chung/<int:pk>/xoa/", views_evidence.evidence_delete, name="evidence-delete"),
    path("<int:year>/<str:code>/cham-diem/", views_scoring.score_edit, name="score-edit"),
    path("<int:year>/<str:code>/cham-diem/<int:number>/", views_scoring.score_row, name="score-row"),
    path(
        "<int:year>/<str:code>/cham-diem/<int:number>/minh-chung/",
        views_evidence.evidence_upload,
        name="evidence-upload",
    ),
    path("<int:year>/<str:code>/lich-su/", views_scoring.score_history, name="score-history"),
    path("<int:year>/<str:code>/nop/", views_submit.submit, name="submit"),
    path("<int:year>/<str:code>/phu-trach/", views_responsibility.criterion_assignments, name="criterion-assignments"),
]

urlpatterns += review_urlpatterns
urlpatterns += urls_excel.urlpatterns
