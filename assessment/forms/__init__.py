"""Forms of the assessment app: assessments (years, score rows, evidence upload), excel, plans,
responsibility, review (district review and province confirmation) and targets."""

from assessment.forms.assessments import (
    DATE_FORMAT,
    AssessmentYearForm,
    CriteriaSetChoiceField,
    DayMonthYearField,
    EvidenceUploadForm,
    row_input,
    row_prefix,
    rows_input,
)

__all__ = [
    "DATE_FORMAT",
    "AssessmentYearForm",
    "CriteriaSetChoiceField",
    "DayMonthYearField",
    "EvidenceUploadForm",
    "row_input",
    "row_prefix",
    "rows_input",
]
