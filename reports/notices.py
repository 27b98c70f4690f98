"""The notification to the user who ordered a report job, when it is done or has failed."""

from django.urls import reverse
from django.utils.translation import gettext as _

from communes.models import NotificationKind
from communes.notifications.services import after_commit, notify
from reports.models import JobStatus, ReportJob


def job_finished_notify(*, job_id: int) -> None:
    """After commit: tell the job's creator that its file is ready, or why it failed."""

    def send() -> None:
        job = ReportJob.objects.select_related("created_by").filter(pk=job_id).first()
        if job is None or job.status not in (JobStatus.SUCCEEDED, JobStatus.FAILED):
            return

        def render() -> tuple[str, str]:
            values = {"report": job.get_kind_display(), "year": job.year}
            if job.status == JobStatus.SUCCEEDED:
                return _("%(report)s năm %(year)s đã tạo xong") % values, _("Tệp đã sẵn sàng để tải về.")
            return _("%(report)s năm %(year)s bị lỗi") % values, job.error

        kind = NotificationKind.REPORT_DONE if job.status == JobStatus.SUCCEEDED else NotificationKind.REPORT_FAILED
        notify(
            recipients=[job.created_by],
            kind=kind,
            render=render,
            link=reverse("reports:job-detail", args=[job.pk]),
        )

    after_commit(send)
