"""The framework's own cost: Django's request cycle on this portal, with none of a page's work.

A trivial view (:func:`framework_view`: "ok", no query, no template) reached through the portal's
whole middleware stack by the same signed-in commune user as the score page and the score save
(session, user, second factor, password setup, language, messages, CSP, htmx, history, axes). What
the score page or the save costs beyond these figures is its own work. The view is mounted only in
the benchmark's URLconf (``benchmarks.urls``), never in the portal's.

``measure(bench)`` gives the results (no floor, no target: they are context for the pages' ratios);
``python -m benchmarks.framework`` prints them alone (``BENCH_DATABASE_URL`` as for ``benchmarks.run``).
"""

import sys

from django.http import HttpRequest, HttpResponse

URL = "/bench/framework/"


def framework_view(request: HttpRequest) -> HttpResponse:
    """Nothing but an answer: what every request of a signed-in user pays is the middleware's."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


def measure(bench, repeat: int | None = None) -> list:  # noqa: ANN001 - benchmarks.run.Bench
    """The trivial view's GET and htmx POST, as the bench's commune user: p95, median and queries."""
    from django.test.utils import override_settings

    from benchmarks.measure import count_queries, result, timed

    client = bench.client(bench.users.commune_staff)
    repeat = repeat or bench.plan.save_repeat
    requests = {
        "GET": lambda: _ok(client.get(URL)),
        "htmx POST": lambda: _ok(client.post(URL, {"x": "1"}, HTTP_HX_REQUEST="true")),
    }
    out = []
    with override_settings(ROOT_URLCONF="benchmarks.urls"):
        for label, request in requests.items():
            timing = timed(request, repeat=repeat, warmup=3)
            queries = count_queries(request)
            size = bench.plan.size
            note = f"Django's request cycle and the portal's middleware to a view that does nothing; {queries} queries"
            out += [
                result(f"framework {label} p95", timing.p95, "ms", size=size, note=note),
                result(f"framework {label} median", timing.median, "ms", size=size),
                result(f"framework {label} queries", queries, "count", size=size),
            ]
    return out


def _ok(response) -> None:  # noqa: ANN001 - HttpResponse
    if response.status_code != 200:
        raise RuntimeError(f"{URL} answered {response.status_code}")


def main() -> int:
    from benchmarks import env

    env.configure(env.database_url())
    from benchmarks.measure import table
    from benchmarks.run import Bench, plan_for
    from communes.models import Commune, year_day

    bench = Bench(plan_for(Commune.objects.valid_on(year_day(2021)).count(), quick=False))
    print(table(measure(bench)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
