"""Sections that higher apps add to an official's page.

``personnel`` must not import ``assessment``; the assessment app registers, from its
``AppConfig.ready()``, a section showing the criteria the official answers for.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SectionContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class OfficialSection:
    template: str
    context: SectionContext
    order: int = 100


_SECTIONS: list[OfficialSection] = []


def register_official_section(template: str, context: SectionContext, *, order: int = 100) -> None:
    """Add a section to the official's page; ``context(request, official)`` returns None to hide it."""
    global _SECTIONS
    kept = [s for s in _SECTIONS if s.template != template]
    _SECTIONS = sorted([*kept, OfficialSection(template, context, order)], key=lambda s: s.order)


def official_sections(request: HttpRequest, official: Any) -> list[dict[str, Any]]:
    """The sections to show on ``official``'s page: template name and its context."""
    shown = []
    for section in _SECTIONS:
        context = section.context(request, official)
        if context is not None:
            shown.append({"template": section.template, "context": context})
    return shown
