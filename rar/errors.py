from django.core.exceptions import BadRequest


class DomainError(Exception):
    """A business rule refused an action. `message` is Swedish and meant for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class BadParameter(BadRequest):
    """A query or form parameter that no page of ours sends (a garbled year, an unknown format). `message` is
    Swedish and names the parameter; the 400 handler (`rar.views.bad_request`) shows it."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
