class PersonnelError(Exception):
    """A change refused for a reason the user can act on; the message is shown as is."""
