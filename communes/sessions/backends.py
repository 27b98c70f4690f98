"""The database session store, remembering the expiry it read (see ``communes.sessions``)."""

from datetime import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    stored_expiry: datetime | None = None

    def _get_session_from_db(self):  # noqa: ANN202 - Session | None
        row = super()._get_session_from_db()
        self.stored_expiry = row.expire_date if row is not None else None
        return row
