from django.core.exceptions import BadRequest, PermissionDenied


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


class NotAllowed(PermissionDenied):
    """The user has no right to this action. `message` is Swedish; the 403 handler (`rar.views.forbidden`) shows it.
    Services raise it where they check the right (`rar.permissions.require`); a form page for some roles only is
    refused with it up front too."""

    def __init__(self, message=""):
        super().__init__(message)
        self.message = message
