"""The read-only web API for the province's other systems (README "API cho hệ thống khác").

Token-only: a client system sends ``Authorization: Bearer <token>`` (:mod:`.authentication`); what it
reads is its :class:`reports.models.ApiClient`'s scope, applied by ``communes.permissions`` as for the
pages. Portal users' sessions are not accepted here. Every figure comes from the selectors the pages
and dashboards use.
"""
