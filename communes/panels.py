"""Sections that higher apps add to the commune and district pages.

``communes`` must not import the apps built on it, so they register their panels here from
their ``AppConfig.ready()``; the pages render every panel the user's role may see.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

ContextFn = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    template: str
    context: ContextFn
    order: int = 100
    roles: tuple[str, ...] = field(default=())  # empty: every role


_REGISTRY: dict[str, list[Panel]] = {"commune": [], "district": []}


def register(page: str, template: str, context: ContextFn, *, order: int = 100, roles: tuple[str, ...] = ()) -> None:
    """Add a panel to the 'commune' or 'district' page; ``context`` returns None to hide it."""
    panels = [p for p in _REGISTRY[page] if p.template != template]
    panels.append(Panel(template, context, order, roles))
    _REGISTRY[page] = sorted(panels, key=lambda p: p.order)


def render_context(page: str, request: HttpRequest, unit: Any) -> list[dict[str, Any]]:
    """The panels to show on ``page`` for this request: template name and its context."""
    shown = []
    for panel in _REGISTRY[page]:
        if panel.roles and not (request.user.is_superuser or request.user.role in panel.roles):
            continue
        context = panel.context(request, unit)
        if context is not None:
            shown.append({"template": panel.template, "context": context})
    return shown
