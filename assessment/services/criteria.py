"""Writes on criteria sets: install the shipped default, record the decision a provisional set follows."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.data import decision_34_2011
from assessment.models import CriteriaSet, Criterion, Threshold
from assessment.services.errors import AssessmentError
from communes.models import Role, User


def criteria_set_install_default() -> CriteriaSet:
    """Create the Decision 34/2011 set with its 20 criteria and thresholds if missing (idempotent).

    Existing rows are left as the province edited them; only missing criteria or thresholds are added.
    """
    with transaction.atomic():
        return decision_34_2011.install(CriteriaSet, Criterion, Threshold)


def criteria_set_record_decision(
    *, criteria_set: CriteriaSet, number: str, decision_date: date, actor: User
) -> CriteriaSet:
    """Province staff record the decision ``criteria_set`` follows (number and date): from then on the
    set is no longer provisional, and who recorded it and when is kept on the set (and its history).

    Refused with :class:`AssessmentError` for anyone but province staff, a blank number, or a set
    whose decision is already recorded (a correction goes through the admin, with its history).
    """
    number = (number or "").strip()
    if actor.role != Role.PROVINCE_STAFF:
        raise AssessmentError(_("Chỉ cán bộ Sở Nội vụ được ghi quyết định ban hành bộ tiêu thức."))
    if not number:
        raise AssessmentError(_("Cần nhập số quyết định."))
    with transaction.atomic():
        locked = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        if not locked.is_provisional:
            raise AssessmentError(_("Bộ tiêu thức này đã có quyết định ban hành."))
        locked.is_provisional = False
        locked.decision_number, locked.decision_date = number, decision_date
        locked.decision_recorded_by, locked.decision_recorded_at = actor, timezone.now()
        locked._history_user = actor
        locked.save(
            update_fields=[
                "is_provisional",
                "decision_number",
                "decision_date",
                "decision_recorded_by",
                "decision_recorded_at",
            ]
        )
        return locked
