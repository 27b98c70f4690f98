"""Every URL of the project, for every role: the expected status and nothing else."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.matrix import ROLES, Case

PORTAL_NAMESPACES = {"communes", "personnel", "assessment", "reports"}


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
