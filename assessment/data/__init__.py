"""Criteria sets shipped with the portal, as plain data (used by migrations, services and tests)."""
