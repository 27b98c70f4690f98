"""Domain errors the views turn into messages for the user (always in the user's language)."""


class AssessmentError(Exception):
    """An action refused for a reason the user can understand and fix."""


class StaleEditError(AssessmentError):
    """The page was out of date: someone else saved first. ``current`` holds their values."""

    def __init__(self, message: str, current: object = None) -> None:
        super().__init__(message)
        self.current = current
