"""Every URL of the project, for every role: the expected status and nothing else."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.matrix import LEAK_NAMES, ROLES, Case

PORTAL_NAMESPACES = {"communes", "personnel", "assessment", "reports", "api"}


def _collect() -> list[Case]:
    cases: list[Case] = []
    for module in pkgutil.iter_modules(tests.__path__):
        if module.ispkg:
            try:
                found = importlib.import_module(f"tests.{module.name}.matrix_cases")
            except ModuleNotFoundError:
                continue
            cases.extend(found.CASES)
    return cases


CASES = _collect()


def _portal_url_names(resolver: URLResolver = None, namespace: str = "") -> set[str]:
    names = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in PORTAL_NAMESPACES:
                names |= _portal_url_names(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name and (namespace or entry.name == "home"):
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_portal_url_is_in_the_matrix():
    missing = _portal_url_names() - {case.url_name for case in CASES}
    assert not missing, f"add these URL names to a tests/<app>/matrix_cases.py: {sorted(missing)}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
@pytest.mark.parametrize("role", ROLES)
def test_url_answers_each_role_with_the_expected_status(client, world, case: Case, role: str):
    if case.setup:
        case.setup(world)
    if role != "anonymous":
        client.force_login(getattr(world, role))
    url = reverse(case.url_name, kwargs=case.kwargs(world))
    data = case.data(world) if case.data else {}
    response = getattr(client, case.method)(url, data)
    assert response.status_code == case.expect[role], f"{role} {case.method.upper()} {url}"
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        other = LEAK_NAMES["home" if role.startswith("foreign_") else "foreign"]
        text = response.content.decode()
        shown = [name for name in other if name in text]
        assert not shown, f"{role} {case.method.upper()} {url} shows the other province's {shown}"


def _rows_by_url_name() -> dict[str, dict[str, Case]]:
    rows: dict[str, dict[str, Case]] = {}
    for case in CASES:
        rows.setdefault(case.url_name, {}).setdefault(case.method, case)
    return rows


ROWS = _rows_by_url_name()
METHODS = ("get", "post")


@pytest.mark.parametrize("url_name", sorted(ROWS))
def test_every_method_a_url_accepts_has_a_row(client, world, url_name: str):
    """A method without a row must be refused (405): a view that answers POST needs a POST row."""
    rows = ROWS[url_name]
    for method in sorted(set(METHODS) - rows.keys()):
        case = next(iter(rows.values()))
        role = next((r for r in ROLES[1:] if case.expect[r] <= 400), None)  # 400: let in, bad form
        assert role, f"{case.id}: no role is let in, so its other methods cannot be probed"
        if case.setup:
            case.setup(world)
        client.force_login(getattr(world, role))
        url = reverse(case.url_name, kwargs=case.kwargs(world))
        status = getattr(client, method)(url).status_code
        assert status == 405, (
            f"{role} {method.upper()} {url} answered {status}: add a {method.upper()} row to the matrix "
            "or restrict the view's methods (require_safe / require_POST)"
        )
