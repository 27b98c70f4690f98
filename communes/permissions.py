"""The one place that decides what a user may see and do to a commune: views and services ask here.

A user's scope is an administrative unit. Anything outside it answers 404, so a guessed URL
of another commune tells nothing, not even that the commune exists in the portal.

Reads: commune staff see their commune and its predecessors (the history they carried over in a
merger); district reviewers their district; province reviewers the communes assigned to them (all of
the province when none are) with their predecessors; province staff their province.
Writes ask a relation: :func:`is_commune_staff_of`, :func:`reviews_commune`, :func:`governs_commune`.
The superuser rule: an administrator sees everything and acts on no assessment, plan or score: the
workflow's writes need a portal role, so that every recorded act has a responsible unit behind it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import Commune, District, Role, Succession, User

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class UnitScope:
    """What a reader may see, in units: everything, a province, a district, or a set of communes.

    A user's scope is derived by :func:`scope_of_user`; a client system of the web API
    (``reports.models.ApiClient``) has one of its own (a province, or a set of communes). Both are
    read by :func:`unit_scope_q`, so pages and the API follow one policy.
    """

    everything: bool = False
    province_id: int | None = None
    district_id: int | None = None
    commune_ids: tuple[int, ...] = ()


NOTHING = UnitScope()


def scope_of_user(user: User) -> UnitScope:
    """The units ``user`` reads (before predecessors are added for read-only pages)."""
    if not user.is_authenticated:
        return NOTHING
    if user.is_superuser:
        return UnitScope(everything=True)
    if user.role == Role.PROVINCE_STAFF:
        return UnitScope(province_id=user.province_id)
    if user.role == Role.PROVINCE_REVIEWER:
        assigned = _assigned_ids(user)
        return UnitScope(commune_ids=tuple(assigned)) if assigned else UnitScope(province_id=user.province_id)
    if user.role == Role.DISTRICT_REVIEWER:
        return UnitScope(district_id=user.district_id)
    if user.role == Role.COMMUNE_STAFF and user.commune_id is not None:
        return UnitScope(commune_ids=(user.commune_id,))
    return NOTHING


def unit_scope_q(scope: UnitScope, commune_path: str = "", *, with_history: bool = False) -> Q:
    """A filter that keeps rows whose commune (reached through ``commune_path``) lies in ``scope``.

    ``with_history`` adds the predecessors of a scope's communes (a set of communes, not a whole
    province or district): read-only pages and the API pass it, writes never.
    """
    prefix = f"{commune_path}__" if commune_path else ""
    key = f"{commune_path}_id" if commune_path else "pk"
    if scope.everything:
        return Q()
    if scope.province_id is not None:
        return Q(**{f"{prefix}province_id": scope.province_id})
    if scope.district_id is not None:
        return Q(**{f"{prefix}district_id": scope.district_id})
    if scope.commune_ids:
        ids = list(scope.commune_ids)
        return Q(**{f"{key}__in": ids}) | _history_q(key, ids, with_history)
    return Q(pk__in=[])


def _scope(who: "User | UnitScope") -> UnitScope:
    return who if isinstance(who, UnitScope) else scope_of_user(who)


def commune_scope_q(user: "User | UnitScope", commune_path: str = "", *, with_history: bool = False) -> Q:
    """A filter that keeps rows whose commune (reached through ``commune_path``) is in scope.

    ``user`` is a user or a :class:`UnitScope` (an API client's). ``with_history`` adds the
    predecessors of the communes a commune user or an assigned province reviewer answers for:
    read-only pages (a commune's page, an old assessment) pass it, writes never.
    """
    return unit_scope_q(_scope(user), commune_path, with_history=with_history)


def _history_q(key: str, commune_ids: list[int], with_history: bool) -> Q:
    if not with_history:
        return Q(pk__in=[])
    return Q(**{f"{key}__in": Succession.objects.filter(successor_id__in=commune_ids).values("predecessor_id")})


def _assigned_ids(user: User) -> list[int]:
    """The communes a province reviewer answers for (cached on the user for the request)."""
    if not hasattr(user, "_review_commune_ids"):
        user._review_commune_ids = list(user.review_communes.values_list("pk", flat=True))
    return user._review_commune_ids


# --- relations that writes ask ---------------------------------------------------------------------


def is_commune_staff_of(user: User, commune: Commune) -> bool:
    """True for the staff of exactly this commune: they edit its scores, plan, officials and profile."""
    return user.is_authenticated and user.role == Role.COMMUNE_STAFF and user.commune_id == commune.pk


def reviews_commune(user: User, commune: Commune, *, has_district_level: bool) -> bool:
    """True when ``user`` appraises ``commune``'s submissions: its district's reviewers in a year with
    a district level; otherwise province reviewers of its province (those it is assigned to, or all
    when a reviewer has no list) and province staff."""
    if not user.is_authenticated:
        return False
    if has_district_level:
        return (
            user.role == Role.DISTRICT_REVIEWER
            and user.district_id is not None
            and user.district_id == commune.district_id
        )
    if user.role == Role.PROVINCE_STAFF:
        return user.province_id == commune.province_id
    if user.role == Role.PROVINCE_REVIEWER and user.province_id == commune.province_id:
        assigned = _assigned_ids(user)
        return not assigned or commune.pk in assigned
    return False


def governs_commune(user: User, commune: Commune) -> bool:
    """True for province staff of the commune's province: confirm, decide, reopen, lock."""
    return user.is_authenticated and user.role == Role.PROVINCE_STAFF and user.province_id == commune.province_id


# --- who stands in each relation to a commune (recipients of notifications) -------------------------


def _users_for(commune: Commune, related: Callable[[User], bool]) -> list[User]:
    """The active portal users of ``commune``'s province (and district) for whom ``related`` holds:
    the relation functions above decide, so a notice reaches exactly who may act."""
    near = Q(province_id=commune.province_id) | Q(commune_id=commune.pk)
    if commune.district_id is not None:
        near |= Q(district_id=commune.district_id)
    candidates = (
        User.objects.filter(near, is_active=True).exclude(role="").prefetch_related("review_communes").order_by("pk")
    )
    found = []
    for user in candidates:
        user._review_commune_ids = [c.pk for c in user.review_communes.all()]
        if related(user):
            found.append(user)
    return found


def staff_of_commune(commune: Commune) -> list[User]:
    """The commune's own staff (:func:`is_commune_staff_of`)."""
    return _users_for(commune, lambda user: is_commune_staff_of(user, commune))


def reviewers_of_commune(commune: Commune, *, has_district_level: bool) -> list[User]:
    """Who appraises the commune's submissions in a year with or without districts (:func:`reviews_commune`)."""
    return _users_for(commune, lambda user: reviews_commune(user, commune, has_district_level=has_district_level))


def governors_of_commune(commune: Commune) -> list[User]:
    """The province staff who confirm and reopen the commune's results (:func:`governs_commune`)."""
    return _users_for(commune, lambda user: governs_commune(user, commune))


def communes_in_scope(user: "User | UnitScope", *, with_history: bool = False) -> QuerySet[Commune]:
    """The communes this user may see (with their predecessors on read-only pages)."""
    return Commune.objects.filter(commune_scope_q(user, with_history=with_history)).select_related(
        "district", "province"
    )


def districts_in_scope(user: "User | UnitScope") -> QuerySet[District]:
    """The districts this user (or API client) may see whole: a province's all, a district reviewer's
    own; none for a set of communes."""
    scope = _scope(user)
    if scope.everything:
        return District.objects.all()
    if scope.province_id is not None:
        return District.objects.filter(province_id=scope.province_id)
    if scope.district_id is not None:
        return District.objects.filter(pk=scope.district_id)
    return District.objects.none()


def filter_by_scope(
    user: "User | UnitScope", queryset: QuerySet[M], commune_path: str = "commune", *, with_history: bool = False
) -> QuerySet[M]:
    """Keep only the rows of ``queryset`` that belong to a commune in the user's scope."""
    return queryset.filter(commune_scope_q(user, commune_path, with_history=with_history))


def get_in_scope_or_404(
    user: "User | UnitScope",
    queryset: QuerySet[M],
    commune_path: str = "commune",
    *,
    with_history: bool = False,
    **lookup: Any,
) -> M:
    """Find one object by ``lookup`` among those in the user's scope, or raise 404."""
    try:
        return filter_by_scope(user, queryset, commune_path, with_history=with_history).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from None


def get_commune_or_404(user: User, code: str, on: date | None = None, *, with_history: bool = False) -> Commune:
    """The commune that GSO ``code`` names on day ``on`` (today by default) if the user may see it, else 404.

    Codes are reused after a merger, so a code names a unit only together with a day.
    """
    day = on or timezone.localdate()
    queryset = communes_in_scope(user, with_history=with_history).with_code(code, day)
    try:
        return queryset.get()
    except Commune.DoesNotExist:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from None


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
                raise PermissionDenied(_roles_refusal(roles))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _roles_refusal(roles: tuple[str, ...]) -> str:
    """The reason a 403 page shows: whom the page is for (the error page prints it)."""
    names = ", ".join(str(Role(role).label) for role in roles)
    return _("Trang này chỉ dành cho: %(roles)s.") % {"roles": names}


class RoleRequiredMixin(LoginRequiredMixin):
    """Class-based twin of :func:`role_required`; set ``allowed_roles`` on the view."""

    allowed_roles: tuple[str, ...] = (
        Role.COMMUNE_STAFF,
        Role.DISTRICT_REVIEWER,
        Role.PROVINCE_REVIEWER,
        Role.PROVINCE_STAFF,
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not has_role(request.user, *self.allowed_roles):
            raise PermissionDenied(_("Vai trò của bạn không được thực hiện thao tác này."))
        return super().dispatch(request, *args, **kwargs)


ANY_ROLE = (Role.COMMUNE_STAFF, Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)
# Who appraises submissions: district reviewers (years with a district level), province reviewers and
# province staff (years without); which of them may act on a given commune is reviews_commune's answer.
REVIEWER_ROLES = (Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)
# Who reads province-wide pages (dashboards, ratios): province staff, and province reviewers read-only.
PROVINCE_READERS = (Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF)
