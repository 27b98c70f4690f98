"""The one place that decides what a user may see: every view finds its objects through here.

A user's scope is an administrative unit. Anything outside it answers 404, so a guessed URL
of another commune tells nothing, not even that the commune exists in the portal.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from communes.models import Commune, District, Role, User

M = TypeVar("M", bound=Model)


def commune_scope_q(user: User, commune_path: str = "") -> Q:
    """A filter that keeps rows whose commune (reached through ``commune_path``) is in scope."""
    prefix = f"{commune_path}__" if commune_path else ""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    if user.role == Role.PROVINCE_STAFF:
        return Q(**{f"{prefix}province_id": user.province_id})
    if user.role == Role.DISTRICT_REVIEWER:
        return Q(**{f"{prefix}district_id": user.district_id})
    if user.role == Role.COMMUNE_STAFF:
        return Q(**{f"{prefix}pk" if not commune_path else f"{commune_path}_id": user.commune_id})
    return Q(pk__in=[])


def communes_in_scope(user: User) -> QuerySet[Commune]:
    """The communes this user may see."""
    return Commune.objects.filter(commune_scope_q(user)).select_related("district", "province")


def districts_in_scope(user: User) -> QuerySet[District]:
    """The districts this user may see whole (province staff: all of theirs; reviewers: their own)."""
    if user.is_superuser:
        return District.objects.all()
    if user.role == Role.PROVINCE_STAFF:
        return District.objects.filter(province_id=user.province_id)
    if user.role == Role.DISTRICT_REVIEWER:
        return District.objects.filter(pk=user.district_id)
    return District.objects.none()


def filter_by_scope(user: User, queryset: QuerySet[M], commune_path: str = "commune") -> QuerySet[M]:
    """Keep only the rows of ``queryset`` that belong to a commune in the user's scope."""
    return queryset.filter(commune_scope_q(user, commune_path))


def get_in_scope_or_404(
    user: User, queryset: QuerySet[M], commune_path: str = "commune", **lookup: Any
) -> M:
    """Find one object by ``lookup`` among those in the user's scope, or raise 404."""
    try:
        return filter_by_scope(user, queryset, commune_path).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from None


def get_commune_or_404(user: User, code: str) -> Commune:
    """The commune with GSO ``code`` if the user may see it, else 404."""
    return get_in_scope_or_404(user, communes_in_scope(user), commune_path="", code=code)


def get_district_or_404(user: User, code: str) -> District:
    """The district with GSO ``code`` if the user may see it whole, else 404."""
    try:
        return districts_in_scope(user).select_related("province").get(code=code)
    except District.DoesNotExist:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from None


def has_role(user: User, *roles: str) -> bool:
    """True when the user is signed in with one of ``roles`` (superusers pass every check)."""
    return user.is_authenticated and (user.is_superuser or user.role in roles)


def role_required(*roles: str) -> Callable:
    """View decorator: sign-in required, then 403 unless the user has one of ``roles``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not has_role(request.user, *roles):
                raise PermissionDenied(_("Vai trò của bạn không được thực hiện thao tác này."))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RoleRequiredMixin(LoginRequiredMixin):
    """Class-based twin of :func:`role_required`; set ``allowed_roles`` on the view."""

    allowed_roles: tuple[str, ...] = (Role.COMMUNE_STAFF, Role.DISTRICT_REVIEWER, Role.PROVINCE_STAFF)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not has_role(request.user, *self.allowed_roles):
            raise PermissionDenied(_("Vai trò của bạn không được thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)


ANY_ROLE = (Role.COMMUNE_STAFF, Role.DISTRICT_REVIEWER, Role.PROVINCE_STAFF)
