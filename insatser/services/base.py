"""What the insatser services share: the stale-version refusal and the one-line rule check."""

from rar.errors import DomainError


class StaleVersion(DomainError):
    """The user saved a form based on an older version than the one stored."""

    def __init__(self, changed_fields):
        self.changed_fields = changed_fields
        names = ", ".join(changed_fields) if changed_fields else "uppgifterna"
        super().__init__(
            "Någon annan har sparat ändringar sedan du öppnade formuläret (ändrat: "
            f"{names}). Dina uppgifter finns kvar nedan: kontrollera och spara igen."
        )



def require(condition, message):
    """Refuse with a Swedish DomainError unless `condition` holds."""
    if not condition:
        raise DomainError(message)

