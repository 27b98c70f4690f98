"""The commune profile: office building and equipment, administrative-procedure statistics,
the dialogue conference, villages and new-rural status (models stay in the ``communes`` app)."""
