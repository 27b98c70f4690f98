"""Commendation eligibility of a commune's year (DESIGN.md section 5; plan 703 II.3, II.9): a plain rule.

A commune is NOT eligible for commendation that year when any of these holds:

- its confirmed class is Trung bình or Yếu;
- the province criticised it (phê bình) or reminded it (nhắc nhở) that year;
- it had a violation: a discipline decision (``personnel.Discipline``) against one of its officials
  dated in that year and recorded at that commune (the record stays with the commune where the
  violation happened, even if the official has moved since). Public apologies are not counted on
  their own: they follow a violation that the discipline record already counts, or a minor one the
  plan does not treat as a violation of the unit.

A commune with no confirmed class yet is not refused for its class (it may still be refused for the
others); the page says its class is pending.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessment.models.criteria import Classification

WEAK_CLASSES = (Classification.AVERAGE, Classification.WEAK)


@dataclass(frozen=True)
class EligibilityInput:
    final_class: str = ""  # empty until the province confirms
    criticised: bool = False
    reminded: bool = False
    violations: int = 0  # discipline decisions of the commune's officials that year


def commendation_refusals(data: EligibilityInput) -> list[str]:
    """Why the commune is not eligible for commendation; empty when it is."""
    reasons = []
    if data.final_class in WEAK_CLASSES:
        reasons.append(_("Xếp loại %(label)s") % {"label": Classification(data.final_class).label})
    if data.criticised:
        reasons.append(_("Bị tỉnh phê bình"))
    if data.reminded:
        reasons.append(_("Bị tỉnh nhắc nhở"))
    if data.violations:
        reasons.append(
            ngettext(
                "%(n)s quyết định kỷ luật cán bộ, công chức trong năm",
                "%(n)s quyết định kỷ luật cán bộ, công chức trong năm",
                data.violations,
            )
            % {"n": data.violations}
        )
    return reasons
