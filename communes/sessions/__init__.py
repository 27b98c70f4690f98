"""Sessions that slide without being written on every request.

A session ends after ``SESSION_COOKIE_AGE`` seconds without a request. Django's way to slide it,
``SESSION_SAVE_EVERY_REQUEST``, writes the session row on every page (three queries: begin, update,
commit). Here the database store remembers the expiry it read, and ``SessionRenewalMiddleware``
marks the session for saving only when that expiry is more than ``SESSION_RENEW_AFTER`` seconds
older than a fresh one would be: an idle session still ends ``SESSION_COOKIE_AGE`` after the last
request, give or take ``SESSION_RENEW_AFTER``.
"""
