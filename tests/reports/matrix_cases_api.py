"""Matrix rows of the web API (``/api/v1/``, reports/api).

The API is token-only: a portal user's session is not accepted, so every role (anonymous or signed
in) gets 401 on every resource, for GET and POST alike (token clients are tested in
tests/reports/test_api.py, where writes get 405). The schema and its documentation page are public:
they describe the resources and hold no data, and the developers of the province's other systems
read them without a portal account.
"""

from tests.matrix import ROLES, Case

PUBLIC = dict.fromkeys(ROLES, 200)
TOKEN_ONLY = dict.fromkeys(ROLES, 401)

_RESOURCES = [
    ("api:commune-list", None),
    ("api:commune-detail", lambda w: {"pk": w.commune.pk}),
    ("api:district-list", None),
    ("api:district-detail", lambda w: {"pk": w.district.pk}),
    ("api:year-list", None),
    ("api:year-detail", lambda w: {"year": 2021}),
    ("api:criteria-set-list", None),
    ("api:criteria-set-detail", lambda w: {"pk": 1}),
    ("api:assessment-list", None),
    ("api:assessment-detail", lambda w: {"pk": 1}),
    ("api:year-summary", lambda w: {"year": 2021}),
    ("api:official-ratios", None),
    ("api:followup-list", lambda w: {"kind": "criticised"}),
    ("api:chair-reviews", None),
]

CASES = [Case("api:schema", expect=PUBLIC), Case("api:docs", expect=PUBLIC)]
for name, kwargs in _RESOURCES:
    for method in ("get", "post"):
        CASES.append(Case(name, kwargs, TOKEN_ONLY, method) if kwargs else Case(name, expect=TOKEN_ONLY, method=method))
