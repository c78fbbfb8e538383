from rar.services.core import arende_register, arende_set_status, handling_add  # noqa: F401
