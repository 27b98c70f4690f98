"""Notifications: a person is told in the portal (a bell and a list) and by email when something needs
them. Any app tells people through :func:`communes.notifications.services.notify`; the app that knows
the event works out who and what (``assessment/notices.py``, ``reports/notices.py``), with the
recipients taken from the scope policy (``communes.permissions``)."""
