"""Matrix rows of the year archive's check page (province staff only; an empty post shows the form
again with its error, status 400)."""

from tests.matrix import Case, form_posts

PROVINCE_STAFF_ONLY = {
    "anonymous": 302,
    "commune_user": 403,
    "sibling_user": 403,
    "outsider_user": 403,
    "reviewer": 403,
    "other_reviewer": 403,
    "province_reviewer": 403,
    "province_user": 200,
}

CASES = [Case("reports:archive-check", expect=PROVINCE_STAFF_ONLY)]
CASES += form_posts(CASES, {"reports:archive-check": 400})
