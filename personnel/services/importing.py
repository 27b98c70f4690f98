"""Applying a checked officials workbook."""

from django.db import transaction
from django.utils.translation import gettext as _

from communes.models import Commune, User
from personnel.importing import ImportPlan
from personnel.services.errors import PersonnelError
from personnel.services.officials import official_create, official_update


@transaction.atomic
def officials_import(*, commune: Commune, plan: ImportPlan, user: User | None = None) -> dict[str, int]:
    """Create and update officials as ``plan`` says, all or nothing; return counts per action."""
    if not plan.valid:
        raise PersonnelError(_("Tệp còn lỗi: chưa nhập dòng nào."))
    for row in plan.rows:
        if row.action == "create":
            official_create(commune=commune, data=row.data, positions=row.positions, user=user)
        elif row.action == "update":
            official_update(official=row.official, data=row.data, positions=row.positions, user=user)
    return {action: plan.count(action) for action in ("create", "update", "unchanged")}
