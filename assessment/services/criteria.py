"""Writes on criteria sets: install the shipped default, confirm a provisional set."""

from django.db import transaction

from assessment.data import decision_34_2011
from assessment.models import CriteriaSet, Criterion, Threshold
from communes.models import User


def criteria_set_install_default() -> CriteriaSet:
    """Create the Decision 34/2011 set with its 20 criteria and thresholds if missing (idempotent).

    Existing rows are left as the province edited them; only missing criteria or thresholds are added.
    """
    with transaction.atomic():
        return decision_34_2011.install(CriteriaSet, Criterion, Threshold)


def criteria_set_confirm(*, criteria_set: CriteriaSet, actor: User) -> CriteriaSet:
    """Mark ``criteria_set`` as checked against the decision's text: it is no longer provisional."""
    with transaction.atomic():
        locked = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
        if locked.is_provisional:
            locked.is_provisional = False
            locked._history_user = actor
            locked.save(update_fields=["is_provisional"])
        return locked
