class DomainError(Exception):
    """A business rule refused an action. `message` is Swedish and meant for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
