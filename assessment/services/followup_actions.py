"""Recording what was done about a computed follow-up (plan 703 II.3, II.4).

Who records: province staff for every kind (the Department follows each commune's follow-ups for
the provincial People's Committee; before 01/07/2025 the district acted, and the Department records
the district's decision or minutes it received), and a commune's own staff for its improvement plan
(filing it is the commune's own action). District reviewers read them.
"""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from assessment.filetypes import EvidenceFileError, check_evidence_file
from assessment.models import Assessment, FollowUpAction, FollowUpKind
from assessment.selectors.followup_actions import kinds_required
from assessment.services.errors import AssessmentError
from communes.models import User
from communes.permissions import governs_commune, is_commune_staff_of


def may_record(user: User, assessment: Assessment, kind: str) -> bool:
    """True when ``user`` may record an action of ``kind`` for ``assessment``'s commune."""
    commune = assessment.commune
    if user.is_superuser or governs_commune(user, commune):
        return True
    return kind == FollowUpKind.IMPROVEMENT_PLAN and is_commune_staff_of(user, commune)


def followup_action_refusal(*, user: User, assessment: Assessment, kind: str) -> str | None:
    """Why ``user`` may not record an action of ``kind`` for ``assessment`` (None: they may)."""
    if kind not in FollowUpKind.values:
        return _("Không có việc theo dõi này.")
    if not may_record(user, assessment, kind):
        return _("Sở Nội vụ ghi kết quả việc này; xã chỉ ghi kết quả lập kế hoạch của xã.")
    if kind not in kinds_required(assessment):
        return _("Kết quả năm %(y)s của xã không đòi hỏi việc này.") % {"y": assessment.year.year}
    return None


@transaction.atomic
def followup_action_record(
    *,
    assessment: Assessment,
    kind: str,
    number: str,
    day: date,
    actor_name: str,
    note: str = "",
    upload: UploadedFile | None = None,
    user: User,
) -> FollowUpAction:
    """Record a decision or minutes for one follow-up; an evidence file is checked as the score
    evidence is (extension and real content, ``assessment.filetypes``)."""
    refused = followup_action_refusal(user=user, assessment=assessment, kind=kind)
    if refused:
        raise AssessmentError(refused)
    action = FollowUpAction(
        assessment=assessment,
        kind=kind,
        number=number.strip(),
        date=day,
        actor_name=actor_name.strip(),
        note=note.strip(),
        recorded_by=user,
    )
    if upload is not None:
        name = upload.name or "tep"
        try:
            action.content_type = check_evidence_file(name, upload.size or 0, upload)
        except EvidenceFileError as error:
            raise AssessmentError(str(error)) from None
        action.original_name = name[:255]
        action.file.save(name, upload, save=False)
    action.save()
    return action
