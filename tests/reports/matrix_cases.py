from reports.models import JobStatus
from tests.matrix import Case, form_posts, scoped
from tests.reports.factories import report_job

ALL_DENIED = {"commune_user": 403, "sibling_user": 403, "outsider_user": 403}
# Dashboards read: province staff and province reviewers (who review the communes of years without districts).
PROVINCE_ONLY = {
    "anonymous": 302,
    **ALL_DENIED,
    "reviewer": 403,
    "other_reviewer": 403,
    "province_reviewer": 200,
    "province_user": 200,
}
REPORT_ROLES = {
    "anonymous": 302,
    **ALL_DENIED,
    "reviewer": 200,
    "other_reviewer": 200,
    "province_reviewer": 200,
    "province_user": 200,
}
# A job or page of w.district: its reviewers and the province see it, the other district's reviewer gets 404.
DISTRICT_SCOPED = scoped(commune=False) | ALL_DENIED


def _district_job(w, status: str = JobStatus.SUCCEEDED) -> None:
    w.report_job = report_job(w.reviewer, district=w.district, status=status, error="Lỗi thử")


CASES = [
    Case("reports:province-dashboard", expect=PROVINCE_ONLY),
    Case("reports:district-dashboard", lambda w: {"code": w.district.code}, DISTRICT_SCOPED),
    Case("reports:job-list", expect=REPORT_ROLES),
    Case("reports:job-detail", lambda w: {"pk": w.report_job.pk}, DISTRICT_SCOPED, setup=_district_job),
    Case("reports:job-download", lambda w: {"pk": w.report_job.pk}, DISTRICT_SCOPED, setup=_district_job),
    Case(
        "reports:job-retry",
        lambda w: {"pk": w.report_job.pk},
        scoped(302, commune=False) | ALL_DENIED,
        method="post",
        setup=lambda w: _district_job(w, JobStatus.FAILED),
    ),
]
# Ordering a report: an empty post shows the form again with its errors.
CASES += form_posts(CASES, {"reports:job-list": 200})
from tests.reports.matrix_cases_archive import CASES as ARCHIVE_CASES  # noqa: E402 - the year archive's rows

CASES += ARCHIVE_CASES
from tests.reports.matrix_cases_api import CASES as API_CASES  # noqa: E402 - the web API's rows

CASES += API_CASES
