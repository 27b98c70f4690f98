"""Forms of the assessment app: assessments (years, score rows, evidence upload), excel, plans,
responsibility, review (district review and province confirmation) and targets."""

from assessment.forms.assessments import (
    AssessmentYearForm,
    CriteriaSetChoiceField,
    DayMonthYearField,
    EvidenceUploadForm,
    row_input,
    row_prefix,
    rows_input,
)

__all__ = [
    "AssessmentYearForm",
    "CriteriaSetChoiceField",
    "DayMonthYearField",
    "EvidenceUploadForm",
    "row_input",
    "row_prefix",
    "rows_input",
]
