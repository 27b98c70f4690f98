"""URLs of the assessment app, under /danh-gia/: years and criteria sets, score entry and evidence,
then the review, confirmation, follow-ups and improvement plans, then the score sheet's Excel round trip.

Per-assessment URLs follow the score pages' shape: /danh-gia/<year>/<commune code>/...
"""

from django.urls import path

from assessment.views import (
    confirm,
    evidence,
    excel,
    history,
    items,
    plans,
    ratings,
    responsibility,
    review,
    scoring,
    submit,
    years,
)

app_name = "assessment"

urlpatterns = [
    # Years and criteria sets (province staff).
    path("nam/", years.year_list, name="year-list"),
    path("nam/them/", years.year_create, name="year-create"),
    path("nam/<year:year>/sua/", years.year_edit, name="year-edit"),
    path("nam/<year:year>/chi-tieu/", years.year_targets, name="year-targets"),
    # Past years' results from the Department's workbook (province staff).
    path("nam/nhap-ket-qua/", history.history_upload, name="history-upload"),
    path("nam/nhap-ket-qua/mau/", history.history_template, name="history-template"),
    path("nam/nhap-ket-qua/mau-co-du-lieu/", history.history_sample, name="history-sample"),
    path("nam/nhap-ket-qua/chon-xa/", history.history_choose, name="history-choose"),
    path("nam/nhap-ket-qua/xac-nhan/", history.history_confirm, name="history-confirm"),
    path("bo-tieu-thuc/", years.criteria_set_list, name="criteria-set-list"),
    path("bo-tieu-thuc/<int:pk>/", years.criteria_set_detail, name="criteria-set-detail"),
    path("bo-tieu-thuc/<int:pk>/quyet-dinh/", years.criteria_set_decision, name="criteria-set-decision"),
    # Score entry, evidence, submitting, who answers for each criterion (the commune).
    path("cham-diem/", scoring.score_current, name="score-current"),
    path("minh-chung/<int:pk>/", evidence.evidence_download, name="evidence-download"),
    path("minh-chung/<int:pk>/xoa/", evidence.evidence_delete, name="evidence-delete"),
    path("<year:year>/<str:code>/cham-diem/", scoring.score_edit, name="score-edit"),
    path("<year:year>/<str:code>/cham-diem/<int:number>/", scoring.score_row, name="score-row"),
    path(
        "<year:year>/<str:code>/cham-diem/<int:number>/noi-dung/<int:item>/",
        items.item_score_row,
        name="item-score-row",
    ),
    path(
        "<year:year>/<str:code>/cham-diem/<int:number>/minh-chung/",
        evidence.evidence_upload,
        name="evidence-upload",
    ),
    path("<year:year>/<str:code>/lich-su/", scoring.score_history, name="score-history"),
    path("<year:year>/<str:code>/nop/", submit.submit, name="submit"),
    path("<year:year>/<str:code>/phu-trach/", responsibility.criterion_assignments, name="criterion-assignments"),
    # District review, province confirmation, follow-ups and improvement plans.
    path("tham-dinh/", review.review_queue_province, name="review-queue-province"),
    path("tham-dinh/huyen/<str:code>/", review.review_queue, name="review-queue"),
    path("<year:year>/<str:code>/", review.assessment_detail, name="assessment-detail"),
    path("<year:year>/<str:code>/tham-dinh/", review.review, name="review"),
    path("<year:year>/<str:code>/tham-dinh/tra-lai/", review.review_return, name="review-return"),
    path("<year:year>/<str:code>/tham-dinh/duyet/", review.review_approve, name="review-approve"),
    path("<year:year>/<str:code>/cong-nhan/", confirm.confirm, name="confirm"),
    path("<year:year>/<str:code>/phe-binh/", confirm.decision_create, name="decision-create"),
    path("<year:year>/<str:code>/mo-lai/", confirm.reopen, name="reopen"),
    path("cong-nhan/", confirm.confirm_list, name="confirm-list"),
    path("cong-nhan/<year:year>/tat-ca/", confirm.confirm_bulk, name="confirm-bulk"),
    path("nam/<year:year>/khoa-so/", confirm.year_lock, name="year-lock"),
    path("theo-doi/", plans.followups, name="followups"),
    path("ke-hoach/", plans.plan_list, name="plan-list"),
    path("ke-hoach/<year:year>/<str:code>/", plans.plan_edit, name="plan-edit"),
    path("ke-hoach/<year:year>/<str:code>/gui/", plans.plan_submit, name="plan-submit"),
    # The score sheet's Excel round trip.
    path("<year:year>/<str:code>/excel/", excel.excel_download, name="excel-download"),
    path("<year:year>/<str:code>/excel/nhap/", excel.excel_upload, name="excel-upload"),
    # Officials' ratings (II.3), follow-up actions (II.3, II.4), commendation eligibility.
    *ratings.urlpatterns,
]
