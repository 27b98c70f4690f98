"""Views of the assessment app, one module per page group: years, scoring, evidence, Excel, submit,
responsibility, review, confirmation and the follow-ups with their improvement plans."""
