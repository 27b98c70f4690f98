"""URLs of the review, confirmation, follow-ups and improvement plans (appended to assessment.urls).

Per-assessment URLs follow the score pages' shape: /danh-gia/<year>/<commune code>/...
"""

from django.urls import path

from assessment import views_confirm, views_plans, views_review

urlpatterns = [
    path("tham-dinh/", views_review.review_queue_province, name="review-queue-province"),
    path("tham-dinh/huyen/<str:code>/", views_review.review_queue, name="review-queue"),
    path("<int:year>/<str:code>/", views_review.assessment_detail, name="assessment-detail"),
    path("<int:year>/<str:code>/tham-dinh/", views_review.review, name="review"),
    path("<int:year>/<str:code>/tham-dinh/tra-lai/", views_review.review_return, name="review-return"),
    path("<int:year>/<str:code>/tham-dinh/duyet/", views_review.review_approve, name="review-approve"),
    path("<int:year>/<str:code>/cong-nhan/", views_confirm.confirm, name="confirm"),
    path("<int:year>/<str:code>/phe-binh/", views_confirm.decision_create, name="decision-create"),
    path("<int:year>/<str:code>/mo-lai/", views_confirm.reopen, name="reopen"),
    path("cong-nhan/", views_confirm.confirm_list, name="confirm-list"),
    path("cong-nhan/<int:year>/tat-ca/", views_confirm.confirm_bulk, name="confirm-bulk"),
    path("nam/<int:year>/khoa-so/", views_confirm.year_lock, name="year-lock"),
    path("theo-doi/", views_plans.followups, name="followups"),
    path("ke-hoach/", views_plans.plan_list, name="plan-list"),
    path("ke-hoach/<int:year>/<str:code>/", views_plans.plan_edit, name="plan-edit"),
    path("ke-hoach/<int:year>/<str:code>/gui/", views_plans.plan_submit, name="plan-submit"),
]
